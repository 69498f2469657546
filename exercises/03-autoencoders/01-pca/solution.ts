import * as tf from '@tensorflow/tfjs';
import type { PcaInput, TrainContext } from 'course';

/**
 * Reference solution: centre, covariance (features × features), then subspace iteration: multiply a block of k
 * vectors by the covariance and re-orthonormalise it, until the block spans the top k eigenvectors. The Rayleigh
 * quotients qᵀCq of the final rows are the eigenvalues; divided by the trace (the total variance) they are the
 * explained-variance ratios.
 */

/**
 * Sweeps of the subspace iteration, each by C² (two multiplications by C for the price of one Gram–Schmidt, which is
 * the expensive part). The block's error shrinks like (λ_{k+1}/λ_k)^(2t): on the digits λ11/λ10 is about 0.8, so
 * the span converges in a few dozen sweeps. The rows inside it converge at their own gaps, λ_{j+1}/λ_j, which can be
 * 0.98 (seed 6: λ2/λ1): a row still mixed with its neighbour by an angle θ has a Rayleigh quotient off by
 * (λ_j − λ_{j+1}) sin²θ, so the ratios need more sweeps than the span; 150 sweeps of C² keep that below 1e-3.
 */
const SWEEPS = 150;

export async function pca(input: PcaInput, _ctx: TrainContext) {
  const { n, features, k } = input;
  return tf.tidy(() => {
    const x = tf.tensor2d(input.x, [n, features]);
    // Centre: PCA is about variance around the mean. Without this the top "component" points at the mean image.
    const centred = tf.sub(x, tf.mean(x, 0));
    // C = Xcᵀ Xc / (n − 1): features × features (64×64), not n × n.
    const cov = tf.div(tf.matMul(centred, centred, true, false), n - 1) as tf.Tensor2D;
    // Total variance: the trace of C, the sum of every eigenvalue, not only of the top k.
    const total = tf.div(tf.sum(tf.square(centred)), n - 1);

    // C² = C·C has the same eigenvectors and squared eigenvalues: every gap ratio squared. (Higher powers would
    // square again, but then the k-th eigenvalue, λ_k^p / λ_1^p, sinks toward float32's 1e-7 resolution.)
    const cov2 = tf.matMul(cov, cov);

    // A random start (seeded: the same answer every run) has a component along every eigenvector.
    let q = tf.linalg.gramSchmidt(tf.randomNormal([k, features], 0, 1, 'float32', 7) as tf.Tensor2D) as tf.Tensor2D;
    for (let t = 0; t < SWEEPS; t++) {
      // Rows of q times C² (C is symmetric, so q C² = (C² qᵀ)ᵀ). Gram–Schmidt on the rows keeps them orthonormal: without
      // it every row would turn toward the top eigenvector and the block would collapse to rank 1. Row j ends up
      // orthogonal to rows 0 … j−1, so row j converges to eigenvector j: the rows come out largest variance first.
      const next = tf.linalg.gramSchmidt(tf.matMul(q, cov2) as tf.Tensor2D) as tf.Tensor2D;
      q.dispose();
      q = next;
    }
    // Rayleigh quotients: λ_j = q_j C q_jᵀ, one per row.
    const lambda = tf.sum(tf.mul(tf.matMul(q, cov), q), 1);
    return { components: q, explainedVarianceRatio: tf.div(lambda, total) };
  });
}
