import type { MixtureSample, MixtureSamplingInput, TrainContext } from 'course';

/**
 * Draw n points from a Gaussian mixture with diagonal covariances.
 *
 * The mixture has K components. Component k has a weight weights[k] (the weights are ≥ 0 and sum to 1), a mean
 * means[k] (d numbers) and standard deviations stds[k] (d numbers: standard deviations, not variances). Its
 * density is the weighted sum of the components' densities:
 *
 *   p(x) = Σ_k weights[k] · N(x | means[k], diag(stds[k]²))
 *
 * A weighted sum of densities is sampled in two steps per point, never by averaging anything:
 *   1. pick ONE component, k with probability weights[k] (a categorical draw);
 *   2. draw the point from that component's Gaussian alone. It is diagonal, so each coordinate j is an
 *      independent normal: means[k][j] + stds[k][j] · z, with a fresh standard normal z for every coordinate.
 *
 * Use the seeded generator `ctx.rng` (not Math.random): `ctx.rng.categorical(probabilities)` returns an index
 * drawn with those probabilities, `ctx.rng.normal()` a standard normal number. The same seed then gives the same
 * points in the browser and in the grader.
 *
 * Return `points` (n rows of d numbers) and `components` (for each point, the index of the component it came
 * from). The grader checks the proportions of your labels against the weights, each component's points against
 * its mean and standard deviations, and the whole sample against one it draws itself.
 */
export async function sampleMixture(input: MixtureSamplingInput, ctx: TrainContext): Promise<MixtureSample> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const { weights, means, stds, n } = input;
  const points: number[][] = [];
  const components: number[] = [];
  for (let i = 0; i < n; i++) {
    // TODO: pick this point's component with probability weights[c]: ctx.rng.categorical(weights).
    //       (Always taking component 0 draws every point from one component: the grader names that mistake.)
    const c = 0;
    components.push(c);

    // TODO: draw each coordinate from component c's Gaussian: means[c][j] + stds[c][j] * ctx.rng.normal(),
    //       a new normal number for every j. For now every point sits exactly on the component's mean.
    const point = means[c]!.map((m) => m);
    points.push(point);
  }
  return { points, components };
}
