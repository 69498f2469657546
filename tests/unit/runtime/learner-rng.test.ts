/**
 * ctx.rng: seeded from ctx.seed with graders/rng.ts's generator, built where the learner's code runs. The same
 * seed gives the same draws in this thread (as in the browser worker, which runs runLearner in-thread) and in the
 * grader's sandboxed child; the distributions are what they claim; categorical rejects what is not a distribution
 * with a message that says why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import type { LearnerCall } from '../../../graders/problem.ts';
import { childProcessRunner } from '../../../src/runtime/child-runner.ts';
import { learnerRng } from '../../../src/runtime/learner-context.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { runLearner, type LearnerRunResult } from '../../../src/runtime/run-learner.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await useNodeBackend('wasm');
});

const draws = (seed: number, n: number) => {
  const rng = learnerRng(seed);
  return Array.from({ length: n }, () => [rng.uniform(), rng.normal(), rng.categorical([0.2, 0.5, 0.3])]);
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('ctx.rng', () => {
  it('repeats per seed and differs between seeds', () => {
    expect(draws(7, 50)).toEqual(draws(7, 50));
    expect(draws(7, 50)).not.toEqual(draws(8, 50));
  });

  it('draws the distributions it names', () => {
    const rng = learnerRng(123);
    const n = 40_000;
    const u = Array.from({ length: n }, () => rng.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 2);
    const z = Array.from({ length: n }, () => rng.normal());
    expect(mean(z)).toBeCloseTo(0, 1);
    expect(Math.sqrt(mean(z.map((v) => v * v)))).toBeCloseTo(1, 1);
    const p = [0.1, 0, 0.6, 0.3];
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[rng.categorical(p)]!++;
    // 4σ of a binomial proportion at n = 40 000 is at most 0.01.
    counts.forEach((c, i) => expect(Math.abs(c / n - p[i]!)).toBeLessThan(0.01));
    expect(counts[1]).toBe(0);
    // Not normalised (float32 softmax rows, or weights): drawn in proportion to the values.
    const w = Float32Array.from([1, 3]);
    expect(mean(Array.from({ length: n }, () => rng.categorical(w)))).toBeCloseTo(0.75, 1);
  });

  it.each([
    ['an empty array', [], /non-empty array of probabilities/],
    ['a tensor-like object', { shape: [2] }, /non-empty array of probabilities.*await t\.data\(\)/],
    ['a negative value', [0.5, -0.1, 0.6], /probability 1 is -0\.1; each must be a finite number ≥ 0/],
    ['a NaN', [Number.NaN, 1], /probability 0 is NaN/],
    ['all zeros', [0, 0], /sum to 0/],
  ])('categorical rejects %s', (_what, probs, message) => {
    expect(() => learnerRng(1).categorical(probs as never)).toThrow(message);
  });

  const source = `export function f(_: unknown, ctx: any) {
  return [ctx.rng.uniform(), ctx.rng.normal(), ctx.rng.categorical([0.25, 0.25, 0.5]), ctx.seed];
}`;
  const calls: LearnerCall[] = [{ arg: undefined, evals: [{ key: 'v', kind: 'array', shape: [4], label: 'the draws' }] }];
  const expected = () => {
    const rng = learnerRng(99);
    return [rng.uniform(), rng.normal(), rng.categorical([0.25, 0.25, 0.5]), 99].map(Math.fround);
  };
  const values = (r: LearnerRunResult) => (r.ok ? Array.from(r.outputs.calls[0]!.v!) : r.error);

  it('is the same stream in the learner code run in this thread (as in the browser worker)', async () => {
    const r = await runLearner({ source, entry: 'f', seed: 99, calls, tf, backend: 'wasm' });
    expect(values(r)).toEqual(expected());
  });

  it('is the same stream in the grader’s sandboxed child', async () => {
    const runner = childProcessRunner({ backend: 'wasm', timeoutMs: 20_000, sandbox: { memoryMb: 4096 } });
    const r = await runner({ source, entry: 'f', seed: 99, calls }, {});
    expect(values(r)).toEqual(expected());
  }, 30_000);
});
