import * as tf from '@tensorflow/tfjs';
import type { GmmFitInput, TrainContext } from 'course';

/**
 * Fit a diagonal Gaussian mixture to `data` by gradient descent.
 *
 * `data.x` holds `data.n` points of `data.d` coordinates, row-major (point i is x[i·d] … x[i·d + d − 1]); fit
 * `data.k` components. Return `{ weights, means, stds }`: k mixing weights (≥ 0, summing to 1), and k×d means and
 * standard deviations (> 0). The grader measures the negative log-likelihood (NLL) of your mixture on fresh points
 * from the same hidden mixture, next to the true mixture's and EM's.
 *
 * Gradient descent needs parameters that give a valid mixture whatever values Adam gives them:
 *   weights = softmax(logits)   (positive, sum to 1: never relu(w), a weight pushed below 0 never comes back)
 *   stds    = exp(logStds)      (positive: never abs(s), which lets a std reach 0 and a component collapse)
 *   means   trained directly, but STARTED ON DATA POINTS (not randn·√(6/d), a weight-init rule)
 * The log-density is given below (lesson 2's, for several mixtures at once): you train its inputs.
 */

/** Adam steps. */
const STEPS = 500;
/** Adam's learning rate. */
const LEARNING_RATE = 0.05;
/**
 * Independent starts, trained side by side as one batch of S mixtures (gradient descent, like EM, can end in a
 * local optimum: keep the start with the lowest training NLL). Summing their losses trains each as if alone.
 */
const STARTS = 4;
/** How often the loss curve gets a point. */
const REPORT_EVERY = 25;

// ─── Given: the mixture's log-density (lesson 2), for S mixtures at once ────────────────────────────────────

/**
 * log Σ_k exp(z_k) over the last axis, with its gradient written out. tf.logSumExp's own gradient goes through
 * tf.max's (an Equal against the broadcast maximum, slow on WebAssembly) although the answer is simply the
 * softmax: ∂/∂z_k log Σ_j exp(z_j) = exp(z_k − logsumexp(z)). Subtracting the maximum keeps exp from overflowing;
 * it cancels out of the value, so its own gradient (zero in total) never needs computing.
 */
const logSumExpLast = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const m = tf.max(z, -1, true);
  const lse = tf.add(m, tf.log(tf.sum(tf.exp(tf.sub(z, m)), -1, true)));
  save([z, lse]);
  return {
    value: tf.reshape(lse, z.shape.slice(0, -1)),
    gradFunc: (dy: tf.Tensor, [zs, l]: tf.Tensor[]) => tf.mul(tf.expandDims(dy, -1), tf.exp(tf.sub(zs!, l!))),
  };
});

/**
 * Mean negative log-likelihood of the points under each of S mixtures, shape [S]:
 * log p(x) = logsumexp_k(log π_k + Σ_d log N(x_d | μ_kd, σ_kd)), with π = softmax(logits) and σ = exp(logStds).
 * Shapes: points [1, n, 1, d]; logits [S, 1, k]; means and logStds [S, 1, k, d] (broadcasting does the pairing).
 */
function meanNll(points: tf.Tensor, logits: tf.Tensor, means: tf.Tensor, logStds: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const z = tf.div(tf.sub(points, means), tf.exp(logStds)); // [S, n, k, d]
    const logGauss = tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStds, 0.5 * Math.log(2 * Math.PI))), -1); // [S, n, k]
    const logJoint = tf.add(logGauss, tf.logSoftmax(logits)); // log π_k + log N(x | k)
    return tf.neg(tf.mean(logSumExpLast(logJoint), -1)) as tf.Tensor1D;
  });
}

// ─── The fit ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function fitMixture({ x, n, d, k }: GmmFitInput, ctx: TrainContext) {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  // TODO: starting means, one k×d block per start: k data points picked with the seeded ctx.rng
  //       (ctx.rng.uniform() * n, rounded down, is a random point's index; its coordinates are
  //       x.subarray(i * d, i * d + d)). Spreading them out (k-means++ seeding) helps: see the hints.
  //       All zeros, as here, gives k identical components: they get identical gradients and stay identical.
  const starts: number[][][] = Array.from({ length: STARTS }, () => Array.from({ length: k }, () => Array<number>(d).fill(0)));

  // The stds start at the data's own spread per dimension: broad components that each shrink onto a cluster.
  const spread = Array.from({ length: d }, (_, j) => {
    let sum = 0, sq = 0;
    for (let i = 0; i < n; i++) { const v = x[i * d + j]!; sum += v; sq += v * v; }
    const mean = sum / n;
    return Math.sqrt(Math.max(sq / n - mean * mean, 1e-6));
  });

  // The trainable parameters of STARTS mixtures (shapes as meanNll wants them).
  // (tf.variable copies its initial value; the tidy disposes those initial tensors and keeps the variables.)
  const [logits, means, logStds] = tf.tidy(() => [
    tf.variable(tf.zeros([STARTS, 1, k])),
    tf.variable(tf.tensor4d(starts.flat(2), [STARTS, 1, k, d])),
    tf.variable(tf.tile(tf.log(tf.tensor4d(spread, [1, 1, 1, d])), [STARTS, 1, k, 1])),
  ]);
  const points = tf.tensor4d(x, [1, n, 1, d]);
  const nllPerStart = () => meanNll(points, logits, means, logStds);

  // TODO: train. Make an Adam optimizer (tf.train.adam(LEARNING_RATE)); for STEPS steps call
  //       optimizer.minimize(() => tf.sum(nllPerStart()) as tf.Scalar, true, [logits, means, logStds]),
  //       which returns the loss (dispose it); every REPORT_EVERY steps report it:
  //       ctx.report({ step, loss: (await loss.data())[0]! / STARTS }).

  // TODO: keep the start with the lowest TRAINING NLL (await nllPerStart().data(); never use held-out data).
  const best = 0;

  // TODO: turn the best start's parameters into the mixture: weights = softmax(logits), stds = exp(logStds).
  //       Returning the raw logits or log-stds, or variances as stds, scores badly or not at all.
  const [weights, meanRows, stds] = tf.tidy(() => {
    const pick = (t: tf.Tensor) => tf.squeeze(tf.gather(t, [best]), [0, 1]);
    return [tf.fill([k], 1 / k), pick(means), tf.exp(pick(logStds))];
  });
  const result = { weights: await weights!.array(), means: await meanRows!.array(), stds: await stds!.array() };
  tf.dispose([weights!, meanRows!, stds!, logits, means, logStds, points]);
  return result;
}
