/**
 * The lesson's two-component mixture and what sampling it looks like: A = N((−s, −s), σ²I) and B = N((s, s), σ²I)
 * with weights π_A and 1 − π_A (the lesson's default: s = 0.5, σ = 0.25, equal weights), drawn the right way (pick
 * a component, then draw from it) or the wrong way (a weighted average of one draw from each). Pure maths with the
 * seeded generator of graders/rng.ts, so the build-time figure and the browser draw the same points.
 */
import type { DiagonalGmm } from '../../../../../graders/mixtures/gmm.ts';
import { sampleGmm } from '../../../../../graders/mixtures/sample.ts';
import { makeRng } from '../../../../../graders/rng.ts';

/** The components' standard deviation in every dimension: the lesson's 0.25. */
export const componentStd = 0.25;

/** The lesson's default: equal weights, means at (−0.5, −0.5) and (0.5, 0.5). */
export const lessonMixture = { weightA: 0.5, offset: 0.5 } as const;

/** A (component 0) at (−offset, −offset) with weight weightA, B (component 1) at (offset, offset), both σ = 0.25. */
export function twoComponentMixture(weightA: number, offset: number): DiagonalGmm {
  return {
    weights: [weightA, 1 - weightA],
    means: [[-offset, -offset], [offset, offset]],
    stds: [[componentStd, componentStd], [componentStd, componentStd]],
  };
}

/** n points (x, y pairs) and, for picked draws, the component of each (null for averaged ones). */
export interface FigureSample {
  xy: Float64Array;
  labels: Int32Array | null;
}

/**
 * n draws with the seeded generator. 'pick': component c ~ Categorical(π), then x ~ N(μ_c, σ_c²) (the mixture).
 * 'average': a ∼ A and b ∼ B, then π_A·a + π_B·b (what "mixing" the components would mean if a mixture averaged
 * them): one blob at the weighted mean, narrower than either component.
 */
export function drawFigureSample(g: DiagonalGmm, n: number, seed: number, mode: 'pick' | 'average'): FigureSample {
  const rng = makeRng(seed, 'mixture-distributions-figure');
  if (mode === 'pick') {
    const s = sampleGmm(g, n, rng);
    return { xy: s.x, labels: s.components };
  }
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < 2; j++) {
      const a = g.means[0]![j]! + g.stds[0]![j]! * rng.normal();
      const b = g.means[1]![j]! + g.stds[1]![j]! * rng.normal();
      xy[2 * i + j] = g.weights[0]! * a + g.weights[1]! * b;
    }
  return { xy, labels: null };
}

/** The mixture's mean and standard deviation in dimension j (law of total variance: within plus between components). */
export function mixtureMoments(g: DiagonalGmm, j: number): { mean: number; std: number } {
  const mean = g.weights.reduce((s, w, c) => s + w * g.means[c]![j]!, 0);
  const second = g.weights.reduce((s, w, c) => s + w * (g.stds[c]![j]! ** 2 + g.means[c]![j]! ** 2), 0);
  return { mean, std: Math.sqrt(second - mean * mean) };
}

/**
 * The averaged draw's mean and standard deviation in dimension j: Σ π_c μ_cj, and √(Σ π_c² σ_cj²) (independent
 * draws: variances add, each scaled by its weight squared).
 */
export function averagedMoments(g: DiagonalGmm, j: number): { mean: number; std: number } {
  const mean = g.weights.reduce((s, w, c) => s + w * g.means[c]![j]!, 0);
  return { mean, std: Math.sqrt(g.weights.reduce((s, w, c) => s + w * w * g.stds[c]![j]! ** 2, 0)) };
}

/** Per-dimension sample mean and standard deviation (population form) of x, y pairs. */
export function sampleMoments(xy: ArrayLike<number>, j: number): { mean: number; std: number } {
  const n = Math.floor(xy.length / 2);
  let s = 0;
  for (let i = 0; i < n; i++) s += xy[2 * i + j]!;
  const mean = s / n;
  let q = 0;
  for (let i = 0; i < n; i++) q += (xy[2 * i + j]! - mean) ** 2;
  return { mean, std: Math.sqrt(q / n) };
}
