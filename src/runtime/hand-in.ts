/**
 * Which code "Download my work" hands in for an exercise: the learner's current code, unless a run passed with other
 * code and the current code has not passed since. Then the zip holds the version that passed, under a header that
 * says so and that it passed on practice data only (the instructor grades on other data). Still one file per
 * exercise, the file the grader reads. Pure, so the rule is tested without a browser.
 */
import type { ResultRecord } from './result-record.ts';

/** Why the passing version was handed in instead of the current code. */
export type SwapReason =
  /** The last run, of the current code, failed or ended in an error. */
  | 'fails'
  /** The code changed after it passed (an edit, an import, a reset) and has not been run since. */
  | 'not-run';

export interface HandIn {
  /** The file's text. */
  code: string;
  /** Set when `code` is the passing version rather than the current code. */
  swapped: SwapReason | null;
  /** When `code` is the code that passed: the time it passed (null if unknown). Absent otherwise. */
  passedAt?: string | null;
}

/** The first line of the header on a swapped file (a reader can tell such a file by it). */
export const passedHeaderLead = '// Runnable Deep Learning: the version of this exercise that passed on practice data';

/** The comment put above a passing version handed in instead of the current code. */
export function passedHeader(passedAt: string | null, reason: SwapReason): string {
  const when = passedAt ? ` (${passedAt.slice(0, 10)})` : '';
  const why = reason === 'fails' ? 'Your current code fails the checks' : 'Your current code has not been run since this version passed';
  return [
    `${passedHeaderLead}${when}.`,
    `// ${why}, so "Download my work" handed in this version instead.`,
    '// Passing on practice data is not a grade: your instructor runs the checks again on different, secret data.',
    '',
  ].join('\n');
}

/**
 * What to hand in for an exercise whose saved code is `saved` (null: none) and whose record is `record`; null when
 * there is nothing to hand in (no code and no pass).
 */
export function handIn(saved: string | null, record: ResultRecord): HandIn | null {
  const pass = record.pass;
  if (!pass) return saved === null ? null : { code: saved, swapped: null };
  if (saved === pass.code) return { code: saved, swapped: null, passedAt: pass.at };
  const reason: SwapReason = record.last && record.last.status !== 'passed' ? 'fails' : 'not-run';
  return { code: `${passedHeader(pass.at, reason)}${pass.code}`, swapped: reason, passedAt: pass.at };
}
