import type { MixtureSample, MixtureSamplingInput, TrainContext } from 'course';

/**
 * Reference solution: for each point, one categorical draw picks the component, then d independent normal draws
 * place the point around that component's mean. Plain numbers, no tfjs: drawing 4000 points is a loop of a few
 * multiplications each, and a tensor version would only add allocations to dispose.
 */
export async function sampleMixture(input: MixtureSamplingInput, ctx: TrainContext): Promise<MixtureSample> {
  const { weights, means, stds, n } = input;
  const points: number[][] = [];
  const components: number[] = [];
  for (let i = 0; i < n; i++) {
    // Step 1, the categorical: component c with probability weights[c]. Each point gets its own draw, so the
    // counts per component vary from run to run as a multinomial does (that spread is part of the distribution).
    const c = ctx.rng.categorical(weights);
    components.push(c);
    // Step 2, that component's Gaussian alone. It is diagonal (PyTorch's Independent(Normal(means[c], stds[c]), 1)):
    // each coordinate is its own normal, so each gets its own ctx.rng.normal(). stds are standard deviations, so
    // they multiply the normal as they are (a variance would need a square root).
    points.push(means[c]!.map((m, j) => m + stds[c]![j]! * ctx.rng.normal()));
  }
  return { points, components };
}
