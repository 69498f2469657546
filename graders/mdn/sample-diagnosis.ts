/**
 * Which mistake a wrong MDN sampler made, read off its draws. The PIT and the energy statistic (graders/mdn/pit.ts,
 * graders/mixtures/sample-stats.ts) say *that* a sample is wrong; these signatures say *which* wrong: the mixture
 * mean returned instead of a draw, one Gaussian at the mean, always the heaviest component, one component for
 * every input, the weights ignored, a component's μ with another's σ, or σ used as a variance. Each compares the
 * learner's draws with what a right sampler gives: in expectation where that is exact (a draw's responsibilities
 * average to π), else on the grader's own reference draws from the same mixtures.
 */
import { componentLogJoint, mixtureMean, type ConditionalMixture } from './conditional-mixture.ts';

/** The numbers the diagnosis reads, for the learner's draws (and, where noted, for the reference's). */
export interface SampleSignature {
  /** Share of draws equal to their row's mixture mean Σπμ (to float32 rounding). */
  atMean: number;
  /** Mean of ((y − Σπμ) / Σπσ)²: ≈ 1 for one Gaussian at the mean with the averaged σ, far above for a mixture with separate branches. */
  spreadAtMean: number;
  /** Per component c, the draws' mean responsibility (1/n)Σ_i P(c | y_i, x_i); a right sampler's is (1/n)Σ_i π_ic in expectation. */
  observedShare: number[];
  /** Per component c, (1/n)Σ_i π_ic. */
  expectedShare: number[];
  /**
   * Σ_i (1 − P(argmax π_i | y_i)) / Σ_i (1 − max π_i): how often draws fall off their row's heaviest component,
   * against how often π says. ≈ 1 for a right sampler (a draw's responsibilities average to π), ≈ 0 when every draw
   * comes from the heaviest component, above 1 when the lighter ones are picked too often (π ignored).
   */
  otherBranches: number;
  /** Median |y − μ_c| / σ_c over draws, c the component most responsible for the draw: how wide draws sit around the branch they fell on. */
  branchWidth: number;
}

/** Responsibilities P(c | y_i) of row i (k values summing to 1). */
function responsibilities(m: ConditionalMixture, i: number, y: number): Float64Array {
  const lj = componentLogJoint(m, i, y);
  const max = Math.max(...lj);
  let s = 0;
  for (let c = 0; c < m.k; c++) s += lj[c] = Math.exp(lj[c]! - max);
  for (let c = 0; c < m.k; c++) lj[c]! /= s;
  return lj;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

/** The signature of draws y (one per row of m); rows whose y is not finite are skipped. */
export function sampleSignature(m: ConditionalMixture, y: ArrayLike<number>): SampleSignature {
  const { n, k } = m;
  const mean = mixtureMean(m);
  const observed = Array<number>(k).fill(0), expected = Array<number>(k).fill(0);
  let atMean = 0, spread = 0, other = 0, otherExpected = 0, rows = 0;
  const widths: number[] = [];
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    if (!Number.isFinite(yi)) continue;
    rows++;
    let sbar = 0, top = 0;
    for (let c = 0; c < k; c++) {
      sbar += m.pi[i * k + c]! * m.sigma[i * k + c]!;
      expected[c]! += m.pi[i * k + c]!;
      if (m.pi[i * k + c]! > m.pi[i * k + top]!) top = c;
    }
    if (Math.abs(yi - mean[i]!) <= 1e-5 * (1 + Math.abs(mean[i]!))) atMean++;
    spread += ((yi - mean[i]!) / sbar) ** 2;
    const r = responsibilities(m, i, yi);
    let best = 0;
    for (let c = 0; c < k; c++) {
      observed[c]! += r[c]!;
      if (r[c]! > r[best]!) best = c;
    }
    other += 1 - r[top]!;
    otherExpected += 1 - m.pi[i * k + top]!;
    widths.push(Math.abs(yi - m.mu[i * k + best]!) / m.sigma[i * k + best]!);
  }
  const per = (v: number[]) => v.map((s) => s / Math.max(rows, 1));
  return {
    atMean: atMean / Math.max(rows, 1),
    spreadAtMean: spread / Math.max(rows, 1),
    observedShare: per(observed),
    expectedShare: per(expected),
    otherBranches: otherExpected > 0 ? other / otherExpected : 1,
    branchWidth: median(widths),
  };
}

const pct = (v: number) => `${(100 * v).toFixed(0)} %`;

/**
 * A sentence naming the mistake the draws y show, or undefined when none of the signatures fires. `reference` is
 * the grader's own draws from the same mixtures (a right sample), whose branch width is what a right sampler gives;
 * `logDensityZ` is graders/mdn/draw-likelihood.ts's z-score of the draws' mean log-density against the reference's.
 * The thresholds sit between the right sampler and each wrong one as measured by scripts/mdn/sampling-variants.ts.
 */
export function diagnoseMdnSample(m: ConditionalMixture, y: ArrayLike<number>, reference: ArrayLike<number>, logDensityZ = 0): string | undefined {
  const s = sampleSignature(m, y), ref = sampleSignature(m, reference);
  if (s.atMean > 0.9)
    return `${pct(s.atMean)} of your values are exactly their row's mixture mean Σ_k π_k μ_k: you returned the mean, not a draw. The mean is a point between the branches where the model puts almost no probability; a sample picks one component k with probability π_k and then draws μ_k + σ_k·z.`;
  if (s.spreadAtMean < 2 && ref.spreadAtMean > 4)
    return `Your values scatter around each row's mixture mean by about the averaged σ (mean squared distance ${s.spreadAtMean.toFixed(2)} averaged-σ units, a right sample ${ref.spreadAtMean.toFixed(0)}): that is one Gaussian at the mean, such as one Gaussian N(Σπμ, Σπσ) or a weighted sum of one draw per component Σπ(μ + σz), which averages the components instead of picking one. Pick k with ctx.rng.categorical(pi[i]), then draw from component k alone.`;
  const heavy = s.observedShare.indexOf(Math.max(...s.observedShare));
  if (s.observedShare[heavy]! > 0.7 && s.observedShare[heavy]! > 2 * s.expectedShare[heavy]!)
    return `${pct(s.observedShare[heavy]!)} of your values fall on component ${heavy}, whose average weight is ${pct(s.expectedShare[heavy]!)}: one component for every input. Draw a new k for every row, from that row's own weights pi[i].`;
  if (s.otherBranches < 0.35)
    return `Your values almost never fall on any but their row's heaviest component (${(100 * s.otherBranches).toFixed(0)} % of the draws a right sampler puts on the other branches): always taking the argmax of π leaves the other branches unvisited. Draw k at random with probability π_k: ctx.rng.categorical(pi[i]).`;
  if (s.otherBranches > 1.15)
    return `Your values fall on the lighter branches ${s.otherBranches.toFixed(2)}× as often as the weights say (a right sample: 1.00 give or take 0.03): the weights π were ignored, every component picked equally often. Pick k with probability pi[i][k]: ctx.rng.categorical(pi[i]).`;
  if (logDensityZ > 4 && s.branchWidth > 0.8 * ref.branchWidth)
    return `Your values land on the right branches, but where the model's density is lower than a right sample's (${logDensityZ.toFixed(1)} standard errors less likely): μ from one component with σ from another (two separate picks of k, or sigma indexed by another k), which gives a narrow branch a wide σ. Use one k for both: mu[i][k] + sigma[i][k] * z.`;
  if (s.branchWidth < 0.8 * ref.branchWidth)
    return `Your values sit on the right branches but only ${(s.branchWidth / ref.branchWidth).toFixed(2)}× as wide around them as a right sample: too narrow. If you squared σ, don't: sigma is a standard deviation already (the network's exp output), so the draw is mu[i][k] + sigma[i][k] * z.`;
  return undefined;
}
