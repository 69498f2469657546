import * as tf from '@tensorflow/tfjs';
import type { DenseLayer } from 'course';

/**
 * Reference solution: fold the layers into one, left to right.
 *
 * After layers 1…k the stack computes x·W + b. Feeding that into layer k+1 gives
 *   (x·W + b)·Wₖ₊₁ + bₖ₊₁ = x·(W·Wₖ₊₁) + (b·Wₖ₊₁ + bₖ₊₁),
 * so the running weights become W·Wₖ₊₁ and the running bias becomes b·Wₖ₊₁ + bₖ₊₁.
 */
export function equivalentLayer(layers: DenseLayer[]): { weights: tf.Tensor2D; bias: tf.Tensor1D } {
  // tf.tidy disposes every intermediate tensor (each matMul makes a new one) and keeps only what is returned.
  return tf.tidy(() => {
    const first = layers[0]!;
    let W = tf.tensor2d(first.weights, [first.inputs, first.units]);
    // The bias as a 1×units row, so the same matMul that moves x through a layer moves the bias through it too.
    let b = tf.tensor2d(first.bias, [1, first.units]);

    for (const layer of layers.slice(1)) {
      const Wk = tf.tensor2d(layer.weights, [layer.inputs, layer.units]);
      const bk = tf.tensor2d(layer.bias, [1, layer.units]);
      // Order matters: x·W comes first, then ·Wk. tf.matMul(Wk, W) would apply the layers backwards, and
      // throws for most shapes because the inner dimensions do not match.
      W = tf.matMul(W, Wk);
      // The earlier biases pass through this layer's weights like any input would; then this layer adds its own.
      b = tf.add(tf.matMul(b, Wk), bk);
    }
    return { weights: W, bias: b.reshape([-1]) as tf.Tensor1D };
  });
}
