/** The blobs grader on real tfjs in Node: the reference passes on 5 seeds, and grading leaks no tensors. */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { blobsId, gradeInProcess } from '../../helpers/exercise.ts';

describe('softmax-blobs grader (WASM backend)', () => {
  const { solution, starter, meta } = loadExercise(blobsId);

  // The corpus test checks every solution passes on 5 seeds; this one checks the blobs reference has margin.
  it.each([1, 2, 3])('the reference solution passes on seed %i with margin', async (seed) => {
    const r = await gradeInProcess(blobsId, solution, seed);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    const [acc, ce] = r.checks;
    // Margin: at least 0.02 inside both accuracy bounds, so backend noise cannot flip the verdict.
    expect(acc!.value).toBeGreaterThan(meta.checks[0]!.min! + 0.02);
    expect(acc!.value).toBeLessThan(meta.checks[0]!.max! - 0.02);
    expect(ce!.value).toBeLessThan(meta.checks[1]!.max! - 0.05);
    expect(r.seed).toBe(seed);
    expect(r.backend).toBe('wasm');
  });

  it('the starter fails', async () => {
    const r = await gradeInProcess(blobsId, starter);
    expect(r.status).not.toBe('passed');
    expect(r.error?.message).toMatch(/softmax/);
  });

  it('a graded run leaks no tensors', async () => {
    await gradeInProcess(blobsId, solution, 1); // warm up: backend kernels may allocate once
    const before = tf.memory().numTensors;
    await gradeInProcess(blobsId, solution, 2);
    await gradeInProcess(blobsId, starter, 2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
