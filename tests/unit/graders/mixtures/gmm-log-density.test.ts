/**
 * The gmm-log-density generator: its hidden points (far ones really 50 sd out), the float64 reference scoring 0,
 * the right answer in float32 tfjs (WASM) near float32 rounding, and the wrong variants of
 * scripts/mixtures/log-density-variants.ts far off; hidden mixtures change under a secret seed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { gmmLogDensity } from '../../../../graders/mixtures/log-density.ts';
import { makeProblem } from '../../../../graders/problems/index.ts';
import { LOG_F32_TINIEST, type GmmDensityInput } from '../../../../graders/problems/mixtures/gmm-log-density.ts';
import { SecretSeed } from '../../../../graders/rng.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { logDensityVariants, measuredParams, variantError } from '../../../../scripts/mixtures/log-density-variants.ts';

const data = { generator: 'gmmLogDensity' as const, params: measuredParams };
const seeds = [1, 2, 3, 4, 5];

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('gmm-log-density problem', () => {
  const problem = makeProblem(data, 1);
  const inputs = problem.calls.map((c) => c.arg as GmmDensityInput);

  it('poses one call per mixture with n + far points of the right dimension', () => {
    expect(inputs.map((g) => [g.weights.length, g.d, g.n, g.x.length])).toEqual([[4, 2, 520, 1040], [3, 5, 520, 2600], [10, 2, 520, 1040]]);
    expect(problem.calls[0]!.evals).toEqual([{ key: 'logp', kind: 'array', shape: [520], label: 'the log-densities', allowNonFinite: true }]);
  });

  it('puts the far points at least 50 sd (Mahalanobis) from every component', () => {
    for (const g of inputs)
      for (let i = 500; i < g.n; i++)
        for (let k = 0; k < g.weights.length; k++) {
          const z = Math.hypot(...g.means[k]!.map((m, j) => (g.x[i * g.d + j]! - m) / g.stds[k]![j]!));
          expect(z).toBeGreaterThanOrEqual(50);
        }
  });

  it('scores the float64 reference 0, and a NaN as NaN with its place named', () => {
    const exact = inputs.map((g) => ({ logp: Float32Array.from(gmmLogDensity(g, g.x, g.n)) }));
    expect(problem.score(exact).metrics.maxRelativeError).toBeLessThan(1e-7); // float32 rounding of the answer only
    const withNaN = exact.map((o) => ({ logp: o.logp.slice() }));
    withNaN[1]!.logp[7] = NaN;
    const scored = problem.score(withNaN);
    expect(scored.metrics.maxRelativeError).toBeNaN();
    expect(scored.details!.maxRelativeError![1]).toMatch(/^3 components in 5-D: largest relative error NaN at point 7 /);
  });

  it('a secret seed gives other mixtures and points', () => {
    const secret = makeProblem(data, SecretSeed.fromKey(new Uint8Array(16).fill(7)));
    expect((secret.calls[0]!.arg as GmmDensityInput).means).not.toEqual(inputs[0]!.means);
    expect((secret.calls[0]!.arg as GmmDensityInput).x).not.toEqual(inputs[0]!.x);
  });
});

describe('graded answers in float32 tfjs (WASM)', () => {
  it.each(seeds)('seed %i: logsumexp scores below 1e-6 (float32 rounding), and leaks no tensors', (seed) => {
    const before = tf.memory().numTensors;
    // Measured 2.1e-7 … 3.3e-7 on seeds 1–10 (scripts/mixtures/log-density-variants.ts).
    expect(variantError(tf, logDensityVariants['logsumexp (right)']!, seed)).toBeLessThan(1e-6);
    // The expanded square (one matMul on [x², x, 1]) cancels far out: 2.5e-6 … 9.0e-6 on seeds 1–10.
    expect(variantError(tf, logDensityVariants['logsumexp, matMul on [x², x, 1]']!, seed)).toBeLessThan(2e-5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('exp-then-log is −Infinity on the far points, and the detail line says why', () => {
    const problem = makeProblem(data, 2);
    const outputs = problem.calls.map((c) => ({ logp: logDensityVariants['exp, sum, then log']!(tf, c.arg as GmmDensityInput) }));
    const scored = problem.score(outputs);
    expect(scored.metrics.maxRelativeError).toBe(Infinity);
    const highest = Math.max(...problem.calls.map((c) => {
      const g = c.arg as GmmDensityInput;
      return Math.max(...gmmLogDensity(g, g.x, g.n).subarray(500));
    }));
    expect(highest).toBeLessThan(LOG_F32_TINIEST); // why every far point underflows in float32
    expect(scored.details!.maxRelativeError![0]).toMatch(
      /^4 components in 2-D: −Infinity at 20 of 520 points, all 50 or more standard deviations from every component, where log p is -\d+\.\d or lower: exp underflowed to 0 before the log \(float32's smallest positive number is e\^-103\.3\)\. Stay in the log domain: logsumexp\.$/,
    );
  });

  it('−Infinity among the points drawn from the mixture is named as something else than underflow', () => {
    const problem = makeProblem(data, 3);
    const outputs = problem.calls.map((c) => {
      const g = c.arg as GmmDensityInput;
      return { logp: Float32Array.from(gmmLogDensity(g, g.x, g.n)) };
    });
    outputs[2]!.logp[4] = -Infinity;
    const scored = problem.score(outputs);
    expect(scored.metrics.maxRelativeError).toBe(Infinity);
    expect(scored.details!.maxRelativeError![2]).toMatch(/^10 components in 2-D: −Infinity at 1 of 520 points \(first at point 4, where log p is -?\d.*\), 1 of them among the points drawn from the mixture itself: something takes log\(0\)/);
  });

  // Lowest maxRelativeError over seeds 1–10 (scripts/mixtures/log-density-variants.ts).
  const wrong: Record<string, number> = {
    'max instead of logsumexp': 0.52,
    'weights left out': 1.7,
    'stds read as variances': 2.2,
    'normaliser left out': 0.25,
    '−½·log 2π left out': 4.6,
    '−log σ left out': 4.8,
    'sum over components': 76,
  };
  it.each(Object.entries(wrong))('a wrong answer scores high on every seed: %s', (name, lowest) => {
    for (const seed of seeds) expect(variantError(tf, logDensityVariants[name]!, seed)).toBeGreaterThan(lowest * 0.9);
  });
});
