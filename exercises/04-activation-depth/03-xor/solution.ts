import * as tf from '@tensorflow/tfjs';

/** A logic gate made of neurons: rows of 0/1 inputs, shape [rows, inputs], to one output per row, [rows, 1]. */
type Gate = (x: tf.Tensor2D) => tf.Tensor2D;

/** One sigmoid neuron, as in the previous exercise: y = sigmoid(x·w + b) for every row of x. */
function neuron(weights: number[], bias: number): Gate {
  return (x) => {
    if (x.shape[1] !== weights.length)
      throw new Error(`this neuron has ${weights.length} weight(s) but each input row has ${x.shape[1]} value(s)`);
    return tf.tidy(() => tf.sigmoid(tf.matMul(x, tf.tensor2d(weights, [weights.length, 1])).add(bias))) as tf.Tensor2D;
  };
}

/**
 * Reference solution: XOR(x₁, x₂) = AND(OR(x₁, x₂), NAND(x₁, x₂)), "at least one, but not both".
 */
export function xorNetwork(): Record<'OR' | 'NAND' | 'XOR', Gate> {
  // OR: z = 20x₁ + 20x₂ − 10 = −10, +10, +10, +30 over (0,0), (0,1), (1,0), (1,1).
  const h1 = neuron([20, 20], -10);
  // NAND is AND with every sign flipped: z = −20x₁ − 20x₂ + 30 = +30, +10, +10, −10.
  const h2 = neuron([-20, -20], 30);
  // AND of the hidden outputs. They are not exactly 0 or 1 (e.g. sigmoid(10) = 0.99995), which is why the
  // output neuron keeps the same wide margins: z ≈ −10 when one hidden unit is off, ≈ +10 when both are on.
  const out = neuron([20, 20], -30);

  const XOR: Gate = (x) =>
    tf.tidy(() => {
      // The hidden layer's outputs side by side, [rows, 2]: the output neuron's inputs.
      const hidden = tf.concat([h1(x), h2(x)], 1);
      return out(hidden);
    });

  return { OR: h1, NAND: h2, XOR };
}
