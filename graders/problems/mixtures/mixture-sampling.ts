/**
 * Sampling from a mixture: `sampleMixture({ weights, means, stds, n }, ctx)` draws n points with the seeded
 * ctx.rng and returns them with the component each came from. The learner's draws are random, so the grader tests
 * them as a statistician would, on hidden mixtures: per-component proportions, means, variances and correlations
 * in standard errors (z-scores: one bound serves any n), and the energy statistic against a reference sample. The
 * classic mistakes, every point from one component, averaging the components instead of picking one, and the stds
 * used as variances, get a message that names them.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { gmmShape, type DiagonalGmm } from '../../mixtures/gmm.ts';
import { randomFitMixture } from '../../mixtures/random-mixture.ts';
import { sampleGmm } from '../../mixtures/sample.ts';
import { energyStatistic, invalidLabels, momentZScores, proportionZScores, worstZ, type ZScore } from '../../mixtures/sample-stats.ts';
import type { MixtureSamplingInput } from '../../mixtures/learner-types.ts';
import type { ProblemDef } from '../../problem.ts';
import { makeRng } from '../../rng.ts';

export const mixtureSamplingParams = z
  .object({
    mixtures: z
      .array(z.object({ components: z.number().int().min(1).max(32), dims: z.number().int().min(1).max(16) }).strict())
      .min(1)
      .describe('The hidden mixtures, one call each: components K and dimensions d (means ~ N(0, I), stds 0.25 … 0.5, random weights).'),
    n: z.number().int().min(100).describe('Points the learner draws from each mixture.'),
    energySample: z.number().int().min(100).max(5000).describe('Size of the reference sample for the energy statistic; that many of the learner\'s points enter it too (cost grows with its square).'),
  })
  .strict();
type MixtureSamplingParams = z.infer<typeof mixtureSamplingParams>;

/** What the learner's entry receives (declared with the other learner types, which the editor shows). */
export type { MixtureSamplingInput } from '../../mixtures/learner-types.ts';

interface Hidden {
  mixtures: DiagonalGmm[];
  /** A reference sample of each mixture (row-major energySample×d), drawn by the grader. */
  reference: Float64Array[];
}

const metricsDoc = {
  maxProportionZ: 'worst |z| over mixtures and components of (your count − nπ_k) / √(nπ_k(1 − π_k)): are components drawn with the right weights?',
  maxMomentZ: 'worst |z| over mixtures, components (by your labels) and dimensions of the mean, variance and pairwise correlation against the true values, in standard errors',
  energyStatistic: 'worst over mixtures of the unit-free energy statistic between your points and a reference sample (O(1) for a right sample, growing with n for a wrong one)',
};

/** Per-dimension mean and variance of n points (row-major n×d). */
function moments(x: ArrayLike<number>, n: number, d: number): { mean: number[]; variance: number[] } {
  const mean = Array.from({ length: d }, (_, j) => { let s = 0; for (let i = 0; i < n; i++) s += x[i * d + j]!; return s / n; });
  const variance = mean.map((m, j) => { let s = 0; for (let i = 0; i < n; i++) s += (x[i * d + j]! - m) ** 2; return s / n; });
  return { mean, variance };
}

/**
 * Whether the points labelled with each component have variances near σ⁴ rather than σ² (the stds used as
 * variances): every component with at least 20 points within 25 % of σ⁴ in every dimension, and σ² and σ⁴ more than
 * 50 % apart somewhere, so that a right sample cannot match both.
 */
function stdsAsVariances(g: DiagonalGmm, x: ArrayLike<number>, components: ArrayLike<number>): boolean {
  const { k, d } = gmmShape(g);
  let apart = false, seen = 0;
  for (let c = 0; c < k; c++) {
    const rows: number[] = [];
    for (let i = 0; i < components.length; i++) if (components[i] === c) rows.push(i);
    if (rows.length < 20) continue;
    seen++;
    for (let j = 0; j < d; j++) {
      const m = rows.reduce((s, i) => s + x[i * d + j]!, 0) / rows.length;
      const v = rows.reduce((s, i) => s + (x[i * d + j]! - m) ** 2, 0) / (rows.length - 1);
      const s2 = g.stds[c]![j]! ** 2;
      if (Math.abs(v / (s2 * s2) - 1) > 0.25) return false;
      if (Math.abs(s2 - 1) > 0.5) apart = true;
    }
  }
  return seen > 0 && apart;
}

/**
 * Names the classic mistakes from the points (and, for the third, the labels): all points look like one component
 * (its mean within 5 standard errors, its variance within 25 %) though its weight is below 90 %; they huddle at the
 * weighted average of the means with under half the mixture's variance in every dimension; or each component's
 * points have variance σ⁴ instead of σ² (the stds used as variances).
 */
export function diagnoseSample(g: DiagonalGmm, x: ArrayLike<number>, n: number, components?: ArrayLike<number>): string | undefined {
  const { k, d } = gmmShape(g);
  const { mean, variance } = moments(x, n, d);
  for (let c = 0; c < k; c++) {
    const like = mean.every((m, j) => Math.abs(m - g.means[c]![j]!) < (5 * g.stds[c]![j]!) / Math.sqrt(n)) && variance.every((v, j) => Math.abs(v / g.stds[c]![j]! ** 2 - 1) < 0.25);
    if (like && g.weights[c]! < 0.9 && k > 1)
      return `All your points look drawn from component ${c} alone (weight ${fmt(g.weights[c]!)}): draw each point's component from the weights first (ctx.rng.categorical(weights)), then the point from that component.`;
  }
  const avg = Array.from({ length: d }, (_, j) => g.weights.reduce((s, w, c) => s + w * g.means[c]![j]!, 0));
  const total = avg.map((a, j) => g.weights.reduce((s, w, c) => s + w * (g.stds[c]![j]! ** 2 + g.means[c]![j]! ** 2), 0) - a * a);
  if (k > 1 && variance.every((v, j) => v < 0.5 * total[j]!) && mean.every((m, j) => Math.abs(m - avg[j]!) < 0.1 * Math.sqrt(total[j]!)))
    return 'Your points huddle around the weighted average of the component means, with far less spread than the mixture: that is averaging the components. Pick one component per point (ctx.rng.categorical(weights)) and draw the point from it alone.';
  if (components && stdsAsVariances(g, x, components))
    return 'Each component\'s points have variance σ⁴ instead of σ²: the stds were used as variances. stds are standard deviations already: x = μ + σ·z with σ = stds[c][j] as given.';
  return undefined;
}

const describeZ = (z: ZScore) =>
  z.what === 'proportion'
    ? `component ${z.component} has ${fmt(100 * z.sample)} % of your points, expected ${fmt(100 * z.expected)} % (z = ${fmt(z.z)})`
    : `component ${z.component}'s ${z.what === 'correlation' ? `correlation of dimensions ${z.dim} and ${z.dim2}` : `${z.what} in dimension ${z.dim}`} is ${fmt(z.sample)}, expected ${fmt(z.expected)} (z = ${fmt(z.z)})`;

export const mixtureSamplingProblem: ProblemDef<MixtureSamplingParams, Hidden> = {
  task: 'mixture-sampling',
  doc: {
    summary: 'Hidden diagonal Gaussian mixtures to draw samples from with the seeded ctx.rng, tested by z-scores and the energy statistic.',
    entry: '`sampleMixture(input: MixtureSamplingInput, ctx)` gets `{ weights, means, stds, n }` and returns `{ points, components }` (n×d, and n component indices), once per mixture; the runtime reads both arrays',
    metrics: metricsDoc,
  },
  params: mixtureSamplingParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const rng = makeRng(seed, 'mixture-sampling');
    const mixtures = p.mixtures.map(({ components, dims }) => randomFitMixture(rng, components, dims));
    const reference = mixtures.map((g) => sampleGmm(g, p.energySample, rng).x);
    return {
      calls: mixtures.map((g) => {
        const { k, d } = gmmShape(g);
        return {
          arg: { ...g, n: p.n } satisfies MixtureSamplingInput,
          label: `the ${k}-component mixture in ${d}-D`,
          evals: [
            { key: 'points', kind: 'array', pick: 'points', shape: [p.n, d], label: 'points' },
            { key: 'components', kind: 'array', pick: 'components', shape: [p.n], label: 'components' },
          ],
        };
      }),
      hidden: { mixtures, reference },
    };
  },
  score(p, { mixtures, reference }, outputs) {
    const metrics = { maxProportionZ: 0, maxMomentZ: 0, energyStatistic: 0 };
    const details: Record<keyof typeof metrics, string[]> = { maxProportionZ: [], maxMomentZ: [], energyStatistic: [] };
    const worse = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b));
    mixtures.forEach((g, i) => {
      const { k, d } = gmmShape(g);
      const { points, components } = outputs[i]!;
      const what = `${k} components in ${d}-D`;
      const bad = invalidLabels(components!, k);
      if (bad) {
        for (const m of Object.keys(metrics) as (keyof typeof metrics)[]) {
          metrics[m] = Infinity;
          details[m].push(`${what}: ${bad}.`);
        }
        return;
      }
      const diagnosis = diagnoseSample(g, points!, p.n, components!);
      const prop = worstZ(proportionZScores(g, components!));
      const moment = worstZ(momentZScores(g, points!, components!));
      const m = Math.min(p.n, p.energySample);
      const energy = energyStatistic(points!.subarray(0, m * d), m, reference[i]!, p.energySample, d);
      metrics.maxProportionZ = worse(metrics.maxProportionZ, prop ? Math.abs(prop.z) : 0);
      metrics.maxMomentZ = worse(metrics.maxMomentZ, moment ? Math.abs(moment.z) : 0);
      metrics.energyStatistic = worse(metrics.energyStatistic, energy);
      const tail = diagnosis ? ` ${diagnosis}` : '';
      details.maxProportionZ.push(`${what}: ${prop ? describeZ(prop) : 'one component, nothing to weigh'}.${tail}`);
      details.maxMomentZ.push(`${what}: ${moment ? describeZ(moment) : 'no component has 20 points to measure'}.${tail}`);
      details.energyStatistic.push(`${what}: energy statistic ${fmt(energy)} against a reference sample of ${p.energySample}.${tail}`);
    });
    return { metrics, details };
  },
};
