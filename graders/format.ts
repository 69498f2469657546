/**
 * How numbers, bounds and source positions read in messages. Its own module, importing nothing, so that
 * generators (graders/problems/) can word their details without importing checks.ts, which imports the schema,
 * which imports the generators: that circle made load order matter.
 */

/** Rounds for display so messages say "0.873", not "0.87300000012". */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : Number(v.toPrecision(3)).toString();
}

/** "≥ 0.83 and ≤ 0.95": a check's bounds as learners read them (`sep` joins the two sides). */
export function boundText(b: { min?: number; max?: number }, sep = ' and '): string {
  return [b.min !== undefined ? `≥ ${b.min}` : '', b.max !== undefined ? `≤ ${b.max}` : ''].filter(Boolean).join(sep);
}

/** "line 12, column 5" (or "line 12"), for an error that knows where it happened; '' otherwise. */
export function positionText(e: { line?: number; column?: number }): string {
  return e.line === undefined ? '' : `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}`;
}

/** A run's duration as people read it: "2.4 s", and "< 0.1 s" under a tenth of a second (not "0.0 s"). */
export function secondsText(ms: number): string {
  return ms < 100 ? '< 0.1 s' : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * An error's message with its position said once: most messages already end with "(line 13, column 9)" or start
 * "Syntax error at line 12, …"; the rest get the position appended.
 */
export function errorText(e: { message: string; line?: number; column?: number }): string {
  const where = positionText(e);
  return where && !e.message.includes(`line ${e.line}`) ? `${e.message} (${where})` : e.message;
}

/** What a run of the unchanged starter says before its failed checks (issue 15: a learner who pressed Run first). */
export const STARTER_UNCHANGED = 'This is the starter, unchanged: look for the // TODO: markers in the code and fill them in.';

/** Whether `source` is the starter as shipped, up to whitespace (line endings, indentation, a trailing newline). */
export function isUnchangedStarter(source: string, starter: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  return squash(source) === squash(starter);
}
