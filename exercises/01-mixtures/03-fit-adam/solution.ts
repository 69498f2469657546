import * as tf from '@tensorflow/tfjs';
import type { GmmFitInput, TrainContext } from 'course';

/**
 * Reference solution: a diagonal Gaussian mixture fitted by full-batch Adam on the mean negative log-likelihood,
 * with a parameterisation under which every step gives a valid mixture (softmax weights, positive stds), means
 * started on data points, and a few independent starts trained side by side, keeping the best.
 */

/** Adam steps: the measurements reach EM's NLL + 0.02 in 70–1300 steps at lr 2e-2 … 5e-2. */
const STEPS = 500;
/** Adam's learning rate: the original's 5e-4 is far too slow for 1500 steps (the lesson measures it). */
const LEARNING_RATE = 0.05;
/**
 * Independent starts, trained at once as one batch: gradient descent, like EM, can stop in a local optimum (two
 * components sharing a cluster while one covers two). Each start's loss depends only on its own parameters, and
 * Adam scales every parameter separately, so summing the starts' losses trains each exactly as if it were alone.
 */
const STARTS = 4;
/** How often the loss curve gets a point (reading the loss back is a sync on GPU backends). */
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
  // Means start on data points, chosen by k-means++ seeding with the seeded ctx.rng: the first uniformly, each next
  // with probability proportional to its squared distance from the nearest one already chosen, so the starts are
  // spread over the clusters instead of two landing in one. Every component begins where there is data (the
  // original's √(6/d)·randn is a weight-init rule, not a place).
  const starts: number[][][] = [];
  for (let s = 0; s < STARTS; s++) {
    const first = Math.floor(ctx.rng.uniform() * n);
    const rows = [Array.from(x.subarray(first * d, first * d + d))];
    const nearest = new Float64Array(n).fill(Infinity);
    while (rows.length < k) {
      const last = rows[rows.length - 1]!;
      for (let i = 0; i < n; i++) {
        let dist = 0;
        for (let j = 0; j < d; j++) dist += (x[i * d + j]! - last[j]!) ** 2;
        nearest[i] = Math.min(nearest[i]!, dist);
      }
      // All points on the chosen ones (a tiny or degenerate data set): any point will do.
      const next = nearest.some((v) => v > 0) ? ctx.rng.categorical(nearest) : Math.floor(ctx.rng.uniform() * n);
      rows.push(Array.from(x.subarray(next * d, next * d + d)));
    }
    starts.push(rows);
  }
  // The stds start at the data's own spread per dimension: broad components that each shrink onto a cluster.
  const spread = Array.from({ length: d }, (_, j) => {
    let sum = 0, sq = 0;
    for (let i = 0; i < n; i++) { const v = x[i * d + j]!; sum += v; sq += v * v; }
    const mean = sum / n;
    return Math.sqrt(Math.max(sq / n - mean * mean, 1e-6));
  });

  // Trainable parameters, one slice per start: weights as softmax(logits) (always positive, always summing to 1:
  // no weight can be pushed below zero and lose its gradient, as with the original's relu), means, and log-stds
  // (exp keeps every std positive: abs() would let a std pass through 0, and a component collapse onto a point).
  // (tf.variable copies its initial value; the tidy disposes those initial tensors and keeps the variables.)
  const [logits, means, logStds] = tf.tidy(() => [
    tf.variable(tf.zeros([STARTS, 1, k])),
    tf.variable(tf.tensor4d(starts.flat(2), [STARTS, 1, k, d])),
    tf.variable(tf.tile(tf.log(tf.tensor4d(spread, [1, 1, 1, d])), [STARTS, 1, k, 1])),
  ]);
  const points = tf.tensor4d(x, [1, n, 1, d]);
  const nllPerStart = () => meanNll(points, logits, means, logStds);

  const optimizer = tf.train.adam(LEARNING_RATE);
  const varList = [logits, means, logStds];
  for (let step = 1; step <= STEPS; step++) {
    const loss = optimizer.minimize(() => tf.sum(nllPerStart()) as tf.Scalar, true, varList)!;
    if (step % REPORT_EVERY === 0 || step === STEPS) ctx.report({ step, loss: (await loss.data())[0]! / STARTS });
    loss.dispose();
  }

  // Keep the start with the lowest training NLL (never look at held-out data to choose).
  const finalNll = nllPerStart();
  const perStart = Array.from(await finalNll.data());
  finalNll.dispose();
  const best = perStart.indexOf(Math.min(...perStart));
  ctx.log(`Training NLL of each start: ${perStart.map((v) => v.toFixed(4)).join(', ')}; keeping start ${best + 1}.`);
  const [weights, meanRows, stds] = tf.tidy(() => {
    const pick = (t: tf.Tensor) => tf.squeeze(tf.gather(t, [best]), [0, 1]);
    return [tf.softmax(pick(logits)), pick(means), tf.exp(pick(logStds))];
  });
  const result = { weights: await weights!.array(), means: await meanRows!.array(), stds: await stds!.array() };
  tf.dispose([weights!, meanRows!, stds!, logits, means, logStds, points]);
  optimizer.dispose();
  return result;
}
