/**
 * The help an exercise gives on the way to a pass: its hints, opened one at a time (hint 2 after hint 1), and its
 * solution, locked until the learner passes, or has opened every hint and failed `minFailedRuns` runs
 * (exercise.yaml, default 3). What the course remembers for that: how many hints are open and how many runs failed.
 *
 * Pure: values in, values out. code-store.ts keeps the state in localStorage beside the result record.
 */
import type { GradeReport } from '../../graders/report.ts';

export interface HelpState {
  version: 1;
  /** How many hints the learner has opened: hints 1…n are shown, hint n+1's button is the next one. */
  hintsOpened: number;
  /** Runs that ended failed or with an error (a stopped run does not count). */
  failedRuns: number;
}

export const emptyHelp = (): HelpState => ({ version: 1, hintsOpened: 0, failedRuns: 0 });

const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** Reads stored help state; anything unreadable (not JSON, unknown version, bad fields) counts as none, never throws. */
export function readHelp(stored: string | null): HelpState {
  if (stored === null) return emptyHelp();
  try {
    const o = JSON.parse(stored) as Record<string, unknown> | null;
    if (o?.version === 1 && count(o.hintsOpened) && count(o.failedRuns)) return { version: 1, hintsOpened: o.hintsOpened, failedRuns: o.failedRuns };
  } catch {
    // not JSON: below
  }
  return emptyHelp();
}

/** The state after the learner opens hint `index` (0-based): it and every hint before it count as opened. */
export const openHint = (s: HelpState, index: number): HelpState => ({ ...s, hintsOpened: Math.max(s.hintsOpened, index + 1) });

/** The state after a run ended with `report`: a failure or an error counts; a pass, a stopped run or no grade do not. */
export function countRun(s: HelpState, report: GradeReport): HelpState {
  const failed = report.status === 'failed' || (report.status === 'error' && report.error?.kind !== 'stopped');
  return failed ? { ...s, failedRuns: s.failedRuns + 1 } : s;
}

/** Which hints are shown: all opened ones and the next one's button (hint k+1 appears once hint k is opened). */
export const hintsShown = (s: HelpState, hintCount: number): number => Math.min(hintCount, s.hintsOpened + 1);

/** Whether the solution can be shown, and the words the locked button says. */
export interface SolutionLock {
  unlocked: boolean;
  /** What unlocks it and how far the learner is, e.g. "Opens after you pass, or after all 3 hints and 3 failed runs: 1 of 3 so far." */
  text: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The solution unlocks after a pass (`passed`: the exercise has a pass recorded), or after all `hintCount` hints are
 * opened and `minFailedRuns` runs failed.
 */
export function solutionLock(s: HelpState, hintCount: number, minFailedRuns: number, passed: boolean): SolutionLock {
  const hintsDone = s.hintsOpened >= hintCount;
  const runsDone = s.failedRuns >= minFailedRuns;
  if (passed || (hintsDone && runsDone)) return { unlocked: true, text: '' };
  const need = hintCount > 0 ? `all ${plural(hintCount, 'hint')} and ${plural(minFailedRuns, 'failed run')}` : plural(minFailedRuns, 'failed run');
  const progress = [
    ...(hintCount > 0 ? [`${Math.min(s.hintsOpened, hintCount)} of ${hintCount} hints opened`] : []),
    `${Math.min(s.failedRuns, minFailedRuns)} of ${minFailedRuns} failed runs so far`,
  ].join(', ');
  return { unlocked: false, text: `Opens after you pass, or after ${need}: ${progress}.` };
}

/** Where the built site keeps exercise `id`'s solution (src/pages/solutions/[...id].json.ts): `{ id, code }`. */
export const solutionUrl = (id: string): string => `/solutions/${id}.json`;
