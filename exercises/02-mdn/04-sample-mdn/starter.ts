import type { MdnSamplingInput, TrainContext } from 'course';

/**
 * Draw one value from a trained mixture density network at each of its inputs.
 *
 * The network has already run: at input x_i it predicts a mixture of K Gaussians over y,
 *
 *   p(y | x_i) = Σ_k pi[i][k] · N(y | mu[i][k], sigma[i][k]),
 *
 * with weights pi[i][k] (≥ 0, each row sums to 1), means mu[i][k] and standard deviations sigma[i][k] (not
 * variances). Here it is the inverse sinusoid problem: at most inputs y has several plausible values, one per
 * branch of the curve, and the mixture puts one component on each branch.
 *
 * A mixture's density is a weighted SUM of densities, so a draw from it is a PICK, never an average. For each i:
 *   1. pick ONE component k with probability pi[i][k]   (ctx.rng.categorical(pi[i]));
 *   2. draw y_i from that component alone: mu[i][k] + sigma[i][k] · z with z = ctx.rng.normal().
 *
 * Use the seeded ctx.rng (not Math.random), so a run repeats in the browser and in the grader. Return one number
 * per input, in the order of the inputs.
 *
 * The grader cannot compare random draws with fixed answers, so it tests them as a sample: it maps each of your
 * values through its own row's CDF (u_i = F_i(y_i), which is uniform for right draws), compares how likely your
 * values are under the model with its own draws', and compares your draws with its own in bands of x.
 */
export async function sampleMdn(input: MdnSamplingInput, ctx: TrainContext): Promise<number[]> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const { pi, mu, sigma } = input;
  const y: number[] = [];
  for (let i = 0; i < pi.length; i++) {
    // TODO: pick this input's component with probability pi[i][k]: ctx.rng.categorical(pi[i]).
    //       (Component 0 for every input follows one branch and skips the others: the grader names that mistake.)
    const k = 0;

    // TODO: draw from component k alone: mu[i][k] + sigma[i][k] * ctx.rng.normal(), with sigma[i][k] as it is
    //       (a standard deviation). For now every value sits exactly on the component's mean, with no spread at all.
    y.push(mu[i]![k]!);
  }
  return y;
}
