import * as tf from '@tensorflow/tfjs';

/** A logic gate made of neurons: rows of 0/1 inputs, shape [rows, inputs], to one output per row, [rows, 1]. */
type Gate = (x: tf.Tensor2D) => tf.Tensor2D;

/**
 * Reference solution. One sigmoid neuron with fixed weights: y = sigmoid(x·w + b) for every row of x.
 */
function neuron(weights: number[], bias: number): Gate {
  return (x) => {
    if (x.shape[1] !== weights.length)
      throw new Error(`this neuron has ${weights.length} weight(s) but each input row has ${x.shape[1]} value(s)`);
    // Everything made inside tf.tidy (the weight column, the product, the sum) is freed except the result, which
    // is 2-D: [rows, 1].
    return tf.tidy(() => {
      const w = tf.tensor2d(weights, [weights.length, 1]);
      return tf.sigmoid(tf.matMul(x, w).add(bias));
    }) as tf.Tensor2D;
  };
}

/**
 * Each gate is a threshold unit: the line z = 0 (w·x + b = 0) separates the corners that must output 1 from those
 * that must output 0. The weights are then scaled so that every corner sits at |z| = 10, where the sigmoid is
 * within 0.00005 of 0 or 1 (sigmoid(10) = 0.9999546). Any |z| ≥ ln 9 ≈ 2.2 at every corner would pass.
 */
export function gates(): Record<'NOT' | 'AND' | 'OR', Gate> {
  return {
    // z = 10 − 20x: +10 at x = 0, −10 at x = 1. Threshold at x = 0.5.
    NOT: neuron([-20], 10),
    // z = 20x₁ + 20x₂ − 30: −30, −10, −10, +10. Only both inputs together beat the threshold of 30 (= 1.5 × 20).
    AND: neuron([20, 20], -30),
    // z = 20x₁ + 20x₂ − 10: −10, +10, +10, +30. Either input alone beats the threshold of 10 (= 0.5 × 20).
    OR: neuron([20, 20], -10),
  };
}
