/**
 * Sample statistics (graders/mixtures/sample-stats.ts) and the mixture-sampling generator: a right sampler stays
 * within a few standard errors, each wrong sampler of scripts/mixtures/sampling-variants.ts is caught by at least
 * one metric, and the two classic mistakes are named in the messages.
 */
import { describe, expect, it } from 'vitest';
import type { DiagonalGmm } from '../../../../graders/mixtures/gmm.ts';
import { sampleGmm } from '../../../../graders/mixtures/sample.ts';
import { energyStatistic, invalidLabels, labelCounts, momentZScores, proportionZScores, worstZ } from '../../../../graders/mixtures/sample-stats.ts';
import { makeProblem } from '../../../../graders/problems/index.ts';
import type { MixtureSamplingInput } from '../../../../graders/problems/mixtures/mixture-sampling.ts';
import { makeRng, SecretSeed } from '../../../../graders/rng.ts';
import { samplingDetails, samplingMetrics, samplingParams } from '../../../../scripts/mixtures/sampling-variants.ts';

const g: DiagonalGmm = { weights: [0.3, 0.7], means: [[0, 0], [4, -2]], stds: [[1, 0.5], [0.3, 2]] };

describe('sample statistics', () => {
  const s = sampleGmm(g, 5000, makeRng(1, 'stats'));
  it('z-scores of a true sample are small; shifting, scaling or relabelling points makes them large', () => {
    expect(Math.abs(worstZ(proportionZScores(g, s.components))!.z)).toBeLessThan(4);
    expect(Math.abs(worstZ(momentZScores(g, s.x, s.components))!.z)).toBeLessThan(4.5);
    const shifted = s.x.map((v, i) => (i % 2 === 0 ? v + 0.2 : v));
    expect(worstZ(momentZScores(g, shifted, s.components))).toMatchObject({ what: 'mean', dim: 0 });
    const scaled = s.x.map((v) => 1.3 * v);
    expect(Math.abs(worstZ(momentZScores(g, scaled, s.components))!.z)).toBeGreaterThan(10);
    expect(proportionZScores(g, new Int32Array(5000))[0]!.z).toBeCloseTo((5000 - 1500) / Math.sqrt(5000 * 0.21), 10);
  });
  it('the energy statistic is O(1) for two samples of one mixture and large for different ones', () => {
    const other = sampleGmm(g, 800, makeRng(2, 'stats'));
    expect(energyStatistic(s.x, 800, other.x, 800, 2)).toBeLessThan(3);
    const moved = other.x.map((v) => v + 0.5);
    expect(energyStatistic(s.x, 800, moved, 800, 2)).toBeGreaterThan(10);
  });
  it('labels: counted, and non-integers or out-of-range ones named; worstZ keeps a NaN', () => {
    expect(labelCounts([0, 1, 1], 2)).toEqual([1, 2]);
    expect(invalidLabels([0, 1.5], 2)).toBe('component label 1 is 1.5; labels must be whole numbers 0 … 1');
    expect(invalidLabels([0, 2], 2)).toMatch(/label 1 is 2/);
    expect(invalidLabels([0, 1], 2)).toBeUndefined();
    const z = (v: number) => ({ z: v, component: 0, what: 'mean' as const, sample: 0, expected: 0 });
    expect(worstZ([z(1), z(NaN), z(-9)])!.z).toBeNaN();
    expect(worstZ([z(1), z(-9), z(3)])!.z).toBe(-9);
  });
});

describe('mixture-sampling problem', () => {
  it('asks for points and components of each hidden mixture; a secret seed gives other mixtures', () => {
    const p = makeProblem({ generator: 'mixtureSampling', params: samplingParams }, 1);
    expect(p.calls.map((c) => c.evals.map((e) => 'shape' in e && e.shape))).toEqual([[[4000, 2], [4000]], [[4000, 3], [4000]]]);
    expect(Object.keys(p.calls[0]!.arg as MixtureSamplingInput).sort()).toEqual(['means', 'n', 'stds', 'weights']);
    const secret = makeProblem({ generator: 'mixtureSampling', params: samplingParams }, SecretSeed.fromKey(new Uint8Array(16).fill(9)));
    expect((secret.calls[0]!.arg as MixtureSamplingInput).means).not.toEqual((p.calls[0]!.arg as MixtureSamplingInput).means);
  });

  it('invalid labels score Infinity with the reason', () => {
    const p = makeProblem({ generator: 'mixtureSampling', params: samplingParams }, 1);
    const out = p.calls.map((c) => ({ points: new Float32Array(4000 * ((c.arg as MixtureSamplingInput).means[0]!.length)), components: new Float32Array(4000).fill(7) }));
    const scored = p.score(out);
    expect(scored.metrics).toEqual({ maxProportionZ: Infinity, maxMomentZ: Infinity, energyStatistic: Infinity });
    expect(scored.details!.maxMomentZ![0]).toBe('4 components in 2-D: component label 0 is 7; labels must be whole numbers 0 … 3.');
  });

  // Measured on seeds 1–30 (scripts/mixtures/sampling-variants.ts): maxProportionZ ≤ 2.8, maxMomentZ ≤ 4.0, energy ≤ 1.8.
  it.each([1, 2, 3, 4, 5])('seed %i: the right sampler stays within a few standard errors', (seed) => {
    const m = samplingMetrics('right (pick, then draw)', seed);
    expect(m.maxProportionZ).toBeLessThan(4);
    expect(m.maxMomentZ).toBeLessThan(5);
    expect(m.energyStatistic).toBeLessThan(3);
  });

  // [variant, metric that catches it, lowest value on seeds 1–6]
  const wrong: [string, string, number][] = [
    ['every point from component 0', 'maxProportionZ', 87],
    ['every point from the heaviest', 'maxProportionZ', 72],
    ['averaging the components', 'maxMomentZ', 88],
    ['weights ignored (uniform)', 'maxProportionZ', 15],
    ['stds used as variances', 'maxMomentZ', 25],
    ['one normal for all dimensions', 'maxMomentZ', 39],
    ['labels not the drawn component', 'maxMomentZ', 135],
  ];
  it.each(wrong)('a wrong sampler is caught on seeds 1–5: %s (%s)', (name, metric, lowest) => {
    for (const seed of [1, 2, 3, 4, 5]) expect(samplingMetrics(name, seed)[metric]).toBeGreaterThan(lowest * 0.9);
  });

  // Too regular to be random: exactly round(nπ_k) points per component scores 0.01–0.05 on seeds 1–6.
  it('stratified sampling (exact counts) sits far below the right sampler (smallest 0.53 on seeds 1–100)', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(samplingMetrics('stratified (exact counts)', seed).maxProportionZ).toBeLessThan(0.06);
  });

  it('reading the axes swapped (means[dimension][component]) gives NaN coordinates on a K ≠ d mixture', () => {
    expect(samplingMetrics('feature and component axes swapped', 1).maxMomentZ).toBeNaN();
  });

  it('the classic mistakes are named in every metric\'s message, and a right sample gets no diagnosis', () => {
    for (const lines of Object.values(samplingDetails('every point from component 0', 2))) expect(lines[0]).toMatch(/All your points look drawn from component 0 alone/);
    for (const lines of Object.values(samplingDetails('averaging the components', 2))) expect(lines[0]).toMatch(/that is averaging the components/);
    for (const seed of [1, 2, 3]) for (const lines of Object.values(samplingDetails('stds used as variances', seed))) expect(lines.join('\n')).toMatch(/^.*the stds were used as variances.*\n.*the stds were used as variances/);
    for (const seed of [1, 2, 3]) for (const lines of Object.values(samplingDetails('right (pick, then draw)', seed))) expect(lines.join()).not.toMatch(/alone|averaging|used as variances/);
  });
});
