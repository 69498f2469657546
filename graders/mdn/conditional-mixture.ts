/**
 * A mixture density network's output as plain float64 data, and the maths the MDN graders need on it: for each of
 * n inputs a 1-D Gaussian mixture with k components, p(y | x_i) = Σ_k π_ik N(y | μ_ik, σ_ik). Log-densities are
 * computed in the log domain (logsumexp over log π + log N), so a y 50 σ from every μ, or a σ of 1e-6, gets its true
 * value where exp → sum → log gives −Infinity or NaN. Convention: log N includes −½ log 2π ≈ −0.919, so a standard
 * normal's mean NLL is 1.419 nats, and NLL numbers on the pages are nats per point.
 */
import { logSumExp } from '../mixtures/log-density.ts';
import { drawCategorical } from '../mixtures/sample.ts';
import type { Rng } from '../rng.ts';

/** ½ log 2π: the constant in every Gaussian log-density, quoted with every NLL. */
export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** n conditional mixtures of k components: π, μ, σ row-major n×k (row i is input i). */
export interface ConditionalMixture {
  n: number;
  k: number;
  pi: Float64Array;
  mu: Float64Array;
  sigma: Float64Array;
}

/** What is wrong with a mixture's numbers (π not a distribution, σ ≤ 0, anything non-finite), or undefined. */
export function invalidMixture(m: ConditionalMixture, tolerance = 1e-3): string | undefined {
  const { n, k } = m;
  if (!(m.pi.length === n * k && m.mu.length === n * k && m.sigma.length === n * k)) return `π, μ and σ must each hold ${n}×${k} numbers`;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const j = i * k + c, p = m.pi[j]!, s = m.sigma[j]!, u = m.mu[j]!;
      if (!(p >= 0 && p <= 1 + tolerance)) return `π[${i}][${c}] is ${p}; mixture weights lie in [0, 1]`;
      if (!(s > 0 && Number.isFinite(s))) return `σ[${i}][${c}] is ${s}; a standard deviation must be positive and finite`;
      if (!Number.isFinite(u)) return `μ[${i}][${c}] is ${u}; means must be finite`;
      sum += p;
    }
    if (Math.abs(sum - 1) > tolerance) return `π[${i}] sums to ${sum.toPrecision(4)}; mixture weights must sum to 1 (softmax)`;
  }
  return undefined;
}

/** The same mixture with every π row rescaled to sum to exactly 1: a float32 softmax row may sum to 1 ± 1e-7. */
export function normalizedMixture(m: ConditionalMixture): ConditionalMixture {
  const pi = Float64Array.from(m.pi);
  for (let i = 0; i < m.n; i++) {
    let sum = 0;
    for (let c = 0; c < m.k; c++) sum += pi[i * m.k + c]!;
    for (let c = 0; c < m.k; c++) pi[i * m.k + c]! /= sum;
  }
  return { ...m, pi };
}

/** log π_ik + log N(y_i | μ_ik, σ_ik) for row i's components (k values). */
export function componentLogJoint(m: ConditionalMixture, i: number, y: number): Float64Array {
  const out = new Float64Array(m.k);
  for (let c = 0; c < m.k; c++) {
    const j = i * m.k + c, s = m.sigma[j]!, z = (y - m.mu[j]!) / s;
    out[c] = Math.log(m.pi[j]!) - Math.log(s) - HALF_LOG_2PI - 0.5 * z * z;
  }
  return out;
}

/** log p(y_i | x_i) for each row, in nats (exact in float64 however far y_i lies from every μ). */
export function mixtureLogDensity(m: ConditionalMixture, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) out[i] = logSumExp(componentLogJoint(m, i, y[i]!));
  return out;
}

/** Mean negative log-likelihood −(1/n) Σ log p(y_i | x_i), nats per point (the convention above). */
export function mixtureMeanNll(m: ConditionalMixture, y: ArrayLike<number>): number {
  const lp = mixtureLogDensity(m, y);
  let s = 0;
  for (let i = 0; i < m.n; i++) s -= lp[i]!;
  return s / m.n;
}

/** Standard normal CDF Φ(z), from the complementary error function below (accurate in both tails). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** erfc(x) to 1.2e-7 relative everywhere (Numerical Recipes' Chebyshev fit `erfcc`), ample for interval ends and coverage. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Y ≤ y | x_i): the mixture's CDF, Σ_k π_ik Φ((y − μ_ik)/σ_ik). */
export function mixtureCdf(m: ConditionalMixture, i: number, y: number): number {
  let p = 0;
  for (let c = 0; c < m.k; c++) {
    const j = i * m.k + c;
    p += m.pi[j]! * normalCdf((y - m.mu[j]!) / m.sigma[j]!);
  }
  return p;
}

/** The q-quantile of row i's mixture, by bisection on the CDF (monotone) between the components' ±12 σ ends. */
export function mixtureQuantile(m: ConditionalMixture, i: number, q: number): number {
  let lo = Infinity, hi = -Infinity;
  for (let c = 0; c < m.k; c++) {
    const j = i * m.k + c;
    lo = Math.min(lo, m.mu[j]! - 12 * m.sigma[j]!);
    hi = Math.max(hi, m.mu[j]! + 12 * m.sigma[j]!);
  }
  for (let it = 0; it < 100 && hi - lo > 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (mixtureCdf(m, i, mid) < q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Calibration: the fraction of rows whose y_i lies inside row i's central `level` interval (from the (1−level)/2
 * to the (1+level)/2 quantile), and the intervals' mean width. A calibrated model covers ≈ level of held-out y.
 * Computed as (1−level)/2 < CDF(y_i) ≤ (1+level)/2, which needs no quantile search.
 */
export function centralCoverage(m: ConditionalMixture, y: ArrayLike<number>, level = 0.9): number {
  const lo = (1 - level) / 2, hi = (1 + level) / 2;
  let inside = 0;
  for (let i = 0; i < m.n; i++) {
    const u = mixtureCdf(m, i, y[i]!);
    if (u > lo && u <= hi) inside++;
  }
  return inside / m.n;
}

/** Mean width of the rows' central `level` intervals (how sharp the calibrated model is). */
export function meanIntervalWidth(m: ConditionalMixture, level = 0.9): number {
  let s = 0;
  for (let i = 0; i < m.n; i++) s += mixtureQuantile(m, i, (1 + level) / 2) - mixtureQuantile(m, i, (1 - level) / 2);
  return s / m.n;
}

/** The mixture mean Σ_k π_ik μ_ik per row: the MSE-optimal point prediction, which for the inverse problem is a curve through no data. */
export function mixtureMean(m: ConditionalMixture): Float64Array {
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) for (let c = 0; c < m.k; c++) out[i]! += m.pi[i * m.k + c]! * m.mu[i * m.k + c]!;
  return out;
}

/** One draw per row: pick component c with probability π_ic, then y ~ N(μ_ic, σ_ic). Also returns the picks. */
export function sampleMixture(m: ConditionalMixture, rng: Rng): { y: Float64Array; component: Int32Array } {
  const y = new Float64Array(m.n);
  const component = new Int32Array(m.n);
  for (let i = 0; i < m.n; i++) {
    const c = drawCategorical(m.pi.subarray(i * m.k, (i + 1) * m.k), rng);
    component[i] = c;
    y[i] = m.mu[i * m.k + c]! + m.sigma[i * m.k + c]! * rng.normal();
  }
  return { y, component };
}

/**
 * The runtime's `mixture` evaluation on the wire (graders/problem.ts): π, μ, σ blocks of n×maxComponents each,
 * padded past the learner's k with π = 0, μ = 0, σ = 1. Trailing components with π = 0 on every row are dropped (they
 * change no density, and a sampler must never pick them by rounding), and π rows are rescaled to sum to exactly 1:
 * the parent accepted rows within 1e-2 of 1, and a row summing to 1.01 must not buy 0.01 nats.
 */
export function mixtureFromOutputs(values: ArrayLike<number>, n: number, maxComponents: number): ConditionalMixture {
  const block = n * maxComponents;
  if (values.length !== 3 * block) throw new Error(`a mixture output for ${n} rows of ${maxComponents} components has ${3 * block} numbers, not ${values.length}`);
  let k = maxComponents;
  while (k > 1 && Array.from({ length: n }, (_, i) => values[i * maxComponents + k - 1]!).every((p) => p === 0)) k--;
  const take = (offset: number) => {
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * k + c] = values[offset + i * maxComponents + c]!;
    return out;
  };
  return normalizedMixture({ n, k, pi: take(0), mu: take(block), sigma: take(2 * block) });
}
