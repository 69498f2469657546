import * as tf from '@tensorflow/tfjs';
import type { KernelPcaInput, TrainContext } from 'course';

/**
 * Reference solution: the RBF kernel matrix (n×n), centred, then subspace iteration for its top k eigenvectors, each
 * scaled by √λ. Everything is tfjs; the only n×n work per sweep is one k×n by n×n product.
 */

/**
 * Sweeps of the subspace iteration: the block's error shrinks like (λ_{k+1}/λ_k)^t. On 600 digits λ6/λ5 is about
 * 0.9, so 200 sweeps take it to about 1e-9: well past float32.
 */
const SWEEPS = 200;

export async function kernelPca(input: KernelPcaInput, _ctx: TrainContext) {
  const { n, features, k } = input;
  // scikit-learn's default: γ = 1 / n_features. On pixels in [0, 1] two digits are ‖x − x'‖² ≈ 5–20 apart, so
  // γ‖x − x'‖² is about 0.1–0.3: a kernel that is neither 1 everywhere nor 0 off the diagonal.
  const gamma = 1 / features;
  return tf.tidy(() => {
    const x = tf.tensor2d(input.x, [n, features]);
    // ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b for every pair at once; relu clips the tiny negatives rounding leaves.
    const sq = tf.sum(tf.square(x), 1, true);
    const dist = tf.relu(tf.sub(tf.add(sq, tf.transpose(sq)), tf.mul(2, tf.matMul(x, x, false, true))));
    const kernel = tf.exp(tf.mul(-gamma, dist));
    // Centre in feature space: K̃ = K − 1K − K1 + 1K1. Row means first (n sums of n), then the mean of those
    // (one sum of n): a single float32 sum over all n² entries loses digits, and every lost digit of the grand mean
    // becomes a spurious eigenvalue of n × error.
    const rowMean = tf.div(tf.sum(kernel, 1, true), n);
    const grand = tf.div(tf.sum(rowMean), n);
    const centred = tf.add(tf.sub(tf.sub(kernel, rowMean), tf.transpose(rowMean)), grand) as tf.Tensor2D;

    let q = tf.linalg.gramSchmidt(tf.randomNormal([k, n], 0, 1, 'float32', 7) as tf.Tensor2D) as tf.Tensor2D;
    for (let t = 0; t < SWEEPS; t++) {
      const next = tf.linalg.gramSchmidt(tf.matMul(q, centred) as tf.Tensor2D) as tf.Tensor2D;
      q.dispose();
      q = next;
    }
    // λ_j = q_j K̃ q_jᵀ; the embedding's column j is the unit eigenvector times √λ_j (its norm is √λ_j).
    const lambda = tf.sum(tf.mul(tf.matMul(q, centred), q), 1);
    return tf.mul(tf.transpose(q), tf.sqrt(tf.relu(lambda)));
  });
}
