/** Shared helpers for tests that grade real code on real tfjs in Node. */
import { expect } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import type { GradeReport } from '../../graders/report.ts';
import type { GradingSeed } from '../../graders/rng.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../src/runtime/run-exercise.ts';

export const blobsId = '04-activation-depth/01-softmax-blobs';

/** Grades `source` in this process on the WASM backend (fast; the child-process path has its own tests). */
export async function gradeInProcess(id: string, source: string, seed?: GradingSeed, options: { onPage?: boolean } = {}): Promise<GradeReport> {
  const tf = await useNodeBackend('wasm');
  const { meta } = loadExercise(id);
  const { report } = await runExercise({ meta, source, backend: 'wasm', runner: inThreadRunner(tf), ...(seed !== undefined && { seed }), ...options });
  return report;
}

/**
 * Asserts that grading leaks no tensors: after a warm-up run of the solution (seed 1; kernels may allocate once),
 * grading the solution and then the starter (seed 2) leaves tf.memory().numTensors where it was.
 */
export async function expectNoTensorLeak(id: string): Promise<void> {
  const tf = await useNodeBackend('wasm');
  const { solution, starter } = loadExercise(id);
  await gradeInProcess(id, solution, 1);
  const before = tf.memory().numTensors;
  await gradeInProcess(id, solution, 2);
  await gradeInProcess(id, starter, 2);
  expect(tf.memory().numTensors).toBe(before);
}

/** The blobs solution with `find` replaced by `replace`, for submissions that are wrong in one place. */
export function solutionWith(id: string, find: string | RegExp, replace: string): string {
  const { solution } = loadExercise(id);
  const out = solution.replace(find, replace);
  if (out === solution) throw new Error(`solutionWith: "${String(find)}" not found in ${id}/solution.ts`);
  return out;
}
