/**
 * A Gaussian mixture with diagonal covariances, as plain nested number arrays: the shape learners receive and return
 * in the Mixtures module (weights[k], means[k][d], stds[k][d]), so it crosses worker and process boundaries as is and
 * reads the same in a message as in the lesson's formulas.
 */

/** A diagonal Gaussian mixture: component k has weight π_k, mean μ_k and per-dimension standard deviations σ_k. */
export interface DiagonalGmm {
  /** Mixing weights π_k ≥ 0, summing to 1. */
  weights: number[];
  /** means[k][d] = μ_kd. */
  means: number[][];
  /** stds[k][d] = σ_kd > 0 (standard deviations, not variances). */
  stds: number[][];
}

/** Number of components and dimensions of a mixture. */
export function gmmShape(g: DiagonalGmm): { k: number; d: number } {
  return { k: g.weights.length, d: g.means[0]?.length ?? 0 };
}

/** How far weights may sum from 1 and still count as a distribution (float32 softmax outputs sum to 1 ± ~1e-7). */
export const weightSumTolerance = 1e-3;

/**
 * Why `g` is not a valid mixture (shapes, finiteness, weights a distribution, positive stds), or undefined if it is.
 * Learners' fitted mixtures pass through this before any likelihood is computed, so a wrong answer gets a reason,
 * not a NaN.
 */
export function invalidGmm(g: DiagonalGmm): string | undefined {
  const { k, d } = gmmShape(g);
  if (k === 0 || d === 0) return 'the mixture has no components';
  if (g.means.length !== k || g.stds.length !== k) return `weights has ${k} entries but means has ${g.means.length} rows and stds ${g.stds.length}`;
  if (g.means.some((m) => m.length !== d) || g.stds.some((s) => s.length !== d)) return `every row of means and stds needs ${d} entries`;
  const all = [...g.weights, ...g.means.flat(), ...g.stds.flat()];
  if (all.some((v) => !Number.isFinite(v))) return 'the mixture holds a NaN or infinite number';
  const neg = g.weights.findIndex((w) => w < 0);
  if (neg >= 0) return `weight ${neg} is ${g.weights[neg]}; mixing weights must be ≥ 0 (a softmax of logits is)`;
  const sum = g.weights.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > weightSumTolerance) return `the weights sum to ${sum.toPrecision(4)}, not 1 (a softmax of logits does)`;
  for (let c = 0; c < k; c++) {
    const j = g.stds[c]!.findIndex((s) => s <= 0);
    if (j >= 0) return `stds[${c}][${j}] is ${g.stds[c]![j]}; standard deviations must be > 0 (e.g. exp of a log-std)`;
  }
  return undefined;
}

/** Reads a mixture back from flat row-major arrays (weights k, means k×d, stds k×d), e.g. a learner's outputs. */
export function gmmFromFlat(weights: ArrayLike<number>, means: ArrayLike<number>, stds: ArrayLike<number>, d: number): DiagonalGmm {
  const k = weights.length;
  const rows = (a: ArrayLike<number>) => Array.from({ length: k }, (_, c) => Array.from({ length: d }, (_, j) => Number(a[c * d + j])));
  return { weights: Array.from(weights, Number), means: rows(means), stds: rows(stds) };
}
