/** The training-an-MDN generator (graders/problems/mdn/mdn-train.ts) and the true inverse density it compares with. */
import { describe, expect, it } from 'vitest';
import { centralCoverage, mixtureMeanNll, type ConditionalMixture } from '../../../../graders/mdn/conditional-mixture.ts';
import { inverseTrueNll } from '../../../../graders/mdn/inverse-density.ts';
import { originalSinusoid, sampleSinusoid, sinusoid, sinusoidShape } from '../../../../graders/mdn/sinusoid.ts';
import { makeProblem } from '../../../../graders/problems/index.ts';
import { mdnTrainParams } from '../../../../graders/problems/mdn/mdn-train.ts';
import type { RegressionSplit } from '../../../../graders/datasets/types.ts';
import { SecretSeed } from '../../../../graders/rng.ts';

const params = { trainN: 300, testN: 400, maxComponents: 4 };
const data = { generator: 'mdnTrain' as const, params };

/** The wire the runtime sends back: π, μ, σ blocks of n×maxComponents, padded with π 0, μ 0, σ 1. */
function wire(n: number, m: number, rows: (i: number) => { pi: number[]; mu: number[]; sigma: number[] }): Float32Array {
  const out = new Float32Array(3 * n * m);
  out.fill(1, 2 * n * m);
  for (let i = 0; i < n; i++) {
    const r = rows(i);
    r.pi.forEach((v, c) => { out[i * m + c] = v; out[n * m + i * m + c] = r.mu[c]!; out[2 * n * m + i * m + c] = r.sigma[c]!; });
  }
  return out;
}

describe('mdnTrain', () => {
  it('poses the inverse problem: the entry gets (y, x) pairs, the grader evaluates a mixture on fresh inputs', () => {
    const p = makeProblem(data, 3);
    const train = p.calls[0]!.arg as RegressionSplit;
    expect(train.n).toBe(300);
    // Inverse: the input is y = f(x) + noise, the target x ∈ [−10, 10].
    for (let i = 0; i < train.n; i++) {
      expect(Math.abs(train.y[i]!)).toBeLessThanOrEqual(10);
      expect(Math.abs(train.x[i]! - sinusoid(originalSinusoid, train.y[i]!))).toBeLessThan(6);
    }
    const e = p.calls[0]!.evals[0]!;
    expect(e).toMatchObject({ kind: 'mixture', features: 1, maxComponents: 4 });
    const test = (p.hidden as { test: RegressionSplit }).test;
    expect((e as { x: Float32Array }).x).toEqual(test.x);
    expect(test.x).not.toEqual(train.x.subarray(0, 400)); // a fresh sample, not the training points
  });

  it('scores NLL and coverage in float64 on the held-out points, and names the true density and the mean MSE', () => {
    const p = makeProblem(data, 3);
    const test = (p.hidden as { test: RegressionSplit }).test;
    // One broad Gaussian per input (the prior on x: mean 0, the uniform's spread), written on the wire as 1 of 4.
    const out = wire(test.n, 4, () => ({ pi: [1], mu: [0], sigma: [20 / Math.sqrt(12)] }));
    const m: ConditionalMixture = { n: test.n, k: 1, pi: new Float64Array(test.n).fill(1), mu: new Float64Array(test.n), sigma: new Float64Array(test.n).fill(20 / Math.sqrt(12)) };
    const s = p.score([{ mixture: out }]);
    expect(s.metrics.heldoutNll).toBeCloseTo(mixtureMeanNll(m, test.y), 5);
    expect(s.metrics.coverage).toBeCloseTo(centralCoverage(m, test.y, 0.9), 10);
    let mse = 0;
    for (let i = 0; i < test.n; i++) mse += test.y[i]! ** 2 / test.n;
    expect(s.metrics.mixtureMeanMse).toBeCloseTo(mse, 5);
    expect(s.details!.excessNll!.join(' ')).toMatch(/true conditional density scores 1\.\d+/);
    expect(s.details!.excessNll!.join(' ')).toMatch(/Not graded: the mixture mean/);
  });

  it('gives Infinity and a reason for a mixture that is not one', () => {
    const p = makeProblem(data, 3);
    const n = (p.hidden as { test: RegressionSplit }).test.n;
    // The runtime's parent rejects σ ≤ 0 before scoring; the generator must not trust that alone.
    const s = p.score([{ mixture: wire(n, 4, () => ({ pi: [0.5, 0.5], mu: [0, 1], sigma: [0, 1] })) }]);
    expect(s.metrics.heldoutNll).toBe(Infinity);
    expect(s.metrics.excessNll).toBe(Infinity);
    expect(s.details!.excessNll![0]).toMatch(/σ\[0\]\[0\] is 0/);
  });

  it('has strict parameters with the 90 % level by default', () => {
    expect(mdnTrainParams.parse(params).level).toBe(0.9);
    expect(mdnTrainParams.safeParse({ ...params, extra: 1 }).success).toBe(false);
  });
});

describe('the true inverse density', () => {
  it('scores ≈ 1.33 nats per point on the original curve, far below a broad Gaussian', () => {
    const p = { trainN: 1, testN: 1, noise: 1, xMin: -10, xMax: 10, inverse: true };
    const s = sampleSinusoid(p, 3000, 5, 'test', originalSinusoid);
    const nll = inverseTrueNll(originalSinusoid, 1, -10, 10, s.x, s.y);
    // A Monte-Carlo mean over 3000 points: the per-point NLL's spread is ≈ 0.8, so ± 0.05 is 3.4 standard errors.
    expect(nll).toBeGreaterThan(1.28);
    expect(nll).toBeLessThan(1.38);
    const broad: ConditionalMixture = { n: s.n, k: 1, pi: new Float64Array(s.n).fill(1), mu: new Float64Array(s.n), sigma: new Float64Array(s.n).fill(20 / Math.sqrt(12)) };
    expect(mixtureMeanNll(broad, s.y)).toBeGreaterThan(nll + 1);
  });

  it('is the exact conditional: a one-point check against direct numerical integration', () => {
    // p(x | y) for y = 2, x = 1 by a fine midpoint sum, independent of the function's trapezoid and log-sum-exp.
    const y = 2, x = 1, f = (t: number) => sinusoid(originalSinusoid, t);
    const phi = (d: number) => Math.exp(-0.5 * d * d) / Math.sqrt(2 * Math.PI);
    let evidence = 0;
    for (let j = 0; j < 200_000; j++) evidence += phi(y - f(-10 + (j + 0.5) * 1e-4)) * 1e-4;
    expect(inverseTrueNll(originalSinusoid, 1, -10, 10, [y], [x])).toBeCloseTo(-Math.log(phi(y - f(x)) / evidence), 4);
  });

  it('follows the secret curve', () => {
    const shape = sinusoidShape(SecretSeed.fromKey(Uint8Array.from({ length: 16 }, (_, i) => 3 * i)));
    const p = { trainN: 1, testN: 1, noise: 1, xMin: -10, xMax: 10, inverse: true };
    const s = sampleSinusoid(p, 1000, 9, 'test', shape);
    expect(inverseTrueNll(shape, 1, -10, 10, s.x, s.y)).toBeLessThan(inverseTrueNll(originalSinusoid, 1, -10, 10, s.x, s.y));
  });
});
