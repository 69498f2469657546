import * as tf from '@tensorflow/tfjs';
import type { DeepNet, TrainContext } from 'course';

/**
 * How large is the loss gradient at each layer of a deep network, right at initialization?
 *
 * `net` is a multilayer perceptron given as plain arrays: `net.layers` holds the hidden layers, then the linear
 * output layer. Each layer computes z = a·W + b, where `layer.weights` is W as a row-major inputs×units
 * Float32Array and `layer.bias` is b. Hidden layers apply `net.activation` ('sigmoid', 'relu' or 'tanh'); the
 * output layer gives one logit per class. The batch is `net.x` (net.n rows of net.features = 2 coordinates) with
 * labels `net.y` (0 … net.classes − 1).
 *
 * Return one number per layer, first layer first: the Frobenius norm of ∂L/∂W, where L is the mean softmax
 * cross-entropy over the batch.
 */
export async function gradientNorms(net: DeepNet, _ctx: TrainContext): Promise<number[]> {
  // console.log(…) prints into the run's log under the editor: use it to look at shapes and values.
  // tf.tidy disposes every tensor created inside it, except the one it returns.
  const norms = tf.tidy(() => {
    const x = tf.tensor2d(net.x, [net.n, net.features]);
    const labels = tf.oneHot(tf.tensor1d(net.y, 'int32'), net.classes);

    // TODO: turn each layer's weights into an inputs×units tensor and its bias into a 1-D tensor, e.g.
    //       net.layers.map((l) => tf.tensor2d(l.weights, [l.inputs, l.units])).
    const weights: tf.Tensor2D[] = [];
    const biases: tf.Tensor1D[] = [];

    // The loss as a function of the weight matrices only: tf.grads will differentiate it with respect to them.
    const loss = (...ws: tf.Tensor[]): tf.Scalar => {
      let a: tf.Tensor = x;
      // TODO: the forward pass. For each layer l: z = a·ws[l] + biases[l] (tf.matMul, tf.add). Hidden layers
      //       apply net.activation (tf.sigmoid, tf.relu, tf.tanh); the last layer stays linear (logits).

      // TODO: return the mean softmax cross-entropy of the logits against the one-hot labels:
      //       tf.losses.softmaxCrossEntropy(labels, logits) averages over the rows by default.
      return tf.mean(a);
    };

    // TODO: differentiate: tf.grads(loss)(weights) returns one gradient per weight matrix, same shapes.

    // TODO: the Frobenius norm of each gradient (tf.norm(g): the square root of the sum of squared entries),
    //       stacked into one tensor with tf.stack, first layer first.
    return tf.zeros([net.layers.length]);
  });
  const values = Array.from(await norms.data());
  norms.dispose();
  return values;
}
