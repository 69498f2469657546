/** Drawing points from a diagonal mixture with a seeded generator (graders/rng.ts): pick a component, then draw from it. */
import type { Rng } from '../rng.ts';
import { gmmShape, type DiagonalGmm } from './gmm.ts';

/** Index drawn with probability proportional to `weights` (inverse CDF on one uniform; the last index absorbs rounding). */
export function drawCategorical(weights: ArrayLike<number>, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let u = rng.uniform() * total;
  for (let i = 0; i < weights.length - 1; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** n points (row-major n×d) and the component each came from. */
export interface MixtureSample {
  x: Float64Array;
  components: Int32Array;
  n: number;
  d: number;
}

/** n independent draws from the mixture: component c ~ Categorical(π), then x_j = μ_cj + σ_cj·ε_j, ε ~ N(0, 1). */
export function sampleGmm(g: DiagonalGmm, n: number, rng: Rng): MixtureSample {
  const { d } = gmmShape(g);
  const x = new Float64Array(n * d);
  const components = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = drawCategorical(g.weights, rng);
    components[i] = c;
    for (let j = 0; j < d; j++) x[i * d + j] = g.means[c]![j]! + g.stds[c]![j]! * rng.normal();
  }
  return { x, components, n, d };
}
