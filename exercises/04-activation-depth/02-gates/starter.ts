import * as tf from '@tensorflow/tfjs';

/** A logic gate made of neurons: rows of 0/1 inputs, shape [rows, inputs], to one output per row, [rows, 1]. */
type Gate = (x: tf.Tensor2D) => tf.Tensor2D;

/**
 * One sigmoid neuron with fixed weights: for every input row x it outputs
 *
 *     y = sigmoid(x₁·w₁ + x₂·w₂ + … + b) = 1 / (1 + e^−(x·w + b))
 *
 * The grader calls it with all rows of a truth table at once, e.g. for a 2-input gate
 * x = [[0, 0], [0, 1], [1, 0], [1, 1]], so "x·w" is a matrix product: [4, 2] · [2, 1] → [4, 1].
 */
function neuron(weights: number[], bias: number): Gate {
  return (x) => {
    if (x.shape[1] !== weights.length)
      throw new Error(`this neuron has ${weights.length} weight(s) but each input row has ${x.shape[1]} value(s)`);
    // tf.tidy frees every intermediate tensor made inside it and keeps only the one returned. (The cast tells
    // TypeScript that the result is 2-D, [rows, 1].)
    return tf.tidy(() => {
      // TODO: compute sigmoid(x·w + b):
      //       - turn the weights into a column: tf.tensor2d(weights, [weights.length, 1])
      //       - multiply: tf.matMul(x, w) has shape [rows, 1]
      //       - add the bias (.add(bias)) and squash with tf.sigmoid(…).
      //       For now the neuron knows nothing and says 0.5 to everything:
      return tf.fill([x.shape[0], 1], 0.5);
    }) as tf.Tensor2D;
  };
}

/**
 * The graded function: return one neuron per gate. The grader feeds each gate every row of its truth table and
 * checks each output is below 0.1 where the truth table says 0, and above 0.9 where it says 1.
 */
export function gates(): Record<'NOT' | 'AND' | 'OR', Gate> {
  // console.log(…) prints into the run's log under the editor: use it to look at shapes and values.
  return {
    // Worked example: NOT(x) = sigmoid(10 − 20x). At x = 0 the weighted sum is z = 10, at x = 1 it is z = −10.
    NOT: neuron([-20], 10),
    // TODO: AND(x₁, x₂) is 1 only at (1, 1). Choose w₁, w₂ and b so that z = w₁x₁ + w₂x₂ + b is clearly negative
    //       at (0, 0), (0, 1) and (1, 0), and clearly positive at (1, 1).
    AND: neuron([0, 0], 0),
    // TODO: OR(x₁, x₂) is 0 only at (0, 0). Same idea: which corner must have a negative z?
    OR: neuron([0, 0], 0),
  };
}
