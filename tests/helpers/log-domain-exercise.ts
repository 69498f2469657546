/**
 * The grading tests that the two "compute a log-density in the log domain" exercises share (01-mixtures'
 * log-likelihood and 02-mdn's MDN NLL): the starter fails, the solution passes without leaking tensors, and the
 * naive exp → sum → log form is graded (not stopped as a broken run) with the underflow message, both in this
 * process and through a sandboxed child process as the instructor grades it. Call inside a `describe`.
 */
import { expect, it } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import { childProcessRunner } from '../../src/runtime/child-runner.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { runExercise } from '../../src/runtime/run-exercise.ts';
import { gradeInProcess } from './exercise.ts';

export interface LogDomainCase {
  /** The exercise id. */
  id: string;
  /** The solution with its log-domain sum replaced by exp → sum → log. */
  naive: string;
  /** What the first check's details say about the naive form in this process (the child's say at least `underflow`). */
  naiveDetails: RegExp;
}

/** The four tests, named as the lesson tests named them. */
export function itGradesTheLogDomain({ id, naive, naiveDetails }: LogDomainCase): void {
  const { meta, starter, solution } = loadExercise(id);
  const underflow = /exp underflowed to 0 before the log/;

  it('the starter fails', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    expect(r.checks[0]!.value).toBeGreaterThan(0.1);
  }, 60_000);

  it('the solution passes without leaking tensors', async () => {
    const tf = await useNodeBackend('wasm');
    await gradeInProcess(id, solution, 1);
    const before = tf.memory().numTensors;
    const r = await gradeInProcess(id, solution, 6);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('exp → sum → log fails with the underflow message, not a NaN error', async () => {
    const r = await gradeInProcess(id, naive, 1);
    expect(r.status).toBe('failed');
    expect(r.error).toBeFalsy(); // graded, not stopped as a broken run
    expect(r.checks[0]!.value).toBe(Infinity);
    expect(r.checks[0]!.details!.join('\n')).toMatch(naiveDetails);
    expect(r.checks[0]!.details!.join('\n')).toMatch(underflow);
  }, 60_000);

  it('… and through a sandboxed child process, as the instructor grades it', async () => {
    const runner = childProcessRunner({ backend: 'wasm', timeoutMs: 30_000, sandbox: { memoryMb: 4096 } });
    const { report } = await runExercise({ meta, source: naive, backend: 'wasm', runner, seed: 1 });
    expect(report.status).toBe('failed');
    expect(report.checks[0]!.details!.join('\n')).toMatch(underflow);
  }, 60_000);
}
