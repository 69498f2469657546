import * as tf from '@tensorflow/tfjs';
import type { Images, TrainContext } from 'course';

/**
 * t-SNE: a 2-D map of n digits (images.x: n rows of 64 pixels in [0, 1]) in which each digit's nearest
 * neighbours are, as far as possible, its nearest neighbours in pixel space. Return the n×2 map (the array you
 * get from `await Y.array()`). It is graded by trustworthiness: of each point's 5 nearest neighbours in your map,
 * how many are really near it in the pixels, and how far away the intruders really are.
 *
 * Two parts, as in the lesson:
 *   1. P, the similarities of the pixels. Computed once, so plain JavaScript in float64 is the right tool here
 *      (no tensors needed): for each point i, a Gaussian over its nearest neighbours whose width σ_i is chosen so
 *      that its perplexity is PERPLEXITY, then p_ij = (p_j|i + p_i|j) / 2n.
 *   2. The map Y, optimised in tfjs: Student-t similarities Q in the map, the gradient of KL(P ‖ Q), and
 *      scikit-learn's optimiser (early exaggeration, momentum, per-coordinate gains).
 */

/** The effective number of neighbours each point's Gaussian covers (scikit-learn's default). */
const PERPLEXITY = 30;
/** P keeps each point's 3·perplexity nearest neighbours: beyond them its Gaussian is negligibly small. */
const NEIGHBOURS = 3 * PERPLEXITY;
/** Iterations in all, and how many of the first ones multiply P by EXAGGERATION. */
const ITERATIONS = 400;
const EXAGGERATED = 100;
const EXAGGERATION = 12;
/** scikit-learn's momenta: 0.5 while exaggerating, 0.8 after. */
const MOMENTUM_EARLY = 0.5;
const MOMENTUM_LATE = 0.8;
/** How often the map is drawn live and the KL divergence reported. */
const REPORT_EVERY = 20;

/**
 * p_j|i for each point's NEIGHBOURS nearest neighbours: returns their indices (n × k) and probabilities (n × k,
 * each row summing to 1).
 */
function conditionalP(x: Float32Array, n: number, d: number): { index: Int32Array; p: Float64Array } {
  const k = Math.min(NEIGHBOURS, n - 1);
  const index = new Int32Array(n * k);
  const p = new Float64Array(n * k);
  const dist = new Float64Array(n);
  const order = new Int32Array(n);
  const target = Math.log(PERPLEXITY); // the entropy H (in nats) whose perplexity e^H is PERPLEXITY
  for (let i = 0; i < n; i++) {
    // Squared distances from point i to every point (itself excluded), and the k nearest first.
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (x[i * d + f]! - x[j * d + f]!) ** 2;
      dist[j] = j === i ? Infinity : s;
      order[j] = j;
    }
    order.sort((a, b) => dist[a]! - dist[b]!);
    const nd = Array.from(order.subarray(0, k), (j) => dist[j]!);

    // TODO: find β_i = 1 / (2σ_i²) by binary search so that the entropy of
    //         p_j|i = exp(−β (d_j − d_0)) / Σ_a exp(−β (d_a − d_0))      (d: the sorted squared distances nd)
    //       is `target`. H = log Σ_a e_a + β Σ_a (d_a − d_0) e_a / Σ_a e_a, where e_a = exp(−β (d_a − d_0)).
    //       Too high an entropy means too wide a Gaussian: increase β (double it while there is no upper bound
    //       yet, else bisect); too low: decrease β. Stop when |H − target| < 1e-5 (or after 100 steps).
    //       Subtracting d_0 (the nearest distance) changes nothing after normalising but keeps exp from
    //       underflowing to 0 for every neighbour. Keep everything in float64 (plain numbers).
    const row = new Float64Array(k).fill(1 / k);

    for (let a = 0; a < k; a++) {
      index[i * k + a] = order[a]!;
      p[i * k + a] = row[a]!;
    }
  }
  return { index, p };
}

/** The symmetric joint P as a dense n×n matrix (zeros outside the neighbourhoods), for tf.tensor2d. */
function jointP(x: Float32Array, n: number, d: number): Float32Array {
  const { index, p } = conditionalP(x, n, d);
  const k = index.length / n;
  const joint = new Float64Array(n * n);
  // TODO: p_ij = (p_j|i + p_i|j) / 2n: add each p_j|i / 2n at (i, j) AND at (j, i). Point j is index[i·k + a],
  //       p_j|i is p[i·k + a]; entry (i, j) of the matrix is joint[i·n + j]. The sum of all p_ij is then 1.

  return Float32Array.from(joint);
}

export async function tsne(images: Images, ctx: TrainContext) {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const { x, n, features } = images;
  const P = tf.tensor2d(jointP(x, n, features), [n, n]);
  const exaggerated = tf.mul(P, EXAGGERATION);
  // The map starts as a tiny random cloud (σ = 1e-4): all points about equally far apart, so only P shapes it.
  const start = Float32Array.from({ length: n * 2 }, () => 1e-4 * ctx.rng.normal());
  // The map, the last step (for momentum) and the per-coordinate step multipliers. tf.variable copies its initial
  // value: the tidy disposes those initial tensors and keeps the variables.
  const [Y, update, gains] = tf.tidy(() => [
    tf.variable(tf.tensor2d(start, [n, 2])),
    tf.variable(tf.zeros([n, 2]) as tf.Tensor2D),
    tf.variable(tf.ones([n, 2]) as tf.Tensor2D),
  ]) as [tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R2>];
  const learningRate = Math.max(n / EXAGGERATION / 4, 50); // scikit-learn's 'auto'
  const ones = tf.ones([n, 1]);

  /** 1 / (1 + ‖y_i − y_j‖²) for every pair (n×n; 1 on the diagonal): the Student-t kernel. */
  const studentT = () => {
    const [a, b] = tf.split(Y, 2, 1);
    return tf.reciprocal(tf.add(tf.add(tf.squaredDifference(a!, tf.transpose(a!)), tf.squaredDifference(b!, tf.transpose(b!))), 1));
  };

  /** One iteration, with `p` the (possibly exaggerated) P. */
  const step = (p: tf.Tensor, momentum: number) =>
    tf.tidy(() => {
      const num = studentT();
      // TODO: the gradient of KL(P ‖ Q), where q_ij = num_ij / Z and Z = Σ_{i≠j} num_ij:
      //         ∂KL/∂y_i = 4 Σ_j (p_ij − q_ij) · num_ij · (y_i − y_j)
      //       With w = num ⊙ (p − num / Z) (n×n), that is 4 (y_i · Σ_j w_ij − Σ_j w_ij y_j): tf.sum(w, 1, true)
      //       and tf.matMul(w, Y). Z: tf.sum(num) minus the n ones on the diagonal. (The diagonal's terms need no
      //       masking: they are multiplied by y_i − y_i = 0.)
      const grad = tf.zerosLike(Y);

      // TODO: scikit-learn's update, elementwise on n×2 tensors:
      //         gains ← gains + 0.2 where grad · update < 0 (still moving the same way), else gains · 0.8; at least 0.01
      //         update ← momentum · update − learningRate · gains · grad
      //         Y ← Y + update
      //       (tf.where(tf.less(tf.mul(grad, update), 0), …, …), tf.maximum; write back with gains.assign(…) etc.)
      const u = tf.mul(momentum, update) as tf.Tensor2D;
      update.assign(u);
      Y.assign(tf.add(Y, tf.mul(grad, 0)) as tf.Tensor2D);
    });

  /** KL(P ‖ Q) of the current map, for the loss curve. */
  const kl = () =>
    tf.tidy(() => {
      const num = studentT();
      const logQ = tf.sub(tf.log(num), tf.log(tf.sub(tf.sum(num), n)));
      return tf.sum(tf.mul(P, tf.sub(tf.log(tf.maximum(P, 1e-12)), logQ)));
    });

  for (let it = 1; it <= ITERATIONS; it++) {
    // Early exaggeration: for the first EXAGGERATED iterations P is multiplied by 12, so the clusters pull
    // together hard while the map is still small and can rearrange; momentum is lower meanwhile.
    const early = it <= EXAGGERATED;
    step(early ? exaggerated : P, early ? MOMENTUM_EARLY : MOMENTUM_LATE);
    if (it % REPORT_EVERY === 0 || it === ITERATIONS) {
      const loss = kl();
      // The live plot: the map as it forms (coloured by digit in the browser; your code never sees the labels).
      ctx.report({ step: it, loss: (await loss.data())[0]!, plots: [{ kind: 'scatter', points: (await Y.array()) as number[][] }] });
      loss.dispose();
    }
  }
  const map = await Y.array();
  tf.dispose([P, exaggerated, ones, Y, update, gains]);
  return map;
}
