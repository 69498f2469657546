/**
 * What the course remembers of an exercise's runs in this browser: the last run (status, when, on which backend,
 * its score line) and, apart from it, the latest run that passed with the code that earned it. A pass sticks: a
 * later failure or error replaces the last run but never the pass, and a run the learner stopped records nothing.
 *
 * Pure: values in, values out. code-store.ts reads and writes these records in localStorage; the exercise, the
 * sidebar and the progress page show them (src/components/result-text.ts words them).
 */
import type { GradeReport } from '../../graders/report.ts';

/** The outcomes a run can leave. A stopped run leaves none. */
export type RunStatus = 'passed' | 'failed' | 'error';

/** One run, as the course shows it later. */
export interface RunSummary {
  status: RunStatus;
  /** ISO time the run ended; null when unknown (a record migrated from before this browser kept times). */
  at: string | null;
  /** The backend it ran on ("wasm", "webgl"…); null when unknown. */
  backend: string | null;
  /** The score line: "2 of 2 checks met", or the error's message; empty when unknown. */
  line: string;
}

/** The latest run that passed, and the code that passed. */
export interface PassSummary extends RunSummary {
  status: 'passed';
  code: string;
}

/** An exercise's record: both halves null before its first run. */
export interface ResultRecord {
  version: 1;
  last: RunSummary | null;
  pass: PassSummary | null;
}

/**
 * Where the record leaves the learner, for badges and the progress table:
 * - `passed`: the last run passed;
 * - `passed-earlier`: a run passed, but the last one did not (or the code was replaced since, by an import);
 * - `failed` / `error`: no run has passed and the last one ended so;
 * - `not-run`: no run recorded.
 */
export type ResultState = 'passed' | 'passed-earlier' | 'failed' | 'error' | 'not-run';

export const emptyRecord = (): ResultRecord => ({ version: 1, last: null, pass: null });

/** The longest score line kept: an error message can quote a whole stack. */
export const maxLineLength = 300;

/** The score line of a report: how many checks were met, or what went wrong. */
export function scoreLine(report: GradeReport): string {
  if (report.status === 'error' && report.error) {
    const where = report.error.line !== undefined ? `line ${report.error.line}: ` : '';
    const text = `${where}${report.error.message}`.split('\n')[0]!;
    return text.length > maxLineLength ? `${text.slice(0, maxLineLength - 1)}…` : text;
  }
  const met = report.checks.filter((c) => c.passed).length;
  return `${met} of ${report.checks.length} check${report.checks.length === 1 ? '' : 's'} met`;
}

/**
 * The record after a run of `code` that ended at `at` with `report`; `null` when the run records nothing: one the
 * learner stopped, or one that was never graded ("not-attempted").
 */
export function recordRun(prev: ResultRecord, report: GradeReport, code: string, at: Date): ResultRecord | null {
  if (report.error?.kind === 'stopped' || report.status === 'not-attempted') return null;
  const last: RunSummary = { status: report.status, at: at.toISOString(), backend: report.backend || null, line: scoreLine(report) };
  return { version: 1, last, pass: last.status === 'passed' ? { ...last, status: 'passed', code } : prev.pass };
}

/**
 * The record after importing `code` from a downloaded bundle whose manifest says the code's last run ended with
 * `status` (null: not said, or never run), at `at` when the bundle says. A pass from the bundle brings its code;
 * any other status keeps this browser's pass, since its code still passed here.
 */
export function recordImport(prev: ResultRecord, code: string, status: string | null, at: string | null): ResultRecord {
  if (!isStatus(status)) return { version: 1, last: null, pass: prev.pass };
  const last: RunSummary = { status, at, backend: null, line: 'imported from a download' };
  return { version: 1, last, pass: status === 'passed' ? { ...last, status, code } : prev.pass };
}

/** Where `record` leaves the learner (see ResultState). */
export function resultState(record: ResultRecord): ResultState {
  if (record.pass) return record.last?.status === 'passed' ? 'passed' : 'passed-earlier';
  return record.last?.status ?? 'not-run';
}

/** Every exercise of `ids` has a pass recorded (a lesson's sidebar mark). False for an empty list. */
export const allPassed = (ids: readonly string[], record: (id: string) => ResultRecord): boolean =>
  ids.length > 0 && ids.every((id) => record(id).pass !== null);

/** The outcome of reading a stored record: the record, and `unreadable` when what was stored could not be read. */
export interface ReadRecord {
  record: ResultRecord;
  /** Set when the stored text was not a record: it is ignored (the caller keeps a copy) and an empty record used. */
  unreadable?: string;
}

const isStatus = (s: unknown): s is RunStatus => s === 'passed' || s === 'failed' || s === 'error';
const isNullableString = (s: unknown): s is string | null => s === null || typeof s === 'string';

function isRun(r: unknown): r is RunSummary {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return isStatus(o.status) && isNullableString(o.at) && isNullableString(o.backend) && typeof o.line === 'string';
}

const isPass = (r: unknown): r is PassSummary => isRun(r) && r.status === 'passed' && typeof (r as { code?: unknown }).code === 'string';

/**
 * Reads a stored record. `stored` is this format's JSON (or null when nothing is stored); when it is null, the
 * format before it is migrated: `legacyStatus`, the bare status of the last run, with the code saved now, which is
 * the code that passed unless it was edited since. A legacy "passed" counts as the pass (with no date); a legacy
 * "stopped", or anything unknown, as nothing. Never throws: unreadable text gives an empty record and says why.
 */
export function readRecord(stored: string | null, legacyStatus: string | null, savedCode: string | null): ReadRecord {
  if (stored !== null) {
    let data: unknown;
    try {
      data = JSON.parse(stored);
    } catch {
      return { record: emptyRecord(), unreadable: 'not valid JSON' };
    }
    const o = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    if (o.version !== 1) return { record: emptyRecord(), unreadable: `not a result record of a known version` };
    if (!(o.last === null || isRun(o.last)) || !(o.pass === null || isPass(o.pass))) return { record: emptyRecord(), unreadable: 'its fields are not those of a result record' };
    return { record: { version: 1, last: o.last as RunSummary | null, pass: o.pass as PassSummary | null } };
  }
  if (!isStatus(legacyStatus)) return { record: emptyRecord() };
  const last: RunSummary = { status: legacyStatus, at: null, backend: null, line: '' };
  return { record: { version: 1, last, pass: legacyStatus === 'passed' && savedCode !== null ? { ...last, status: 'passed', code: savedCode } : null } };
}
