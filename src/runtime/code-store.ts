/**
 * Where a learner's code and last result live between visits: localStorage, keyed by exercise id.
 * Every access is guarded: private browsing or a full quota must never cost the learner the code on screen.
 */
const codeKey = (id: string) => `rdl:code:${id}`;
const reportKey = (id: string) => `rdl:report:${id}`;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // access itself can throw (blocked storage)
  }
}

/** The learner's saved code for an exercise, or null if they have not typed anything yet. */
export function loadCode(id: string): string | null {
  return storage()?.getItem(codeKey(id)) ?? null;
}

/** Saves the code; returns false if the browser refused (the caller may warn that work is not persisted). */
export function saveCode(id: string, code: string): boolean {
  try {
    storage()?.setItem(codeKey(id), code);
    return storage() !== null;
  } catch {
    return false;
  }
}

export function clearCode(id: string): void {
  storage()?.removeItem(codeKey(id));
}

/** Remembers the status of the last run, for progress marks. */
export function saveStatus(id: string, status: string): void {
  try {
    storage()?.setItem(reportKey(id), status);
  } catch {
    // progress marks are a nicety; never fail a run over them
  }
}

export function loadStatus(id: string): string | null {
  return storage()?.getItem(reportKey(id)) ?? null;
}

/** Forgets the last run's status (after importing code that was not run here). */
export function clearStatus(id: string): void {
  storage()?.removeItem(reportKey(id));
}
