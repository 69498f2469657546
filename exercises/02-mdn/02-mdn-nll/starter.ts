import * as tf from '@tensorflow/tfjs';
import type { MdnNllInput, TrainContext } from 'course';

/**
 * The negative log-likelihood of a mixture density network, one number per row:
 *
 *   NLL_i = −log p(y_i | x_i) = −log Σ_k π_ik · N(y_i | μ_ik, σ_ik)
 *
 * `pi`, `mu` and `sigma` are n×k: row i holds input i's mixture (the network's three heads: π from a softmax, so
 * each row is positive and sums to 1; μ as it comes; σ > 0, a standard deviation, not a variance). `y` is n×1.
 * Return a tensor of shape [n]. The training exercise after this one uses this very function as its loss (its mean
 * over the rows), so keep the signature.
 *
 * The grader compares your numbers with its own float64 ones on hidden rows, including rows whose σ are all 1e-6,
 * rows whose y is 60 σ from every μ, and rows whose nearest component has weight 1e-30. There the density itself is
 * far below the smallest float32 number (about e^−103): compute it as written above, exp first and log last, and
 * you get −log 0 = Infinity where the true NLL is an ordinary number like 1000. Stay in the log domain instead.
 */
export function nllPerPoint(pi: tf.Tensor2D, mu: tf.Tensor2D, sigma: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
  // tf.tidy disposes every tensor created inside it, except the one it returns.
  return tf.tidy(() => {
    // y (n×1) against μ, σ (n×k) broadcasts to n×k: one entry per row and component.
    const z = tf.div(tf.sub(y, mu), sigma);

    // TODO: the log of each component's density, n×k:
    //       log N(y | μ, σ) = −½ z² − log σ − ½ log 2π.
    //       Write it in logs directly; do not take the log of a density you computed with exp.
    const logN = tf.mul(-0.5, tf.square(z));

    // TODO: add each component's log weight, log π_k, to get log(π_k · N_k) for every row and component.
    const joint = logN;

    // TODO: combine the components: −log Σ_k exp(joint_k). Taking tf.exp, summing and then tf.log is the formula
    //       above, and it gives Infinity where every term underflows. Subtract each row's largest term m first:
    //       log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m). tf.logSumExp(joint, 1) does exactly that.
    return tf.neg(tf.max(joint, 1)) as tf.Tensor1D;
  });
}

/** Given: the plain arrays become tensors, nllPerPoint runs, and the n NLLs are read back. Nothing to change here. */
export async function mdnNll(input: MdnNllInput, _ctx: TrainContext): Promise<number[]> {
  // console.log(…) prints into the run's log under the editor: use it to look at shapes and values.
  const nll = tf.tidy(() =>
    nllPerPoint(tf.tensor2d(input.pi), tf.tensor2d(input.mu), tf.tensor2d(input.sigma), tf.tensor2d(input.y, [input.n, 1])),
  );
  const values = Array.from(await nll.data());
  nll.dispose();
  return values;
}
