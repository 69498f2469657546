import * as tf from '@tensorflow/tfjs';
import type { KernelPcaInput, TrainContext } from 'course';

/**
 * Kernel PCA of digit images with an RBF kernel, in tfjs.
 *
 * `input.x` holds `input.n` images of `input.features` (= 64) pixels in [0, 1], one per row. Return their n×k
 * embedding: column j is the j-th eigenvector (unit length) of the CENTRED kernel matrix, times √λ_j.
 *
 *   1. The kernel matrix, n×n: K_ij = exp(−γ ‖x_i − x_j‖²), with γ = 1 / features (scikit-learn's default).
 *   2. Centre it: K̃ = K − 1K − K1 + 1K1, where 1 is the n×n matrix of 1/n. In words: subtract each row's mean and
 *      each column's mean, add back the grand mean. This is PCA's centring, done in the kernel's feature space.
 *   3. Its top k eigenvectors by subspace iteration (as in the PCA exercise): a k×n block, multiplied by K̃ and
 *      re-orthonormalised (tf.linalg.gramSchmidt) every sweep.
 *   4. λ_j = q_j K̃ q_jᵀ; the embedding's column j is q_jᵀ · √λ_j.
 *
 * The grader compares the column space of your embedding with a float64 reference's (principal angles: signs and
 * rotations inside equal eigenvalues do not matter) and the columns' lengths with the reference's √λ.
 */

/** Sweeps of the subspace iteration. */
const SWEEPS = 200;

export async function kernelPca(input: KernelPcaInput, _ctx: TrainContext) {
  // console.log(…) prints into the run's log under the editor: use it to look at shapes and values.
  const { n, features, k } = input;
  const gamma = 1 / features;
  return tf.tidy(() => {
    const x = tf.tensor2d(input.x, [n, features]);

    // TODO: the squared distances of every pair, n×n: ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b (tf.matMul(x, x, false, true)
    //       gives every a·b at once), then the kernel exp(−γ · distance²).
    const kernel = tf.matMul(x, x, false, true);

    // TODO: centre the kernel: K − rowMeans − colMeans + grandMean. Take the row means first (tf.sum(kernel, 1,
    //       true) / n, an n×1 column), then the grand mean as the mean of the row means: a single float32 sum over
    //       all n² entries loses digits, and the error of the grand mean becomes a spurious eigenvalue of n × error.
    const centred = kernel;

    let q = tf.linalg.gramSchmidt(tf.randomNormal([k, n], 0, 1, 'float32', 7) as tf.Tensor2D) as tf.Tensor2D;
    for (let t = 0; t < SWEEPS; t++) {
      // TODO: one sweep: q ← gramSchmidt(q K̃). Dispose the old q.
    }

    // TODO: λ_j = q_j K̃ q_jᵀ, and scale each eigenvector by √λ_j: return an n×k tensor.
    return tf.transpose(q);
  });
}
