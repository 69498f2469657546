/** The MDN graders' float64 maths (graders/mdn/): log-density far from the data, CDF and coverage, sampling, the wire. */
import { describe, expect, it } from 'vitest';
import {
  centralCoverage,
  HALF_LOG_2PI,
  invalidMixture,
  meanIntervalWidth,
  mixtureCdf,
  mixtureFromOutputs,
  mixtureLogDensity,
  mixtureMean,
  mixtureMeanNll,
  mixtureQuantile,
  normalCdf,
  sampleMixture,
  type ConditionalMixture,
} from '../../../../graders/mdn/conditional-mixture.ts';
import { originalSinusoid, sampleSinusoid, sinusoid, sinusoidParams, sinusoidShape } from '../../../../graders/mdn/sinusoid.ts';
import { makeRng, SecretSeed } from '../../../../graders/rng.ts';

const mix = (rows: [number[], number[], number[]][]): ConditionalMixture => ({
  n: rows.length,
  k: rows[0]![0].length,
  pi: Float64Array.from(rows.flatMap((r) => r[0])),
  mu: Float64Array.from(rows.flatMap((r) => r[1])),
  sigma: Float64Array.from(rows.flatMap((r) => r[2])),
});

describe('log-density', () => {
  it('is the standard normal’s for one unit component: ½ log 2π ≈ 0.919 at the mean', () => {
    const m = mix([[[1], [0], [1]]]);
    expect(HALF_LOG_2PI).toBeCloseTo(0.9189385, 7);
    expect(mixtureLogDensity(m, [0])[0]).toBeCloseTo(-HALF_LOG_2PI, 12);
    expect(mixtureLogDensity(m, [2])[0]).toBeCloseTo(-HALF_LOG_2PI - 2, 12);
  });

  it('is a weighted sum of densities, not of values', () => {
    const m = mix([[[0.3, 0.7], [-1, 2], [0.5, 1.5]]]);
    const y = 0.4;
    const direct = 0.3 * Math.exp(-0.5 * ((y + 1) / 0.5) ** 2) / (0.5 * Math.sqrt(2 * Math.PI)) + 0.7 * Math.exp(-0.5 * ((y - 2) / 1.5) ** 2) / (1.5 * Math.sqrt(2 * Math.PI));
    expect(mixtureLogDensity(m, [y])[0]).toBeCloseTo(Math.log(direct), 12);
  });

  it('stays finite 60 σ from every mean and with σ = 1e-6, where exp-then-log is −Infinity', () => {
    const m = mix([[[0.5, 0.5], [0, 1], [1e-6, 1]]]);
    const far = mixtureLogDensity(m, [61])[0]!;
    // The nearer component (μ = 1, σ = 1) dominates: log ½ − ½·60² − ½ log 2π.
    expect(far).toBeCloseTo(Math.log(0.5) - 1800 - HALF_LOG_2PI, 9);
    expect(Math.log(0.5 * Math.exp(-1800))).toBe(-Infinity);
    expect(mixtureMeanNll(m, [61])).toBeCloseTo(-far, 12);
  });
});

describe('CDF, quantiles and calibration', () => {
  it('Φ matches known values in the body and the tails', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.6448536)).toBeCloseTo(0.95, 6);
    expect(normalCdf(-1.6448536)).toBeCloseTo(0.05, 6);
    expect(normalCdf(-6) / 9.865876450377e-10).toBeCloseTo(1, 5);
  });

  it('a mixture’s quantile inverts its CDF', () => {
    const m = mix([[[0.2, 0.5, 0.3], [-5, 0, 4], [1, 0.5, 2]]]);
    for (const q of [0.05, 0.3, 0.5, 0.95]) expect(mixtureCdf(m, 0, mixtureQuantile(m, 0, q))).toBeCloseTo(q, 7);
    expect(meanIntervalWidth(mix([[[1], [0], [1]]]))).toBeCloseTo(2 * 1.6448536, 5);
  });

  it('a calibrated model covers about 90 % of its own samples; an over-confident one far less', () => {
    const rng = makeRng(3, 'coverage');
    const n = 4000;
    const m: ConditionalMixture = { n, k: 2, pi: new Float64Array(2 * n).fill(0.5), mu: new Float64Array(2 * n), sigma: new Float64Array(2 * n).fill(1) };
    for (let i = 0; i < n; i++) m.mu[2 * i + 1] = 4;
    const { y } = sampleMixture(m, rng);
    expect(centralCoverage(m, y)).toBeGreaterThan(0.88);
    expect(centralCoverage(m, y)).toBeLessThan(0.92);
    // Over-confident: the same means with σ = 0.3 leave most of each mode outside (the gap between the modes is
    // inside the central interval of a bimodal mixture, so measure on one mode's rows).
    const one: ConditionalMixture = { n, k: 1, pi: new Float64Array(n).fill(1), mu: new Float64Array(n), sigma: new Float64Array(n).fill(1) };
    const y1 = sampleMixture(one, rng).y;
    expect(centralCoverage(one, y1)).toBeGreaterThan(0.88);
    expect(centralCoverage({ ...one, sigma: new Float64Array(n).fill(0.3) }, y1)).toBeLessThan(0.45);
  });
});

describe('sampling and the mixture mean', () => {
  it('picks a component by π, then draws from it: the mean of the draws is Σ π μ', () => {
    const rng = makeRng(1, 'draws');
    const n = 20000;
    const m: ConditionalMixture = { n, k: 2, pi: new Float64Array(2 * n), mu: new Float64Array(2 * n), sigma: new Float64Array(2 * n).fill(0.1) };
    for (let i = 0; i < n; i++) ((m.pi[2 * i] = 0.25), (m.pi[2 * i + 1] = 0.75), (m.mu[2 * i] = -4), (m.mu[2 * i + 1] = 4));
    const { y, component } = sampleMixture(m, rng);
    const share = component.reduce((s, c) => s + c, 0) / n;
    expect(share).toBeGreaterThan(0.74);
    expect(share).toBeLessThan(0.76);
    expect(y.reduce((s, v) => s + v, 0) / n).toBeCloseTo(mixtureMean(m)[0]!, 0);
    // Every draw lies near one of the means, none near the mixture mean 2: a sample is not an average.
    expect(y.every((v) => Math.abs(Math.abs(v) - 4) < 1)).toBe(true);
  });
});

describe('validation and the wire', () => {
  it('names what is wrong', () => {
    expect(invalidMixture(mix([[[0.5, 0.5], [0, 1], [1, 1]]]))).toBeUndefined();
    expect(invalidMixture(mix([[[0.5, 0.6], [0, 1], [1, 1]]]))).toMatch(/π\[0\] sums to 1\.100/);
    expect(invalidMixture(mix([[[0.5, 0.5], [0, 1], [1, 0]]]))).toMatch(/σ\[0\]\[1\] is 0/);
    expect(invalidMixture(mix([[[0.5, 0.5], [0, NaN], [1, 1]]]))).toMatch(/μ\[0\]\[1\] is NaN/);
  });

  it('reads padded blocks back, dropping the padding and renormalising π', () => {
    // 2 rows, maxComponents 3, learner's k = 2; row 1's π sums to 1.004 (within the parent's tolerance).
    const values = [0.25, 0.75, 0, 0.502, 0.502, 0, /* μ */ -1, 1, 0, 2, 3, 0, /* σ */ 0.5, 1, 1, 1, 2, 1];
    const m = mixtureFromOutputs(values, 2, 3);
    expect(m.k).toBe(2);
    expect(Array.from(m.pi)).toEqual([0.25, 0.75, 0.5, 0.5]);
    expect(Array.from(m.mu)).toEqual([-1, 1, 2, 3]);
    expect(Array.from(m.sigma)).toEqual([0.5, 1, 1, 2]);
    expect(() => mixtureFromOutputs(values.slice(1), 2, 3)).toThrow(/has 18 numbers, not 17/);
  });
});

describe('the sinusoid data', () => {
  const p = sinusoidParams.parse({ trainN: 1000, testN: 1000 });

  it('is the original’s process on integer seeds: residual variance ≈ noise², x in [−10, 10]', () => {
    const d = sampleSinusoid(p, 5000, 1, 'train');
    let ss = 0;
    for (let i = 0; i < d.n; i++) ss += (d.y[i]! - sinusoid(originalSinusoid, d.x[i]!)) ** 2;
    expect(ss / d.n).toBeGreaterThan(0.95);
    expect(ss / d.n).toBeLessThan(1.05);
    expect(Math.min(...d.x)).toBeGreaterThanOrEqual(-10);
    expect(Math.max(...d.x)).toBeLessThanOrEqual(10);
    expect(sinusoidShape(7)).toBe(originalSinusoid);
  });

  it('swaps the columns for the inverse problem, and separate streams are separate samples', () => {
    const fwd = sampleSinusoid(p, 10, 2, 'train');
    const inv = sampleSinusoid({ ...p, inverse: true }, 10, 2, 'train');
    expect(Array.from(inv.x)).toEqual(Array.from(fwd.y));
    expect(Array.from(inv.y)).toEqual(Array.from(fwd.x));
    expect(Array.from(sampleSinusoid(p, 10, 2, 'test').x)).not.toEqual(Array.from(fwd.x));
  });

  it('moves each coefficient by 5–15 % under a secret seed', () => {
    const s = sinusoidShape(SecretSeed.fromKey(Uint8Array.from({ length: 16 }, (_, i) => 17 * i)));
    for (const key of ['amplitude', 'frequency', 'slope'] as const) {
      const move = Math.abs(s[key] / originalSinusoid[key] - 1);
      expect(move).toBeGreaterThanOrEqual(0.05);
      expect(move).toBeLessThanOrEqual(0.15);
    }
  });
});
