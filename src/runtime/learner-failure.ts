/**
 * How the runtime turns what is wrong with a learner's code or return value into a LearnerError: a thrown
 * `Failure` that the call loop (run-learner.ts) catches and hands back as a value.
 */
import type { LearnerError } from '../../graders/report.ts';
import { thrownError } from './load-module.ts';

/** Not an Error subclass on purpose: learner code cannot catch it by `instanceof Error` checks and carry on. */
export class Failure {
  readonly error: LearnerError;
  constructor(error: LearnerError) {
    this.error = error;
  }
}

/** Stops the evaluation of a call with this error for the learner. */
export const fail = (kind: LearnerError['kind'], message: string): never => {
  throw new Failure({ kind, message });
};

/** A value as a learner reads it in a message: "an array of length 3", "an object with keys a, b". */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value !== 'object') return `a ${typeof value} (${String(value).slice(0, 40)})`;
  const keys = Object.keys(value).slice(0, 5);
  return `an object${keys.length ? ` with keys ${keys.join(', ')}` : ''}`;
}

/** thrownError for a value the learner threw, which may itself throw when read (a message getter, a Proxy). */
export function safeThrown(e: unknown, during: string): LearnerError {
  try {
    return thrownError(e, during);
  } catch {
    return { kind: 'thrown', message: `Your code threw a value that cannot even be read (a throwing getter or toString, or a revoked Proxy) ${during}.` };
  }
}
