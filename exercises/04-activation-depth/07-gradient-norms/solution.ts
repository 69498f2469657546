import * as tf from '@tensorflow/tfjs';
import type { DeepNet, TrainContext } from 'course';

/**
 * Reference solution: rebuild the net from its plain arrays, write the loss as a function of the weight matrices,
 * let tf.grads differentiate it, and take the Frobenius norm of each gradient.
 */
export async function gradientNorms(net: DeepNet, _ctx: TrainContext): Promise<number[]> {
  // tf.tidy disposes every intermediate tensor (the batch, the weights, activations, gradients) when the callback
  // returns, except the one tensor it returns.
  const norms = tf.tidy(() => {
    const x = tf.tensor2d(net.x, [net.n, net.features]);
    const labels = tf.oneHot(tf.tensor1d(net.y, 'int32'), net.classes);
    // layer.weights is row-major inputs×units, exactly the layout tf.tensor2d expects for shape [inputs, units],
    // so that a (n×inputs) · W (inputs×units) gives n×units.
    const weights = net.layers.map((l) => tf.tensor2d(l.weights, [l.inputs, l.units]));
    const biases = net.layers.map((l) => tf.tensor1d(l.bias));

    const activate = (z: tf.Tensor): tf.Tensor => (net.activation === 'sigmoid' ? tf.sigmoid(z) : net.activation === 'relu' ? tf.relu(z) : tf.tanh(z));

    // The loss as a function of the weight matrices only: tf.grads differentiates with respect to its arguments,
    // and treats everything else the function reads (x, the labels, the biases) as constants.
    const loss = (...ws: tf.Tensor[]): tf.Scalar => {
      let a: tf.Tensor = x;
      ws.forEach((w, l) => {
        const z = tf.add(tf.matMul(a, w as tf.Tensor2D), biases[l]!);
        // Hidden layers go through the activation; the last layer stays linear: its outputs are the logits.
        a = l < ws.length - 1 ? activate(z) : z;
      });
      // Softmax and cross-entropy in one numerically stable op, averaged over the n rows (the default
      // reduction), which is the L = mean cross-entropy the grader differentiates.
      return tf.losses.softmaxCrossEntropy(labels, a) as tf.Scalar;
    };

    // One gradient per weight matrix, in the same order and with the same shape (inputs×units).
    // (tf.variableGrads does the same for tf.variable()s; variables then need an explicit dispose().)
    const grads = tf.grads(loss)(weights);
    // Frobenius norm: the square root of the sum of squares of all entries. tf.norm of a matrix with the default
    // ord ('euclidean') and no axis flattens it first, which is exactly that.
    return tf.stack(grads.map((g) => tf.norm(g)));
  });
  // Read the numbers asynchronously (no blocking readback on a GPU backend), then free the last tensor.
  const values = Array.from(await norms.data());
  norms.dispose();
  return values;
}
