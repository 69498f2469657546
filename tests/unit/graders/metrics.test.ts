import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../graders/checks.ts';
import { accuracy, argmaxRow, crossEntropy } from '../../../graders/metrics.ts';
import { grade } from '../../../graders/grade.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { makeProblem } from '../../../graders/problems/index.ts';
import type { Split } from '../../../graders/datasets/types.ts';
import { blobsId } from '../../helpers/exercise.ts';

describe('metrics', () => {
  const probs = new Float32Array([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4]);
  it('argmax picks the largest, first on ties', () => {
    expect(argmaxRow([0.3, 0.3, 0.4], 0, 3)).toBe(2);
    expect(argmaxRow([0.5, 0.5, 0], 0, 3)).toBe(0);
  });
  it('accuracy counts argmax hits', () => {
    expect(accuracy(probs, [0, 1, 2], 3)).toBe(1);
    expect(accuracy(probs, [0, 0, 0], 3)).toBeCloseTo(1 / 3);
  });
  it('cross-entropy is the mean negative log-probability of the true class', () => {
    expect(crossEntropy(probs, [0, 1, 2], 3)).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.4)) / 3, 5);
  });
  it('cross-entropy clips zero probabilities instead of returning Infinity', () => {
    expect(crossEntropy([1, 0], [1], 2)).toBeCloseTo(-Math.log(1e-7), 5);
  });
  it('chance level for 4 classes is log 4', () => {
    expect(crossEntropy(new Float32Array(8).fill(0.25), [0, 3], 4)).toBeCloseTo(Math.log(4), 5);
  });
  it('empty input gives NaN, which no check passes', () => {
    expect(accuracy([], [], 3)).toBeNaN();
  });
});

describe('runCheck', () => {
  const c = { metric: 'testAccuracy' as const, label: 'Test accuracy', min: 0.8, max: 0.95, tooLow: 'Train longer.', tooHigh: 'Too good to be true.', derivation: 'd' };
  it.each([
    [0.85, true, 'Test accuracy is 0.85 (needs ≥ 0.8 and ≤ 0.95).'],
    [0.8, true, 'Test accuracy is 0.8 (needs ≥ 0.8 and ≤ 0.95).'],
    [0.5, false, 'Test accuracy is 0.5, below 0.8. Train longer.'],
    [0.99, false, 'Test accuracy is 0.99, above 0.95. Too good to be true.'],
    [NaN, false, 'Test accuracy is NaN, below 0.8. Train longer.'],
  ])('value %s → passed %s', (value, passed, message) => {
    const r = runCheck(c, value);
    expect(r.passed).toBe(passed);
    expect(r.message).toBe(message);
    expect(r).toMatchObject({ metric: 'testAccuracy', min: 0.8, max: 0.95, value });
  });
});

describe('grade on the blobs exercise', () => {
  const { meta } = loadExercise(blobsId);
  const problem = makeProblem(meta.data, 7);
  const { test } = problem.hidden as { test: Split };
  const scored = (probs: Float32Array) => problem.score([{ probs }]);
  const oneHot = (labels: Int32Array) => {
    const p = new Float32Array(labels.length * 4);
    labels.forEach((y, i) => (p[i * 4 + y] = 1));
    return p;
  };
  const info = { seed: 7, backend: 'test', durationMs: 1 };

  it('fails perfect answers as too good to be true, with the teaching messages', () => {
    const r = grade(meta, scored(oneHot(test.y)), info);
    expect(r.status).toBe('failed');
    expect(r.score).toBe(0);
    const [acc, ce] = r.checks;
    expect(acc).toMatchObject({ passed: false, value: 1 });
    expect(acc!.message).toMatch(/better than the best possible classifier/);
    expect(ce!.passed).toBe(false);
    expect(ce!.message).toMatch(/more confident and more right than the true blob densities allow/);
  });

  it('fails uniform guessing as too low, pointing at training', () => {
    const r = grade(meta, scored(new Float32Array(test.n * 4).fill(0.25)), info);
    expect(r.status).toBe('failed');
    expect(r.checks[0]!.message).toMatch(/below 0\.83/);
    expect(r.checks[1]!.value).toBeCloseTo(Math.log(4), 5);
    expect(r.checks[1]!.message).toMatch(/undertrained/);
  });
});
