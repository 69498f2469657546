import type { MdnSamplingInput, TrainContext } from 'course';

/**
 * Reference solution: one draw per input, in the two steps the mixture's density prescribes. Plain numbers, no
 * tfjs: 5000 draws are a loop of a categorical pick and one multiply-add each, and tensors would only add work.
 */
export async function sampleMdn(input: MdnSamplingInput, ctx: TrainContext): Promise<number[]> {
  const { pi, mu, sigma } = input;
  const y: number[] = [];
  for (let i = 0; i < pi.length; i++) {
    // Step 1: which branch. k with probability pi[i][k], drawn afresh for every input: row i's weights, not row 0's,
    // and not the largest (the argmax would never visit the lighter branches, which hold real data).
    const k = ctx.rng.categorical(pi[i]!);
    // Step 2: a draw from that one component. The same k indexes μ and σ (another k's σ would give a narrow branch
    // a wide spread), and sigma is a standard deviation already (the network's exp output), so it multiplies z as is.
    y.push(mu[i]![k]! + sigma[i]![k]! * ctx.rng.normal());
  }
  return y;
}
