/**
 * Hints in order, then the solution: hint k+1 shows once hint k is opened; failed runs count (a stopped run or a
 * pass does not); the solution unlocks after a pass, or after every hint and `minFailedRuns` failed runs, and the
 * lock says what unlocks it. Stored beside the result record; corrupt or blocked storage reads as none.
 */
import { describe, expect, it, vi } from 'vitest';
import type { GradeReport } from '../../../graders/report.ts';
import { loadCodeBeforeSolution, loadHelp, saveCodeBeforeSolution, saveHelp } from '../../../src/runtime/code-store.ts';
import { memoryStorage } from './memory-storage.ts';
import { countRun, emptyHelp, hintsShown, openHint, readHelp, solutionLock } from '../../../src/runtime/help-state.ts';

const id = '04-activation-depth/01-softmax-blobs';
const report = (status: GradeReport['status'], kind?: 'stopped' | 'thrown') =>
  ({ status, error: kind ? { kind, message: '' } : null }) as GradeReport;

describe('help state', () => {
  it('shows hint k+1 only once hint k is opened; opening a later one counts the ones before', () => {
    let s = emptyHelp();
    expect(hintsShown(s, 3)).toBe(1);
    s = openHint(s, 0);
    expect(hintsShown(s, 3)).toBe(2);
    s = openHint(s, 2);
    expect([s.hintsOpened, hintsShown(s, 3)]).toEqual([3, 3]);
    expect(openHint(s, 0).hintsOpened).toBe(3); // reopening an earlier hint does not go back
    expect(hintsShown(emptyHelp(), 0)).toBe(0);
  });

  it.each([
    ['failed', undefined, 1],
    ['error', 'thrown', 1],
    ['error', 'stopped', 0],
    ['passed', undefined, 0],
    ['not-attempted', undefined, 0],
  ] as const)('a %s run (%s) counts %i failed run', (status, kind, n) => {
    expect(countRun(emptyHelp(), report(status, kind)).failedRuns).toBe(n);
  });

  it('unlocks after a pass, or after every hint and minFailedRuns failed runs, and says what is missing', () => {
    const s = { version: 1 as const, hintsOpened: 1, failedRuns: 1 };
    expect(solutionLock(s, 3, 3, false)).toEqual({ unlocked: false, text: 'Opens after you pass, or after all 3 hints and 3 failed runs: 1 of 3 hints opened, 1 of 3 failed runs so far.' });
    expect(solutionLock(s, 3, 3, true).unlocked).toBe(true);
    expect(solutionLock({ ...s, hintsOpened: 3 }, 3, 3, false).unlocked).toBe(false);
    expect(solutionLock({ ...s, failedRuns: 5 }, 3, 3, false).unlocked).toBe(false);
    expect(solutionLock({ ...s, hintsOpened: 3, failedRuns: 3 }, 3, 3, false).unlocked).toBe(true);
    expect(solutionLock(emptyHelp(), 0, 1, false).text).toBe('Opens after you pass, or after 1 failed run: 0 of 1 failed runs so far.');
    expect(solutionLock(emptyHelp(), 0, 0, false).unlocked).toBe(true);
  });

  it.each([null, '{garbled', '[]', '{"version":2,"hintsOpened":1,"failedRuns":1}', '{"version":1,"hintsOpened":-1,"failedRuns":1}', '{"version":1,"hintsOpened":"1","failedRuns":1}'])(
    'reads %s as no help yet',
    (stored) => expect(readHelp(stored)).toEqual(emptyHelp()),
  );
});

describe('code-store: help state and the code before the solution', () => {
  const store = memoryStorage();

  it('round-trips beside the result record', () => {
    const s = { version: 1 as const, hintsOpened: 2, failedRuns: 4 };
    expect(saveHelp(id, s)).toBe(true);
    expect(store().has(`rdl:help:${id}`)).toBe(true);
    expect(loadHelp(id)).toEqual(s);
    expect(saveCodeBeforeSolution(id, 'mine')).toBe(true);
    expect(loadCodeBeforeSolution(id)).toBe('mine');
    saveCodeBeforeSolution(id, null);
    expect(loadCodeBeforeSolution(id)).toBeNull();
  });

  it('storage that throws reads as none and refuses saves', () => {
    const boom = () => {
      throw new Error('SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: boom, setItem: boom, removeItem: boom });
    expect(loadHelp(id)).toEqual(emptyHelp());
    expect(saveHelp(id, emptyHelp())).toBe(false);
    expect(loadCodeBeforeSolution(id)).toBeNull();
    expect(saveCodeBeforeSolution(id, 'x')).toBe(false);
  });
});
