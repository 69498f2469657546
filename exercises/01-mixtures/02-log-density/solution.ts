import * as tf from '@tensorflow/tfjs';
import type { GmmDensityInput, TrainContext } from 'course';

/**
 * Reference solution: every per-point, per-component term log π_k + Σ_j log N(x_j | μ_kj, σ_kj) as one n×K
 * tensor, then a log-sum-exp over the components. Nothing is ever exponentiated except inside tf.logSumExp,
 * which subtracts each row's largest term first, so a point 50 standard deviations from every component
 * (log p ≈ −1250 or lower) gets its true value instead of log(0) = −Infinity.
 */
export async function logDensity(g: GmmDensityInput, _ctx: TrainContext): Promise<number[]> {
  const logp = tf.tidy(() => {
    // Broadcasting: points n×1×d against components 1×K×d gives every (point, component, dimension) at once.
    const x = tf.tensor2d(g.x, [g.n, g.d]).expandDims(1);
    const mu = tf.tensor2d(g.means).expandDims(0);
    const sd = tf.tensor2d(g.stds).expandDims(0);
    // The standardised distance z = (x − μ)/σ, computed as a difference first: expanding (x − μ)² into
    // x² − 2xμ + μ² would cancel in float32 far from the means and lose digits there.
    const z = tf.div(tf.sub(x, mu), sd);
    // log N(x_j | μ_j, σ_j) = −½ z² − log σ_j − ½ log 2π, one term per dimension (a diagonal Gaussian is a
    // product over dimensions, so its log is this sum).
    const perDim = tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), tf.log(sd)), 0.5 * Math.log(2 * Math.PI));
    const logN = tf.sum(perDim, 2); // n×K
    const joint = tf.add(logN, tf.log(tf.tensor1d(g.weights))); // + log π_k, broadcast over the rows
    // log Σ_k exp(joint_k) = m + log Σ_k exp(joint_k − m) with m the row's largest term: the largest exp is
    // exp(0) = 1, so the sum is never 0 and never overflows.
    return tf.logSumExp(joint, 1);
  });
  // Read asynchronously (no blocking readback on a GPU backend), then free the one tensor tf.tidy kept.
  const values = Array.from(await logp.data());
  logp.dispose();
  return values;
}
