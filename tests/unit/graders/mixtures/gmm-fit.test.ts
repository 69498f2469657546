/**
 * The gmm-fit generator: what it poses, the three NLLs it shows, fits that should pass scoring near 0 and fits
 * that should not scoring far above (the float64 variants of scripts/mixtures/gmm-fit-variants.ts; its tfjs
 * gradient descent is measured by the script, too slow for a unit test), invalid mixtures named, secret seeds.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeProblem } from '../../../../graders/problems/index.ts';
import type { GmmFitInput } from '../../../../graders/problems/mixtures/gmm-fit.ts';
import { SecretSeed } from '../../../../graders/rng.ts';
import { fitParams, variantMetrics } from '../../../../scripts/mixtures/gmm-fit-variants.ts';

const data = { generator: 'gmmFit' as const, params: fitParams };
const seeds = [1, 2, 3, 4, 5];

describe('gmm-fit problem', () => {
  const problem = makeProblem(data, 1);
  const input = problem.calls[0]!.arg as GmmFitInput;

  it('gives the training points and K, and reads weights, means and stds back', () => {
    expect([input.n, input.d, input.k, input.x.length]).toEqual([2000, 2, 4, 4000]);
    expect(problem.calls[0]!.evals.map((e) => [e.key, e.kind, e.pick, 'shape' in e && e.shape])).toEqual([
      ['weights', 'array', 'weights', [4]],
      ['means', 'array', 'means', [4, 2]],
      ['stds', 'array', 'stds', [4, 2]],
    ]);
  });

  it('names an invalid mixture and scores it Infinity', () => {
    const scored = problem.score([{ weights: Float32Array.of(0.5, 0.5, 0.5, 0.5), means: new Float32Array(8), stds: new Float32Array(8).fill(1) }]);
    expect(scored.metrics.nllAboveTrue).toBe(Infinity);
    expect(scored.metrics.nllAboveEm).toBe(Infinity);
    expect(scored.details!.nllAboveTrue![0]).toBe('Your mixture cannot be scored: the weights sum to 2.000, not 1 (a softmax of logits does).');
  });

  it('a secret seed gives another mixture and other points', () => {
    const secret = makeProblem(data, SecretSeed.fromKey(new Uint8Array(16).fill(3)));
    expect((secret.hidden as { truth: unknown }).truth).not.toEqual((problem.hidden as { truth: unknown }).truth);
    expect((secret.calls[0]!.arg as GmmFitInput).x).not.toEqual(input.x);
  });
});

describe('gmm-fit scores (seeds 1–5)', () => {
  it('the true mixture scores 0 above the truth and slightly below EM; the detail shows the three NLLs', () => {
    for (const seed of seeds) {
      const m = variantMetrics(tf, 'the true mixture', seed);
      expect(Math.abs(m.nllAboveTrue!)).toBeLessThan(1e-6);
      // EM fits its 2000 training points, not the distribution: 0.003–0.009 nats worse held out (seeds 1–8).
      expect(m.nllAboveEm).toBeLessThan(0);
      expect(m.nllAboveEm).toBeGreaterThan(-0.02);
      expect(m.heldoutNll).toBeCloseTo(m.trueNll!, 6);
    }
    const scored = makeProblem(data, 1);
    const t = (scored.hidden as { truth: { weights: number[]; means: number[][]; stds: number[][] } }).truth;
    const line = scored.score([{ weights: Float32Array.from(t.weights), means: Float32Array.from(t.means.flat()), stds: Float32Array.from(t.stds.flat()) }]).details!.nllAboveEm![0]!;
    expect(line).toMatch(/^Held-out NLL \(nats per point\): yours 1\.\d+, the true mixture 1\.\d+, EM \(best of 5\) 1\.\d+\.$/);
  });

  it('EM from 5 other starts lands within 0.003 nats of the reference EM', () => {
    for (const seed of seeds) expect(Math.abs(variantMetrics(tf, 'EM, best of 5 other starts', seed).nllAboveEm!)).toBeLessThan(0.003);
  });

  it('emStepChange tells a converged fit (EM to its tolerance) from EM stopped after 5 iterations', () => {
    // Measured on seeds 1–8: converged 1.6e-8 … 9.6e-7 (Adam 1500 steps in tfjs: ≤ 2.8e-6); stopped 1.2e-4 … 5e-2.
    for (const seed of seeds) {
      expect(Math.abs(variantMetrics(tf, 'EM, best of 5 other starts', seed).emStepChange!)).toBeLessThan(5e-6);
      expect(variantMetrics(tf, 'EM, stopped after 5 iterations', seed).emStepChange).toBeGreaterThan(1e-4);
    }
    const line = makeProblem(data, 1).score([{ weights: Float32Array.of(0.25, 0.25, 0.25, 0.25), means: Float32Array.of(-1, -1, -1, 1, 1, -1, 1, 1), stds: new Float32Array(8).fill(1) }]).details!.emStepChange![0];
    expect(line).toMatch(/^One more EM step from your mixture would lower its training NLL from \d\.\d+ to \d\.\d+ \(relative change 0\.\d+\)\.$/);
  });

  // Lowest nllAboveTrue over seeds 1–8 (scripts/mixtures/gmm-fit-variants.ts).
  const wrong: Record<string, number> = { 'one Gaussian, K copies': 0.125, 'EM with variances as stds': 2.6, 'k-means++ centres, overall spread': 0.37 };
  it.each(Object.entries(wrong))('a bad fit scores far above the truth on every seed: %s', (name, lowest) => {
    for (const seed of seeds) expect(variantMetrics(tf, name, seed).nllAboveTrue).toBeGreaterThan(lowest * 0.9);
  });
});
