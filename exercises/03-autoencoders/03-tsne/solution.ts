import * as tf from '@tensorflow/tfjs';
import type { Images, TrainContext } from 'course';

/**
 * Reference solution: exact-gradient t-SNE (van der Maaten & Hinton, 2008) with scikit-learn's optimiser settings.
 * The input similarities P are computed once, in plain JavaScript and float64; the 2-D map is then optimised in
 * tfjs, one fused step per iteration over all n² pairs.
 */

/** The effective number of neighbours each point's Gaussian covers (scikit-learn's default). */
const PERPLEXITY = 30;
/** P keeps each point's 3·perplexity nearest neighbours: beyond them its Gaussian is negligibly small. */
const NEIGHBOURS = 3 * PERPLEXITY;
/** Iterations in all, and how many of them exaggerate P (scikit-learn: 250 of 1000; here fewer, to fit 5 s). */
const ITERATIONS = 400;
const EXAGGERATED = 100;
/** scikit-learn's early exaggeration and momenta (0.5 while exaggerating, 0.8 after). */
const EXAGGERATION = 12;
const MOMENTUM_EARLY = 0.5;
const MOMENTUM_LATE = 0.8;
/** How often the map is drawn live and the KL divergence reported. */
const REPORT_EVERY = 20;

/**
 * The conditional probabilities p_{j|i} of each point's nearest neighbours, with σ_i found by binary search so that
 * the distribution's perplexity 2^H is PERPLEXITY. Float64 throughout: the search compares entropies that differ in
 * their last bits, which float32 cannot resolve. Returns, per point, its neighbours' indices and probabilities.
 */
function conditionalP(x: Float32Array, n: number, d: number): { index: Int32Array; p: Float64Array } {
  const k = Math.min(NEIGHBOURS, n - 1);
  const index = new Int32Array(n * k);
  const p = new Float64Array(n * k);
  const dist = new Float64Array(n);
  const order = new Int32Array(n);
  const target = Math.log(PERPLEXITY); // entropy in nats
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (x[i * d + f]! - x[j * d + f]!) ** 2;
      dist[j] = j === i ? Infinity : s;
      order[j] = j;
    }
    order.sort((a, b) => dist[a]! - dist[b]!);
    const nd = Array.from(order.subarray(0, k), (j) => dist[j]!);
    // Binary search on β = 1/(2σ²): a larger β narrows the Gaussian and lowers its entropy.
    let beta = 1, lo = 0, hi = Infinity;
    const row = new Float64Array(k);
    for (let iter = 0; iter < 100; iter++) {
      let sum = 0, weighted = 0;
      // Shifting by the nearest distance keeps exp from underflowing to 0 for every neighbour.
      for (let a = 0; a < k; a++) { row[a] = Math.exp(-beta * (nd[a]! - nd[0]!)); sum += row[a]!; weighted += (nd[a]! - nd[0]!) * row[a]!; }
      const entropy = Math.log(sum) + (beta * weighted) / sum;
      const gap = entropy - target;
      for (let a = 0; a < k; a++) row[a]! /= sum;
      if (Math.abs(gap) < 1e-5) break;
      if (gap > 0) { lo = beta; beta = hi === Infinity ? beta * 2 : (beta + hi) / 2; }
      else { hi = beta; beta = (beta + lo) / 2; }
    }
    for (let a = 0; a < k; a++) { index[i * k + a] = order[a]!; p[i * k + a] = row[a]!; }
  }
  return { index, p };
}

/** The symmetric joint P = (p_{j|i} + p_{i|j}) / 2n as a dense n×n float32 matrix (zeros off the neighbourhoods). */
function jointP(x: Float32Array, n: number, d: number): Float32Array {
  const { index, p } = conditionalP(x, n, d);
  const k = index.length / n;
  const joint = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < k; a++) {
      const j = index[i * k + a]!, v = p[i * k + a]! / (2 * n);
      joint[i * n + j]! += v;
      joint[j * n + i]! += v;
    }
  return Float32Array.from(joint);
}

export async function tsne(images: Images, ctx: TrainContext) {
  const { x, n, features } = images;
  const P = tf.tensor2d(jointP(x, n, features), [n, n]);
  // The map starts as a tiny random cloud (σ = 1e-4): all points equally far apart, so only P shapes it.
  const start = Float32Array.from({ length: n * 2 }, () => 1e-4 * ctx.rng.normal());
  // The map, the last step (for momentum) and the per-coordinate gains. tf.variable copies its initial value: the
  // tidy disposes those initial tensors and keeps the variables.
  const [Y, update, gains] = tf.tidy(() => [
    tf.variable(tf.tensor2d(start, [n, 2])),
    tf.variable(tf.zeros([n, 2]) as tf.Tensor2D),
    tf.variable(tf.ones([n, 2]) as tf.Tensor2D),
  ]) as [tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R2>];
  // scikit-learn's 'auto' learning rate: n / exaggeration / 4, at least 50.
  const learningRate = Math.max(n / EXAGGERATION / 4, 50);

  const ones = tf.ones([n, 1]);

  /** 1 / (1 + ‖y_i − y_j‖²) for every pair: the Student-t kernel (1 on the diagonal, where i = j). */
  const studentT = () => {
    const [a, b] = tf.split(Y, 2, 1);
    // Squared differences of each coordinate: exact, unlike ‖y_i‖² + ‖y_j‖² − 2 y_i·y_j in float32.
    return tf.reciprocal(tf.add(tf.add(tf.squaredDifference(a!, tf.transpose(a!)), tf.squaredDifference(b!, tf.transpose(b!))), 1));
  };

  /**
   * One iteration: the KL gradient with Student-t Q, then a momentum step scaled by per-coordinate gains. Every
   * operation on an n×n matrix is a pass over a million numbers, so the step makes as few as it can: Q is never
   * formed (q_ij = num_ij / Z), Z comes from a matrix product with ones (a fast kernel) minus the diagonal's n ones,
   * and one product with [Y, 1] gives both Σ_j w_ij y_j and Σ_j w_ij. The diagonal needs no mask: its terms are
   * multiplied by y_i − y_i = 0.
   */
  const step = (exaggeratedP: tf.Tensor, momentum: number) =>
    tf.tidy(() => {
      const num = studentT();
      const z = tf.sub(tf.sum(tf.matMul(num, ones)), n);
      // ∂KL/∂y_i = 4 Σ_j (p_ij − q_ij)(y_i − y_j) / (1 + ‖y_i − y_j‖²) = 4 (y_i Σ_j w_ij − Σ_j w_ij y_j)
      const w = tf.mul(num, tf.sub(exaggeratedP, tf.div(num, z)));
      const [wY, rowSums] = tf.split(tf.matMul(w, tf.concat([Y, ones], 1)), [2, 1], 1);
      const grad = tf.mul(4, tf.sub(tf.mul(rowSums!, Y), wY!));
      // Per-coordinate gains (scikit-learn's rule, floor 0.01): where the new descent direction −grad agrees in
      // sign with the last step (grad · update < 0), the coordinate keeps moving the same way: speed it up by 0.2;
      // where it flips, the last step overshot: slow it down by × 0.8.
      const sameWay = tf.less(tf.mul(grad, update), 0);
      const g = tf.maximum(tf.where(sameWay, tf.add(gains, 0.2), tf.mul(gains, 0.8)), 0.01) as tf.Tensor2D;
      const u = tf.sub(tf.mul(momentum, update), tf.mul(learningRate, tf.mul(g, grad))) as tf.Tensor2D;
      gains.assign(g);
      update.assign(u);
      Y.assign(tf.add(Y, u) as tf.Tensor2D);
    });

  /** KL(P ‖ Q) of the current map, for the loss curve (the diagonal's p_ii = 0 terms add nothing). */
  const kl = () =>
    tf.tidy(() => {
      const num = studentT();
      const logQ = tf.sub(tf.log(num), tf.log(tf.sub(tf.sum(num), n)));
      return tf.sum(tf.mul(P, tf.sub(tf.log(tf.maximum(P, 1e-12)), logQ)));
    });

  const exaggerated = tf.mul(P, EXAGGERATION);
  for (let it = 1; it <= ITERATIONS; it++) {
    const early = it <= EXAGGERATED;
    step(early ? exaggerated : P, early ? MOMENTUM_EARLY : MOMENTUM_LATE);
    if (it % REPORT_EVERY === 0 || it === ITERATIONS) {
      const loss = kl();
      ctx.report({ step: it, loss: (await loss.data())[0]!, plots: [{ kind: 'scatter', points: (await Y.array()) as number[][] }] });
      loss.dispose();
    }
  }
  const map = await Y.array();
  tf.dispose([P, exaggerated, ones, Y, update, gains]);
  return map;
}
