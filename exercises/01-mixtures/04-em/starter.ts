import type { GmmEmInput, GmmEmResult, Random, TrainContext } from 'course';

/**
 * Fit a K-component diagonal Gaussian mixture to data.x (data.n points of data.d coordinates, row-major) by
 * expectation–maximisation, and return the fitted mixture with the training NLL of the run after each iteration.
 *
 * EM alternates two steps, each in closed form:
 *   E-step: how much each component is responsible for each point, r_ic = π_c N(x_i | c) / Σ_c' π_c' N(x_i | c').
 *   M-step: the parameters that maximise the likelihood if those responsibilities were the truth (soft counts N_c,
 *           weighted means, weighted variances around the NEW means).
 * Each iteration can only lower the training NLL (the lesson shows why), so the history you return must never rise.
 * EM climbs to the local optimum nearest its start: run it from several starts and keep the best.
 *
 * Plain TypeScript is the right tool here (the solution explains why); tfjs is allowed too.
 */

// ──────────── given: the mixture's log-density (lesson 2), a k-means++ start, history packing: working code ────────────

/** A diagonal Gaussian mixture: weights[c], means[c][j], stds[c][j] (standard deviations, not variances). */
interface Mixture {
  weights: number[];
  means: number[][];
  stds: number[][];
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log Σ exp(v_i) without overflow or underflow: the largest term is factored out. */
function logSumExp(v: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) max = Math.max(max, v[i]!);
  if (!Number.isFinite(max)) return max;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i]! - max);
  return max + Math.log(s);
}

/** log π_c + Σ_j log N(x_ij | μ_cj, σ_cj) for every point i and component c: row-major n×k. */
function logJoint(g: Mixture, x: ArrayLike<number>, n: number, d: number): Float64Array {
  const k = g.weights.length;
  const out = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    let constant = Math.log(g.weights[c]!) - 0.5 * d * LOG_2PI;
    for (let j = 0; j < d; j++) constant -= Math.log(g.stds[c]![j]!);
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let j = 0; j < d; j++) {
        const z = (x[i * d + j]! - g.means[c]![j]!) / g.stds[c]![j]!;
        q += z * z;
      }
      out[i * k + c] = constant - 0.5 * q;
    }
  }
  return out;
}

/** The runtime reads fixed sizes: the history padded to maxIterations + 1 numbers, and how many iterations it holds. */
function historyForGrading(history: number[], maxIterations: number): { nllHistory: Float64Array; iterations: number } {
  const nllHistory = new Float64Array(maxIterations + 1);
  nllHistory.set(history.slice(0, maxIterations + 1));
  return { nllHistory, iterations: history.length - 1 };
}

/** Added to every variance in the M-step (scikit-learn's reg_covar): a component on one point cannot reach σ = 0. */
const VARIANCE_FLOOR = 1e-6;

/**
 * The start: k-means++ centres (the first a uniform data point, each next one drawn ∝ squared distance to the
 * nearest centre so far, so the starts spread over the clusters), equal weights, the data's overall spread.
 */
function kMeansPlusPlusStart(x: ArrayLike<number>, n: number, d: number, k: number, rng: Random): Mixture {
  const row = (i: number) => Array.from({ length: d }, (_, j) => x[i * d + j]!);
  const means = [row(Math.floor(rng.uniform() * n))];
  const nearest = new Float64Array(n).fill(Infinity);
  while (means.length < k) {
    const last = means[means.length - 1]!;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j]! - last[j]!) ** 2;
      nearest[i] = Math.min(nearest[i]!, s);
    }
    // categorical needs a positive total: if every point sits on a centre already, any point will do.
    means.push(row(nearest.some((v) => v > 0) ? rng.categorical(nearest) : Math.floor(rng.uniform() * n)));
  }
  const spread = Array.from({ length: d }, (_, j) => {
    let m = 0, s = 0;
    for (let i = 0; i < n; i++) m += x[i * d + j]! / n;
    for (let i = 0; i < n; i++) s += (x[i * d + j]! - m) ** 2 / n;
    return Math.sqrt(s + VARIANCE_FLOOR);
  });
  return { weights: Array<number>(k).fill(1 / k), means, stds: means.map(() => [...spread]) };
}

// ──────────────────────────────────────────── your EM ────────────────────────────────────────────

/**
 * E-step: each point's responsibilities (n×k, rows summing to 1) and the mean NLL of `g` on the points.
 */
function eStep(g: Mixture, x: ArrayLike<number>, n: number, d: number): { nll: number; r: Float64Array } {
  const k = g.weights.length;
  const r = logJoint(g, x, n, d); // log π_c + log N(x_i | c), n×k: turn each row into responsibilities in place
  let nll = 0;
  // TODO: for each point i: logP = logSumExp of row i (r.subarray(i * k, (i + 1) * k)) is log p(x_i); add
  //       −logP / n to nll; then r_ic = exp(r_ic − logP) (dividing by p(x_i) in the log domain).
  return { nll, r };
}

/**
 * M-step: the mixture that maximises the expected log-likelihood under the responsibilities r (n×k).
 */
function mStep(x: ArrayLike<number>, n: number, d: number, k: number, r: Float64Array): Mixture {
  const g: Mixture = { weights: [], means: [], stds: [] };
  for (let c = 0; c < k; c++) {
    // TODO: N_c = Σ_i r_ic (start it at 1e-12, so an emptied component does not divide 0 by 0);
    //       π_c = N_c / n; μ_c = Σ_i r_ic x_i / N_c; σ²_c = Σ_i r_ic (x_i − μ_c)² / N_c around the NEW μ_c;
    //       push π_c, μ_c and σ_c = sqrt(σ²_c + VARIANCE_FLOOR) (standard deviations, not variances).
  }
  return g;
}

/** One EM run from `start`: history[t] is the training NLL after t iterations (history[0]: the start's). */
function runEm(x: ArrayLike<number>, n: number, d: number, start: Mixture, maxIterations: number, tolerance: number): { gmm: Mixture; history: number[] } {
  let gmm = start;
  let { nll, r } = eStep(gmm, x, n, d);
  const history = [nll];
  // TODO: for t = 1 … maxIterations: gmm = mStep(…, r); then the E-step of the NEW mixture gives its NLL (push it
  //       onto history) and the next responsibilities; stop when
  //       |history[t] − history[t − 1]| ≤ tolerance · max(|history[t]|, 1).
  void mStep;
  void tolerance;
  return { gmm, history };
}

export async function fitEm(data: GmmEmInput, ctx: TrainContext): Promise<GmmEmResult> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const { x, n, d, k, maxIterations, tolerance } = data;
  // TODO: several starts (10 is plenty at this size): run EM from each kMeansPlusPlusStart(x, n, d, k, ctx.rng)
  //       and keep the run whose last history entry (its final TRAINING NLL) is lowest. One start is not enough:
  //       one EM run ends in a clearly worse local optimum on about 1 data set in 14.
  const best = runEm(x, n, d, kMeansPlusPlusStart(x, n, d, k, ctx.rng), maxIterations, tolerance);
  ctx.log(`${best.history.length - 1} iterations, training NLL ${best.history.at(-1)!.toFixed(4)}`);
  return { ...best.gmm, ...historyForGrading(best.history, maxIterations) };
}
