/**
 * The diagonal mixture's log-density in float64, the reference the Mixtures graders compare with:
 * log p(x) = logsumexp_k(log π_k + Σ_d log N(x_d | μ_kd, σ_kd)). Computed in the log domain throughout, so a point
 * 50 standard deviations from every component gets its true log-density (about −1250 per dimension), where
 * exp-then-log underflows to −Infinity even in float64 (exp(−745) is already 0).
 */
import { gmmShape, type DiagonalGmm } from './gmm.ts';

const LOG_2PI = Math.log(2 * Math.PI);

/** log Σ exp(v_i) without overflow or underflow: the largest term is factored out. −Infinity for no terms. */
export function logSumExp(v: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) max = Math.max(max, v[i]!);
  if (max === -Infinity || !Number.isFinite(max)) return max; // all −∞, or a +∞/NaN term that dominates anyway
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i]! - max);
  return max + Math.log(s);
}

/**
 * log π_k + log N(x | μ_k, diag σ_k²) for every point and component: row-major n×k. `x` is row-major n×d. Shared by
 * the log-density, EM's responsibilities and the Bayes classifier, so all three use one formula.
 */
export function componentLogJoint(g: DiagonalGmm, x: ArrayLike<number>, n: number): Float64Array {
  const { k, d } = gmmShape(g);
  const out = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const mu = g.means[c]!, sd = g.stds[c]!;
    let constant = Math.log(g.weights[c]!) - 0.5 * d * LOG_2PI;
    for (let j = 0; j < d; j++) constant -= Math.log(sd[j]!);
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let j = 0; j < d; j++) {
        const z = (x[i * d + j]! - mu[j]!) / sd[j]!;
        q += z * z;
      }
      out[i * k + c] = constant - 0.5 * q;
    }
  }
  return out;
}

/** log p(x_i) for each of the n points (row-major n×d), in nats. */
export function gmmLogDensity(g: DiagonalGmm, x: ArrayLike<number>, n: number): Float64Array {
  const { k } = gmmShape(g);
  const joint = componentLogJoint(g, x, n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = logSumExp(joint.subarray(i * k, (i + 1) * k));
  return out;
}

/** Mean negative log-likelihood −(1/n) Σ log p(x_i), nats per point: the number the fitting exercises are graded on. */
export function meanNll(g: DiagonalGmm, x: ArrayLike<number>, n: number): number {
  const lp = gmmLogDensity(g, x, n);
  let s = 0;
  for (let i = 0; i < n; i++) s -= lp[i]!;
  return s / n;
}
