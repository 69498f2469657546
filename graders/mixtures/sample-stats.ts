/**
 * Is this a sample from that mixture? Per-component z-scores (how many standard errors the sample's proportions,
 * means, variances and correlations are from the true values; sample-size aware, so one bound serves any n) and
 * the energy distance to a reference sample (Székely & Rizzo), which sees what moment checks miss.
 */
import { gmmShape, type DiagonalGmm } from './gmm.ts';

/** One z-score and what it measures, for messages. */
export interface ZScore {
  z: number;
  component: number;
  /** 'proportion', or a moment of dimension `dim` ('mean', 'variance'), or 'correlation' of dims `dim` and `dim2`. */
  what: 'proportion' | 'mean' | 'variance' | 'correlation';
  dim?: number;
  dim2?: number;
  /** The sample's value and the true one (proportion, mean, variance or correlation). */
  sample: number;
  expected: number;
}

/** Points per component label (labels assumed valid: integers 0 … K−1). */
export function labelCounts(components: ArrayLike<number>, k: number): number[] {
  const counts = Array<number>(k).fill(0);
  for (let i = 0; i < components.length; i++) counts[components[i]!]!++;
  return counts;
}

/** Why the labels are not component indices 0 … K−1, or undefined. */
export function invalidLabels(components: ArrayLike<number>, k: number): string | undefined {
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= k) return `component label ${i} is ${c}; labels must be whole numbers 0 … ${k - 1}`;
  }
  return undefined;
}

/**
 * Proportion z-scores (n_k − nπ_k) / √(nπ_k(1 − π_k)), one per component with 0 < π_k < 1.
 */
export function proportionZScores(g: DiagonalGmm, components: ArrayLike<number>): ZScore[] {
  const n = components.length, counts = labelCounts(components, g.weights.length);
  return g.weights.flatMap((p, c) => (p > 0 && p < 1 ? [{ z: (counts[c]! - n * p) / Math.sqrt(n * p * (1 - p)), component: c, what: 'proportion' as const, sample: counts[c]! / n, expected: p }] : []));
}

/**
 * Moment z-scores of each component's points (by label), against the true μ, σ: mean (m − μ)/(σ/√n_k); variance
 * (s²/σ² − 1)/√(2/(n_k − 1)) (s² about the sample mean); correlation of dims j < l, r·√n_k with r the sample
 * (Pearson) correlation, whose variance is ≈ 1/n_k for independent dims. Components with fewer than `minPoints`
 * points are skipped (their standard errors are not normal yet).
 */
export function momentZScores(g: DiagonalGmm, x: ArrayLike<number>, components: ArrayLike<number>, minPoints = 20): ZScore[] {
  const { k, d } = gmmShape(g);
  const n = components.length;
  const out: ZScore[] = [];
  for (let c = 0; c < k; c++) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (components[i] === c) rows.push(i);
    const nk = rows.length;
    if (nk < minPoints) continue;
    const mu = g.means[c]!, sd = g.stds[c]!;
    const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, i) => s + x[i * d + j]!, 0) / nk);
    for (let j = 0; j < d; j++) {
      out.push({ z: (mean[j]! - mu[j]!) / (sd[j]! / Math.sqrt(nk)), component: c, what: 'mean', dim: j, sample: mean[j]!, expected: mu[j]! });
      const s2 = rows.reduce((s, i) => s + (x[i * d + j]! - mean[j]!) ** 2, 0) / (nk - 1);
      out.push({ z: (s2 / sd[j]! ** 2 - 1) / Math.sqrt(2 / (nk - 1)), component: c, what: 'variance', dim: j, sample: s2, expected: sd[j]! ** 2 });
    }
    for (let j = 0; j < d; j++)
      for (let l = j + 1; l < d; l++) {
        let sxy = 0, sxx = 0, syy = 0;
        for (const i of rows) {
          const a = x[i * d + j]! - mean[j]!, b = x[i * d + l]! - mean[l]!;
          sxy += a * b;
          sxx += a * a;
          syy += b * b;
        }
        const r = sxy / Math.sqrt(sxx * syy);
        out.push({ z: r * Math.sqrt(nk), component: c, what: 'correlation', dim: j, dim2: l, sample: r, expected: 0 });
      }
  }
  return out;
}

/** The z-score of largest magnitude (NaN wins, so a broken sample cannot look fine), or undefined for none. */
export function worstZ(zs: ZScore[]): ZScore | undefined {
  return zs.reduce<ZScore | undefined>((w, z) => (!w || Number.isNaN(z.z) || (!Number.isNaN(w.z) && Math.abs(z.z) > Math.abs(w.z)) ? z : w), undefined);
}

/** Mean Euclidean distance between rows of a (na×d) and rows of b (nb×d); within one set (a === b), over pairs i ≠ j. */
function meanDistance(a: ArrayLike<number>, na: number, b: ArrayLike<number>, nb: number, d: number): number {
  const same = a === b;
  let s = 0;
  for (let i = 0; i < na; i++)
    for (let j = same ? i + 1 : 0; j < nb; j++) {
      let q = 0;
      for (let t = 0; t < d; t++) q += (a[i * d + t]! - b[j * d + t]!) ** 2;
      s += Math.sqrt(q);
    }
  return same ? s / ((na * (na - 1)) / 2) : s / (na * nb);
}

/**
 * The energy statistic of two samples, scaled to be unit-free: (n·m/(n + m)) · (2E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖)
 * / E‖Y − Y′‖. Zero in expectation-order for samples of one distribution (O(1) under the null, whatever n), growing
 * with n when they differ. O((n + m)²) distances: pass a few thousand points at most.
 */
export function energyStatistic(x: ArrayLike<number>, n: number, y: ArrayLike<number>, m: number, d: number): number {
  const xy = meanDistance(x, n, y, m, d), xx = meanDistance(x, n, x, n, d), yy = meanDistance(y, m, y, m, d);
  return (((n * m) / (n + m)) * (2 * xy - xx - yy)) / yy;
}
