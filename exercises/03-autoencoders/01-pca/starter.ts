import * as tf from '@tensorflow/tfjs';
import type { PcaInput, TrainContext } from 'course';

/**
 * Principal component analysis of digit images, in tfjs.
 *
 * `input.x` holds `input.n` images of `input.features` (= 64) pixels in [0, 1], one image per row. Return
 *   - `components`: a k×features tensor (or array) whose row i is the i-th principal component: a unit vector, the
 *     eigenvector of the covariance with the i-th largest eigenvalue (its sign does not matter);
 *   - `explainedVarianceRatio`: k numbers, eigenvalue i divided by the TOTAL variance (the sum of all features'
 *     variances, i.e. the trace of the covariance), not by the sum of the top k.
 *
 * tfjs has no eigendecomposition, so find the eigenvectors by iterating. Multiplying any vector by the covariance C
 * stretches its part along eigenvector i by λ_i, so repeated multiplication turns it toward the top eigenvector
 * (power iteration). For k of them at once, multiply a block of k vectors by C and re-orthonormalise the block
 * after every multiplication (subspace iteration): without that, every vector turns toward the same top one.
 * `tf.linalg.gramSchmidt(rows)` orthonormalises the rows of a matrix, in order, so row j ends up as eigenvector j.
 *
 * The grader compares the span of your components with a float64 reference (principal angles: signs and the order
 * inside nearly equal eigenvalues do not matter) and your ratios with the reference's.
 */

/** Sweeps of the iteration: each one shrinks the error by about λ_{k+1}/λ_k (about 0.8 on the digits). */
const SWEEPS = 150;

export async function pca(input: PcaInput, _ctx: TrainContext) {
  // console.log(…) prints into the run's log under the editor: use it to look at shapes and values.
  const { n, features, k } = input;
  return tf.tidy(() => {
    const x = tf.tensor2d(input.x, [n, features]);

    // TODO: centre the images: subtract each feature's (pixel's) mean over the n images.
    const centred = x;

    // TODO: the features×features covariance, Xcᵀ Xc / (n − 1). (Mind which side is transposed: n×n is wrong.)
    const cov = tf.eye(features);

    // TODO: the total variance: the trace of the covariance (sum of squares of the centred pixels / (n − 1)).
    const total = tf.scalar(1);

    // A random, orthonormal start: k rows of `features` numbers.
    let q = tf.linalg.gramSchmidt(tf.randomNormal([k, features], 0, 1, 'float32', 7) as tf.Tensor2D) as tf.Tensor2D;
    for (let t = 0; t < SWEEPS; t++) {
      // TODO: one sweep: multiply the rows of q by the covariance (q C: C is symmetric) and re-orthonormalise them
      //       with tf.linalg.gramSchmidt. Dispose the old q (or it stays in memory until the tidy ends).
    }

    // TODO: each row's eigenvalue is its Rayleigh quotient q_j C q_jᵀ; the ratio divides it by the total variance.
    const lambda = tf.zeros([k]);
    return { components: q, explainedVarianceRatio: tf.div(lambda, total) };
  });
}
