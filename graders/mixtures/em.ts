/**
 * Expectation–maximisation for a diagonal Gaussian mixture, in float64: the reference the fitting exercises compare
 * a learner's mixture with. EM finds a local optimum that depends on where it starts (on one data seed of the
 * reference runs scikit-learn stopped at 2.170 nats while 2.118 exists), so `fitEmRestarts` runs it from several
 * k-means++ starts and keeps the best.
 */
import type { Rng } from '../rng.ts';
import type { DiagonalGmm } from './gmm.ts';
import { componentLogJoint, logSumExp } from './log-density.ts';

/** How EM runs. */
export interface EmOptions {
  /** Most EM iterations (E-step + M-step) per start. */
  maxIterations: number;
  /** Stop when |NLL_t − NLL_{t−1}| ≤ tolerance · max(|NLL_t|, 1): a relative change, absolute near 0. */
  tolerance: number;
  /** Added to every variance in the M-step (scikit-learn's reg_covar), so a component on one point cannot collapse to σ = 0. */
  varianceFloor: number;
}

/** scikit-learn's GaussianMixture defaults in spirit: 100 iterations, reg_covar 1e-6; tolerance relative, 1e-6. */
export const defaultEmOptions: EmOptions = { maxIterations: 500, tolerance: 1e-6, varianceFloor: 1e-6 };

/** One EM run. */
export interface EmFit {
  gmm: DiagonalGmm;
  /** Mean NLL (nats per point) of the parameters at each iteration's E-step; the last entry is `gmm`'s NLL. */
  nll: number[];
  /** True if the relative change fell below the tolerance within maxIterations. */
  converged: boolean;
}

/** Squared Euclidean distance between row i of x and the point c (both d-dimensional). */
function dist2(x: ArrayLike<number>, i: number, c: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += (x[i * d + j]! - c[j]!) ** 2;
  return s;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre a uniform data point, each next one a data
 * point drawn with probability ∝ its squared distance to the nearest centre so far. Returns k centres (k×d).
 */
export function kMeansPlusPlus(x: ArrayLike<number>, n: number, d: number, k: number, rng: Rng): number[][] {
  const row = (i: number) => Array.from({ length: d }, (_, j) => x[i * d + j]!);
  const centres = [row(rng.int(n))];
  const nearest = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, dist2(x, i, last, d));
      total += nearest[i]!;
    }
    // All points on the centres already (fewer distinct points than k): any point will do.
    let u = rng.uniform() * total, pick = total > 0 ? n - 1 : rng.int(n);
    if (total > 0)
      for (let i = 0; i < n; i++) {
        u -= nearest[i]!;
        if (u < 0) {
          pick = i;
          break;
        }
      }
    centres.push(row(pick));
  }
  return centres;
}

/** The starting mixture: k-means++ centres as means, each point's nearest centre for the weights and spreads. */
function initialMixture(x: ArrayLike<number>, n: number, d: number, k: number, rng: Rng, varianceFloor: number): DiagonalGmm {
  const means = kMeansPlusPlus(x, n, d, k, rng);
  const count = new Float64Array(k), sq = means.map(() => new Float64Array(d));
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (dist2(x, i, means[c]!, d) < dist2(x, i, means[best]!, d)) best = c;
    count[best] = count[best]! + 1;
    for (let j = 0; j < d; j++) sq[best]![j] = sq[best]![j]! + (x[i * d + j]! - means[best]![j]!) ** 2;
  }
  // A centre alone in its cell has no spread of its own; it gets the data's overall scale instead.
  const overall = Array.from({ length: d }, (_, j) => {
    let m = 0, s = 0;
    for (let i = 0; i < n; i++) m += x[i * d + j]! / n;
    for (let i = 0; i < n; i++) s += (x[i * d + j]! - m) ** 2 / n;
    return s;
  });
  return {
    weights: Array.from(count, (c) => Math.max(c, 1) / Math.max(n, k)),
    means,
    stds: means.map((_, c) => Array.from({ length: d }, (_, j) => Math.sqrt((count[c]! > 1 ? sq[c]![j]! / count[c]! : overall[j]!) + varianceFloor))),
  };
}

/** The E-step: the mean NLL of `gmm` on x and each point's responsibilities (n×k, rows summing to 1). */
function expectation(gmm: DiagonalGmm, x: ArrayLike<number>, n: number): { nll: number; responsibilities: Float64Array } {
  const k = gmm.weights.length;
  const joint = componentLogJoint(gmm, x, n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const row = joint.subarray(i * k, (i + 1) * k);
    const lp = logSumExp(row);
    sum -= lp;
    for (let c = 0; c < k; c++) row[c] = Math.exp(row[c]! - lp); // in place: the joint is not needed after
  }
  return { nll: sum / n, responsibilities: joint };
}

/** The M-step: weights, means and variances (plus the floor) from the responsibilities r (n×k). */
function maximise(x: ArrayLike<number>, n: number, d: number, k: number, r: Float64Array, varianceFloor: number): DiagonalGmm {
  const weights: number[] = [], means: number[][] = [], stds: number[][] = [];
  for (let c = 0; c < k; c++) {
    let nk = 0;
    for (let i = 0; i < n; i++) nk += r[i * k + c]!;
    nk += 10 * Number.EPSILON; // as scikit-learn does: an emptied component keeps finite (if meaningless) parameters
    const mu = new Array<number>(d).fill(0), v = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j] = mu[j]! + (r[i * k + c]! * x[i * d + j]!) / nk;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) v[j] = v[j]! + (r[i * k + c]! * (x[i * d + j]! - mu[j]!) ** 2) / nk;
    weights.push(nk / n);
    means.push(mu);
    stds.push(v.map((s) => Math.sqrt(s + varianceFloor)));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return { weights: weights.map((w) => w / total), means, stds };
}

/**
 * The mean NLL of `gmm` on x and of the mixture one EM step (E then M) makes from it: EM never increases the NLL,
 * and a converged fit barely moves, so the drop tells whether a learner's EM (or any fit) had converged.
 */
export function emStep(gmm: DiagonalGmm, x: ArrayLike<number>, n: number, d: number, varianceFloor = defaultEmOptions.varianceFloor): { before: number; after: number; next: DiagonalGmm } {
  const { nll: before, responsibilities } = expectation(gmm, x, n);
  const next = maximise(x, n, d, gmm.weights.length, responsibilities, varianceFloor);
  return { before, after: expectation(next, x, n).nll, next };
}

/** One EM run from a k-means++ start on the n points x (row-major n×d). */
export function fitEm(x: ArrayLike<number>, n: number, d: number, k: number, rng: Rng, options: Partial<EmOptions> = {}): EmFit {
  const o = { ...defaultEmOptions, ...options };
  let gmm = initialMixture(x, n, d, k, rng, o.varianceFloor);
  const nll: number[] = [];
  for (let t = 0; t < o.maxIterations; t++) {
    const { nll: current, responsibilities } = expectation(gmm, x, n);
    nll.push(current);
    const prev = nll[nll.length - 2];
    if (prev !== undefined && Math.abs(nll[nll.length - 1]! - prev) <= o.tolerance * Math.max(Math.abs(nll[nll.length - 1]!), 1)) return { gmm, nll, converged: true };
    // After the last allowed E-step the current parameters are returned, so the last NLL is always theirs.
    if (t < o.maxIterations - 1) gmm = maximise(x, n, d, k, responsibilities, o.varianceFloor);
  }
  return { gmm, nll, converged: false };
}

/** The best of several EM runs (lowest final training NLL), and every run's final NLL in run order. */
export function fitEmRestarts(x: ArrayLike<number>, n: number, d: number, k: number, rng: Rng, restarts: number, options: Partial<EmOptions> = {}): EmFit & { finalNlls: number[] } {
  const runs = Array.from({ length: Math.max(1, restarts) }, () => fitEm(x, n, d, k, rng, options));
  const finalNlls = runs.map((r) => r.nll[r.nll.length - 1]!);
  const best = runs[finalNlls.indexOf(Math.min(...finalNlls))]!;
  return { ...best, finalNlls };
}
