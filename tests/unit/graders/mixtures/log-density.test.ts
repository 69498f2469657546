/** graders/mixtures/log-density.ts against scikit-learn (tests/fixtures/mixtures/sklearn.json) and by hand. */
import { describe, expect, it } from 'vitest';
import { componentLogJoint, gmmLogDensity, logSumExp, meanNll } from '../../../../graders/mixtures/log-density.ts';
import type { DiagonalGmm } from '../../../../graders/mixtures/gmm.ts';
import { sklearnCheckCases } from '../../../../scripts/mixtures/sklearn-cases.ts';
import sklearn from '../../../fixtures/mixtures/sklearn.json';

describe('logSumExp', () => {
  it('equals log Σ exp where that is finite', () => expect(logSumExp([0.1, -2, 3])).toBeCloseTo(Math.log(Math.exp(0.1) + Math.exp(-2) + Math.exp(3)), 14));
  it('stays finite where exp underflows or overflows', () => {
    expect(logSumExp([-2000, -2000])).toBeCloseTo(-2000 + Math.log(2), 10);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 10);
  });
  it('is −Infinity for no terms or all −Infinity, and passes NaN on', () => {
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([0, NaN])).toBeNaN();
  });
});

describe('gmmLogDensity', () => {
  const one: DiagonalGmm = { weights: [1], means: [[1, -1]], stds: [[2, 0.5]] };
  it('is the product of 1-D normals for one component', () => {
    const [lp] = gmmLogDensity(one, [2, 0], 1);
    const logN = (x: number, m: number, s: number) => -0.5 * Math.log(2 * Math.PI) - Math.log(s) - 0.5 * ((x - m) / s) ** 2;
    expect(lp).toBeCloseTo(logN(2, 1, 2) + logN(0, -1, 0.5), 14);
  });
  it('weights components: two identical components with weights ½ equal one', () => {
    const two: DiagonalGmm = { weights: [0.5, 0.5], means: [[1, -1], [1, -1]], stds: [[2, 0.5], [2, 0.5]] };
    expect(gmmLogDensity(two, [2, 0, 5, 5], 2)[1]).toBeCloseTo(gmmLogDensity(one, [2, 0, 5, 5], 2)[1]!, 12);
  });
  it('componentLogJoint holds log π_k + log N per point and component (n×k)', () => {
    const g: DiagonalGmm = { weights: [0.25, 0.75], means: [[0], [3]], stds: [[1], [1]] };
    const j = componentLogJoint(g, [0, 3], 2);
    expect(j).toHaveLength(4);
    expect(j[0]).toBeCloseTo(Math.log(0.25) - 0.5 * Math.log(2 * Math.PI), 14);
    expect(j[3]).toBeCloseTo(Math.log(0.75) - 0.5 * Math.log(2 * Math.PI), 14);
  });

  const cases = sklearnCheckCases();
  it.each(cases.map((c, i) => [c.seed, i]))('seed %i: matches scikit-learn\'s score_samples to 1e-12, also 50 sd away', (_seed, i) => {
    const { gmm, x, far } = cases[i]!;
    const ref = sklearn.cases[i]!;
    const lp = gmmLogDensity(gmm, x, 2000);
    ref.trueLogDensityFirst10.forEach((v, j) => expect(Math.abs(lp[j]! - v)).toBeLessThan(1e-12 * Math.max(1, Math.abs(v))));
    expect(meanNll(gmm, x, 2000)).toBeCloseTo(ref.trueNll, 12);
    const [farLp] = gmmLogDensity(gmm, far, 1);
    expect(farLp! / ref.trueLogDensityFar - 1).toBeLessThan(1e-13);
    // exp-then-log is −Infinity there, even in float64: the point of the exercise.
    expect(Math.log(Array.from(componentLogJoint(gmm, far, 1), Math.exp).reduce((a, b) => a + b))).toBe(-Infinity);
  });
});
