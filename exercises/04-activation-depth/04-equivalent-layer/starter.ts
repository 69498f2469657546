import * as tf from '@tensorflow/tfjs';
import type { DenseLayer } from 'course';

/**
 * Collapse a stack of linear layers (no activations) into the one layer it equals.
 *
 * Each layer computes y = x·W + b, like tf.layers.dense: `layer.weights` is a flat Float32Array holding the
 * inputs×units matrix row by row, `layer.bias` has one number per unit. The stack feeds each layer's output into
 * the next. Return { weights, bias } of a single layer with the same inputs and outputs as the whole stack:
 * weights of shape [inputs of the first layer, units of the last], bias of shape [units of the last].
 *
 * The grader runs the stack and your layer on inputs your code never sees, and compares the outputs.
 */
export function equivalentLayer(layers: DenseLayer[]): { weights: tf.Tensor2D; bias: tf.Tensor1D } {
  // console.log(…) prints into the run's log under the editor: use it to look at shapes and values.
  // tf.tidy disposes the intermediate tensors and keeps the ones you return.
  return tf.tidy(() => {
    const first = layers[0]!;
    // The first layer on its own: x·W + b.
    let W = tf.tensor2d(first.weights, [first.inputs, first.units]);
    // The bias as a 1×units row, so you can multiply it by a matrix with tf.matMul.
    let b = tf.tensor2d(first.bias, [1, first.units]);

    for (const layer of layers.slice(1)) {
      const Wk = tf.tensor2d(layer.weights, [layer.inputs, layer.units]);
      const bk = tf.tensor2d(layer.bias, [1, layer.units]);
      // TODO: the stack so far computes x·W + b. Feed that into this layer, (x·W + b)·Wk + bk, and multiply out:
      //       which matrix takes the place of W, and which row takes the place of b?
      //       (tf.matMul(A, B) is the matrix product A·B; tf.add adds element by element.)
    }
    return { weights: W, bias: b.reshape([-1]) as tf.Tensor1D };
  });
}
