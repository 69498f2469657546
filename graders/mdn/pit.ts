/**
 * The probability integral transform (PIT): if y_i is a draw from row i's mixture, u_i = F_i(y_i) is uniform on
 * (0, 1), whatever the mixture. So a sample drawn one y per input, from a different distribution at every input,
 * becomes one pooled sample of n numbers that must look uniform: the Kolmogorov–Smirnov distance to U(0, 1) measures
 * how far they are, and the histogram shows how (piled in the middle: draws too narrow; at the ends: too wide).
 */
import { mixtureCdf, type ConditionalMixture } from './conditional-mixture.ts';

/** u_i = F_i(y_i) for each row (NaN for a non-finite y, so a broken sample cannot look uniform). */
export function pitValues(m: ConditionalMixture, y: ArrayLike<number>): Float64Array {
  const u = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) u[i] = Number.isFinite(y[i]) ? mixtureCdf(m, i, y[i]!) : NaN;
  return u;
}

/**
 * The Kolmogorov–Smirnov distance sup_u |F̂(u) − u| between the values' empirical CDF and U(0, 1) (NaN if any value
 * is NaN). Times √n it is ≈ Kolmogorov-distributed for independent uniforms, whatever n: above 1.63 with
 * probability 1 %, below 0.4 with probability 0.3 %.
 */
export function ksUniform(u: ArrayLike<number>): number {
  const s = Float64Array.from(u).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(s[i]!)) return NaN;
    d = Math.max(d, (i + 1) / n - s[i]!, s[i]! - i / n);
  }
  return d;
}

/** Counts of the values in `bins` equal bins of [0, 1] (a value of exactly 1 goes in the last). */
export function pitHistogram(u: ArrayLike<number>, bins: number): number[] {
  const counts = Array<number>(bins).fill(0);
  for (let i = 0; i < u.length; i++) if (u[i]! >= 0 && u[i]! <= 1) counts[Math.min(bins - 1, Math.floor(u[i]! * bins))]!++;
  return counts;
}

/** The share of values in the central half, (0.25, 0.75]: 0.5 for uniform PIT, more for draws that are too narrow, less for too wide. */
export function centralShare(u: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < u.length; i++) if (u[i]! > 0.25 && u[i]! <= 0.75) k++;
  return k / u.length;
}
