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
 * The graded function: a 2 → 2 → 1 network that computes XOR, built from three neurons.
 *
 *   x₁ ─┬─▶ h₁ = OR(x₁, x₂)   ─┐
 *       ╳                      ├─▶ XOR = AND(h₁, h₂)
 *   x₂ ─┴─▶ h₂ = NAND(x₁, x₂) ─┘
 *
 * The grader checks each hidden neuron as a gate of its own (OR and NAND), and the whole network as XOR: every
 * output below 0.1 where the truth table says 0, above 0.9 where it says 1.
 */
export function xorNetwork(): Record<'OR' | 'NAND' | 'XOR', Gate> {
  // console.log(…) prints into the run's log under the editor: use it to look at shapes and values.
  // Hidden layer: two neurons that both read the inputs (x₁, x₂).
  // TODO: h₁ = OR(x₁, x₂): your OR from the previous exercise.
  const h1 = neuron([0, 0], 0);
  // TODO: h₂ = NAND(x₁, x₂) = NOT AND(x₁, x₂): 0 only at (1, 1). Negating z = w·x + b turns a gate into its
  //       opposite, because sigmoid(−z) = 1 − sigmoid(z).
  const h2 = neuron([0, 0], 0);
  // Output layer: one neuron that reads the two hidden outputs (h₁, h₂), not the inputs.
  // TODO: out = AND(h₁, h₂).
  const out = neuron([0, 0], 0);

  const XOR: Gate = (x) =>
    tf.tidy(() => {
      // TODO: wire the layers together. Compute h1(x) and h2(x) (each of shape [rows, 1]), put them side by side
      //       with tf.concat([a, b], 1) into a [rows, 2] tensor, and return out applied to that.
      //       As written, out reads x directly: a single neuron, which can never compute XOR.
      return out(x);
    });

  return { OR: h1, NAND: h2, XOR };
}
