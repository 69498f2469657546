import type { LearnerError } from '../../graders/report.ts';

/** The error for a run stopped at the exercise's time limit (browser worker and Node child alike). */
export function timeoutError(timeoutMs: number): LearnerError {
  return {
    kind: 'timeout',
    message: `Stopped after ${Math.round(timeoutMs / 1000)} s, this exercise's time limit. An endless loop, or far more epochs than needed? The reference solution finishes in a few seconds.`,
  };
}
