/**
 * The "Log-likelihood done right" lesson: the maths the page states (per-dimension terms, the logsumexp identity,
 * a positive log-density, the float limits), the numbers it quotes against the figure's measured JSON
 * (scripts/mixtures/log-likelihood-line.ts, real float32 tfjs on WASM) and the exercise's variants script, the
 * figure's model and view, and the exercise graded on real tfjs: the starter fails, the solution passes, and
 * exp-then-log fails with the underflow message, in this process and through a sandboxed child.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GmmDensityInput as CourseInput } from 'course';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { componentLogJoint, gmmLogDensity, logSumExp } from '../../../graders/mixtures/log-density.ts';
import { makeProblem } from '../../../graders/problems/index.ts';
import { LOG_F32_TINIEST, type GmmDensityInput } from '../../../graders/problems/mixtures/gmm-log-density.ts';
import { farLogDensityRange, logDensityVariants } from '../../../scripts/mixtures/log-density-variants.ts';
import { lineMixture } from '../../../scripts/mixtures/log-likelihood-line.ts';
import { combine, decodeLine, pointAt, stepsAt, type StoredLine } from '../../../src/components/figures/mixtures/log-likelihood/underflow-model.ts';
import { lineChartSvg, num, stepsSummary, stepsTable } from '../../../src/components/figures/mixtures/log-likelihood/underflow-view.ts';
import stored from '../../../src/components/figures/mixtures/log-likelihood/underflow-line.json';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { solutionWith } from '../../helpers/exercise.ts';
import { itGradesTheLogDomain } from '../../helpers/log-domain-exercise.ts';

const id = '01-mixtures/02-log-density';
const { meta, solution } = loadExercise(id);
const data = stored as unknown as StoredLine;
const line = decodeLine(data);
const page = readFileSync('src/content/docs/mixtures/log-likelihood.mdx', 'utf8').replace(/\s+/g, ' ');
/** The page writes minus signs as U+2212 in prose. */
const minus = (s: string) => s.replace('-', '−');
const naive = solutionWith(id, 'return tf.logSumExp(joint, 1);', 'return tf.log(tf.sum(tf.exp(joint), 1));');

describe('the maths the page states', () => {
  it('a diagonal Gaussian’s log is the sum of per-dimension terms −½z² − log σ − ½ log 2π', () => {
    const g = { weights: [1], means: [[0.3, -1, 2]], stds: [[0.5, 2, 0.1]] };
    const x = [0.1, 0.5, 2.05];
    const perDim = x.map((v, j) => -0.5 * ((v - g.means[0]![j]!) / g.stds[0]![j]!) ** 2 - Math.log(g.stds[0]![j]!) - 0.5 * Math.log(2 * Math.PI));
    const product = x.reduce((p, v, j) => p * Math.exp(-0.5 * ((v - g.means[0]![j]!) / g.stds[0]![j]!) ** 2) / (g.stds[0]![j]! * Math.sqrt(2 * Math.PI)), 1);
    expect(gmmLogDensity(g, x, 1)[0]).toBeCloseTo(perDim.reduce((a, b) => a + b), 12);
    expect(gmmLogDensity(g, x, 1)[0]).toBeCloseTo(Math.log(product), 12);
  });

  it('logsumexp: any shift m gives the same value, and m = max keeps the largest exp at exactly 1', () => {
    const a = [-3.2, -0.4, -7, -1.1];
    for (const m of [0, -5, 2, Math.max(...a)]) expect(m + Math.log(a.reduce((s, v) => s + Math.exp(v - m), 0))).toBeCloseTo(Math.log(a.reduce((s, v) => s + Math.exp(v), 0)), 12);
    const c = combine([-1250, -1260], Math.fround);
    expect(c.shiftedExps[0]).toBe(1);
    expect(c.naive).toBe(-Infinity);
    expect(c.stable).toBeCloseTo(-1250 + Math.log1p(Math.exp(-10)), 3);
  });

  it('the worked example: −1250 and −1260 give −Infinity naively, −1249.99995 by logsumexp', () => {
    expect(data.example).toEqual({ terms: [-1250, -1260], naive: null, stable: logSumExp([-1250, -1260]), max: -1250 });
    expect(data.example.stable.toFixed(5)).toBe('-1249.99995');
    expect(page).toContain(`\\log(1.0000454) = ${minus(data.example.stable.toFixed(5))}`);
    expect((1 + Math.exp(-10)).toFixed(7)).toBe('1.0000454');
  });

  it('the max alone is off by up to log K, log 2 for two equal components', () => {
    expect(logSumExp([-2, -2]) - Math.max(-2, -2)).toBeCloseTo(Math.LN2, 12);
    expect(logSumExp([-2, -2, -2, -2]) - -2).toBeCloseTo(Math.log(4), 12);
    expect(page).toContain('$\\log 2 \\approx 0.69$ nats');
  });

  it('a log-density can be positive, and rescaling the data by 10 shifts it by 2 log 10', () => {
    const [a] = pointAt(lineMixture, 0);
    expect(a).toBe(0.5);
    const atA = gmmLogDensity(lineMixture, [-0.5, -0.5], 1)[0]!;
    expect(atA).toBeGreaterThan(0);
    expect(atA).toBeCloseTo(data.peak.logp, 12); // A and B are mirror images: their means have the same log p
    expect(page).toContain(`the mixture's density is ${data.peak.density.toFixed(3)}, so $\\log p = ${data.peak.logp.toFixed(4)}$`);
    const squeezed = { weights: lineMixture.weights, means: lineMixture.means.map((m) => m.map((v) => v / 10)), stds: lineMixture.stds.map((s) => s.map((v) => v / 10)) };
    expect(gmmLogDensity(squeezed, [0.013, -0.021], 1)[0]! - gmmLogDensity(lineMixture, [0.13, -0.21], 1)[0]!).toBeCloseTo(2 * Math.log(10), 10);
  });

  it('the float limits: e^v is 0 in float32 a little below −103.3 and in float64 a little below −744.4', () => {
    expect(data.limits.float32Subnormal).toBeCloseTo(LOG_F32_TINIEST, 12);
    expect(Math.fround(Math.exp(-103.2))).toBeGreaterThan(0);
    expect(Math.fround(Math.exp(-104))).toBe(0);
    expect(Math.exp(-744)).toBeGreaterThan(0);
    expect(Math.exp(-746)).toBe(0);
    expect(page).toContain(`$\\ln 2^{-149} = ${data.limits.float32Subnormal.toFixed(1)}$`);
    expect(page).toContain(`is $e^{${data.limits.float32Normal.toFixed(2)}}$`);
    expect(page).toContain(`$2^{-1074} = e^{${data.limits.float64Subnormal.toFixed(1)}}$`);
  });
});

describe('the figure’s measured line (scripts/mixtures/log-likelihood-line.ts)', () => {
  it('was measured on WASM from B’s mean out to 60 sd in steps of 0.25', () => {
    expect(data.backend).toBe('wasm');
    expect(data.mixture).toEqual(lineMixture);
    expect(line.distances).toHaveLength(241);
    expect(line.distances.at(-1)).toBe(60);
  });

  it('its float64 column is the grader’s log-density at those points', () => {
    const x = line.distances.flatMap((t) => pointAt(lineMixture, t).map(Math.fround));
    const exact = gmmLogDensity(lineMixture, x, line.distances.length);
    line.values.float64.forEach((v, i) => expect(v).toBeCloseTo(exact[i]!, Math.abs(v) > 100 ? 3 : 5));
  });

  it('float32 tfjs reproduces it now: logsumexp everywhere, exp-then-log −Infinity exactly where stored', async () => {
    await useNodeBackend('wasm');
    const x = new Float32Array(line.distances.flatMap((t) => pointAt(lineMixture, t)));
    const input: GmmDensityInput = { ...lineMixture, x, n: line.distances.length, d: 2 };
    const before = tf.memory().numTensors;
    const stable = logDensityVariants['logsumexp (right)']!(tf, input);
    const naive32 = logDensityVariants['exp, sum, then log']!(tf, input);
    expect(tf.memory().numTensors).toBe(before);
    stable.forEach((v, i) => expect(Math.abs(v - line.values.stableFloat32[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v))));
    expect(Array.from(naive32, (v) => v === -Infinity)).toEqual(line.values.naiveFloat32.map((v) => v === -Infinity));
  });

  it('the float32 read-out (Math.fround per step) underflows at the same distances as tfjs', () => {
    line.distances.forEach((t, i) => {
      const s = stepsAt(lineMixture, t);
      expect(s.float32.naive === -Infinity).toBe(line.values.naiveFloat32[i] === -Infinity);
      expect(s.float64.naive === -Infinity).toBe(line.values.naiveFloat64[i] === -Infinity);
      expect(Math.abs(s.float32.stable - s.exact)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(s.exact)));
    });
  });

  it('the page quotes its numbers', () => {
    const u = data.underflow;
    expect(u.stableFloat32).toBeNull();
    expect(u.naiveFloat32.logp!).toBeLessThan(data.limits.float32Subnormal);
    expect(u.naiveFloat64.logp!).toBeLessThan(data.limits.float64Subnormal);
    expect(page).toContain(`becomes $-\\infty$ from ${u.naiveFloat32.distance} standard deviations on, where the true $\\log p$ is ${minus(u.naiveFloat32.logp!.toFixed(1))}, just below float32's floor of ${minus(data.limits.float32Subnormal.toFixed(1))}.`);
    expect(page).toContain(`lasts until ${u.naiveFloat64.distance} standard deviations ($\\log p = $ ${minus(u.naiveFloat64.logp!.toFixed(1))}, below ${minus(data.limits.float64Subnormal.toFixed(1))}).`);
    const [mantissa, exponent] = data.worstStableRelativeError.toExponential(1).split('e');
    expect(page).toContain(`within a relative $${mantissa} \\times 10^{${Number(exponent)}}$ of the float64 truth`);
  });
});

describe('the figure’s model and view', () => {
  it('at 20 sd the float32 naive sum is 0 and float64’s is not; the read-out says so', () => {
    const s = stepsAt(lineMixture, 20);
    expect(s.float32.exps).toEqual([0, 0]);
    expect(s.float32.naive).toBe(-Infinity);
    expect(s.float64.naive).toBeCloseTo(s.exact, 8);
    expect(stepsSummary(s)).toMatch(/^The true log p here is −\d+\.\d; exp\(aₖ\) is 0 for both components in float32, so the naive sum is 0/);
    expect(stepsTable(s)).toContain('<td>−Infinity</td>');
    expect(stepsSummary(stepsAt(lineMixture, 2))).toMatch(/both ways agree/);
  });

  it('draws every curve, where each naive one ends (dot and dashed line) and the slider’s marker', () => {
    const svg = lineChartSvg(line, 20);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg.match(/<path /g)).toHaveLength(7); // four curves, two underflow lines and the marker
    expect(svg.match(/<path [^>]*stroke-dasharray/g)).toHaveLength(3); // float32 logsumexp and the two underflow lines
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(num(-Infinity)).toBe('−Infinity');
    expect(num(-104.8834)).toBe('−104.9');
    expect(num(1.2e-40)).toBe('1.200e−40');
  });
});

describe('the exercise', () => {
  it('takes the course module’s GmmDensityInput, which is the generator’s', () => {
    expectTypeOf<CourseInput>().toEqualTypeOf<GmmDensityInput>();
  });

  it('the page describes the graded mixtures and the far points’ range from the variants script', () => {
    const far = farLogDensityRange([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 42]);
    expect(page).toContain(`lie between ${minus(far.lowest.toFixed(0))} and ${minus(far.highest.toFixed(0))}`);
    expect(meta.data.params).toMatchObject({ n: 500, far: 20, mixtures: [{ components: 4, dims: 2 }, { components: 3, dims: 5 }, { components: 10, dims: 2 }] });
    expect(page).toContain('must stay below $10^{-4}$');
    expect(meta.checks[0]!.max).toBe(1e-4);
  });

  itGradesTheLogDomain({ id, naive, naiveDetails: /−Infinity at 20 of 520 points, all 50 or more standard deviations from every component.*exp underflowed to 0 before the log/ });

  it('the problem for the public seed has the stated far points', () => {
    const problem = makeProblem(meta.data, meta.seed);
    for (const c of problem.calls) {
      const g = c.arg as GmmDensityInput;
      const joint = componentLogJoint(g, g.x.subarray(500 * g.d), 20);
      expect(Math.max(...joint)).toBeLessThan(-1250);
    }
  });
});
