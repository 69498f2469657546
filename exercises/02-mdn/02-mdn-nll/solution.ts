import * as tf from '@tensorflow/tfjs';
import type { MdnNllInput, TrainContext } from 'course';

/**
 * Reference solution: every row's component terms log π_k + log N(y | μ_k, σ_k) as one n×k tensor, then a
 * log-sum-exp over the components. Nothing is exponentiated except inside tf.logSumExp, which subtracts each row's
 * largest term first, so a row whose density is e^−1000 (y 45 σ from every mean) gets its true NLL of about 1000
 * instead of −log 0 = Infinity.
 */
export function nllPerPoint(pi: tf.Tensor2D, mu: tf.Tensor2D, sigma: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    // y is n×1 and μ, σ are n×k: broadcasting gives every (row, component) pair.
    // z = (y − μ)/σ as a difference first; σ is a standard deviation, used as given.
    const z = tf.div(tf.sub(y, mu), sigma);
    // log N(y | μ, σ) = −½ z² − log σ − ½ log 2π, written in logs: a σ of 1e-6 is just −log σ = +13.8 here,
    // where the density itself (1/σ times exp of something) would be formed from numbers float32 cannot hold.
    const logN = tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), tf.log(sigma)), 0.5 * Math.log(2 * Math.PI));
    // + log π_k: a weight of 1e-30 is −69, an ordinary number; π·N would be 1e-30 times something small, i.e. 0.
    const joint = tf.add(tf.log(pi), logN);
    // log Σ_k exp(joint_k) = m + log Σ_k exp(joint_k − m) with m the row's largest term: the largest exp is exactly
    // 1, so the sum is never 0. The NLL is its negative: one number per row.
    return tf.neg(tf.logSumExp(joint, 1)) as tf.Tensor1D;
  });
}

/** Given: the plain arrays become tensors, nllPerPoint runs, and the n NLLs are read back. */
export async function mdnNll(input: MdnNllInput, _ctx: TrainContext): Promise<number[]> {
  const nll = tf.tidy(() =>
    nllPerPoint(tf.tensor2d(input.pi), tf.tensor2d(input.mu), tf.tensor2d(input.sigma), tf.tensor2d(input.y, [input.n, 1])),
  );
  // Read asynchronously (no blocking readback on a GPU backend), then free the one tensor tf.tidy kept.
  const values = Array.from(await nll.data());
  nll.dispose();
  return values;
}
