/**
 * Where a learner's code and results (result-record.ts) live between visits: localStorage, keyed by exercise id.
 * Every access is guarded: private browsing or a full quota must never cost the learner the code on screen.
 */
import { emptyRecord, readRecord, type ReadRecord, type ResultRecord } from './result-record.ts';
import { readHelp, type HelpState } from './help-state.ts';

const codeKey = (id: string) => `rdl:code:${id}`;
/** Before result records: the bare status of the last run. Read once, to migrate it. */
const reportKey = (id: string) => `rdl:report:${id}`;
const resultKey = (id: string) => `rdl:result:${id}`;
/** Hints opened and failed runs (help-state.ts), beside the result record. */
const helpKey = (id: string) => `rdl:help:${id}`;
/** The learner's code as it was before "Use this code" put the solution in the editor: "Restore my code" reads it. */
const beforeSolutionKey = (id: string) => `rdl:code:${id}:before-solution`;

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

/**
 * The exercise's result record (result-record.ts), migrating the format before it (the bare status of the last run,
 * under `rdl:report:<id>`) on first read. Never throws: a stored record that cannot be read gives an empty one and says so.
 */
export function loadRecord(id: string): ReadRecord {
  const s = storage();
  try {
    const stored = s?.getItem(resultKey(id)) ?? null;
    const legacy = stored === null ? (s?.getItem(reportKey(id)) ?? null) : null;
    const read = readRecord(stored, legacy, loadCode(id));
    // Migrate once, so the pass keeps the code saved now even if the learner edits it before the next run.
    if (legacy !== null) saveRecord(id, read.record);
    return read;
  } catch {
    return { record: emptyRecord() }; // storage that throws on read: nothing recorded, as in private browsing
  }
}

/**
 * Stores the exercise's result record. What was stored before and could not be read is first copied to
 * `rdl:result:<id>:unreadable`, so that no learner's data is lost to a record the page did not understand.
 * Returns false if the browser refused.
 */
export function saveRecord(id: string, record: ResultRecord): boolean {
  const s = storage();
  if (!s) return false;
  try {
    const old = s.getItem(resultKey(id));
    if (old !== null && readRecord(old, null, null).unreadable) s.setItem(`${resultKey(id)}:unreadable`, old);
    s.setItem(resultKey(id), JSON.stringify(record));
    s.removeItem(reportKey(id)); // migrated: the new record holds what the old status said
    return true;
  } catch {
    return false; // results are a nicety; never fail a run over them
  }
}

/** The event the page hears when an exercise's record changes (detail: the exercise id), e.g. for the sidebar. */
export const recordEvent = 'rdl:result';

/** The exercise's hints opened and failed runs; none when nothing (or nothing readable) is stored. Never throws. */
export function loadHelp(id: string): HelpState {
  try {
    return readHelp(storage()?.getItem(helpKey(id)) ?? null);
  } catch {
    return readHelp(null);
  }
}

/** Stores the exercise's help state; false if the browser refused (it then holds for this page only). */
export function saveHelp(id: string, help: HelpState): boolean {
  return trySet(helpKey(id), JSON.stringify(help));
}

/** The code the learner had before they took the solution, or null when they have not (or restored it since). */
export function loadCodeBeforeSolution(id: string): string | null {
  try {
    return storage()?.getItem(beforeSolutionKey(id)) ?? null;
  } catch {
    return null;
  }
}

/** Keeps `code` (null: forgets it) as the code to restore after taking the solution; false if the browser refused. */
export function saveCodeBeforeSolution(id: string, code: string | null): boolean {
  if (code !== null) return trySet(beforeSolutionKey(id), code);
  try {
    storage()?.removeItem(beforeSolutionKey(id));
    return true;
  } catch {
    return false;
  }
}

function trySet(key: string, value: string): boolean {
  try {
    const s = storage();
    s?.setItem(key, value);
    return s !== null;
  } catch {
    return false;
  }
}
