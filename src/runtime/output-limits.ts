/**
 * Bounds on what a learner's code can make the runtime carry: printed lines and error messages. A print loop or
 * `throw new Error(hugeString)` must not fill the grader's memory, flood the channel between a graded child
 * and the grader, or freeze the page that shows the report.
 */

/** Printed output kept per run: enough to debug, bounded. */
export const MAX_LOG_LINES = 300;
export const MAX_LOG_CHARS = 64 * 1024;
/** One printed line, and the text of one error message, are cut after this many characters. */
export const MAX_LINE_CHARS = 2000;
/**
 * Longest error message a graded child sends (it clips to this; the grader cuts a longer one, never trusts it).
 * Here rather than in child-messages.ts so the child does not load zod, which only the grader's checks need.
 */
export const MAX_ERROR_CHARS = 4 * MAX_LINE_CHARS;
/** The line that replaces everything printed after the limits are reached. */
export const LOG_DROPPED = '… (further output dropped)';

/**
 * `text` cut to at most `max` characters, ending with how much was cut. Idempotent (the result is never longer than
 * `max`), so text clipped in a graded child passes the grader's own limit unchanged.
 */
export function clip(text: string, max = MAX_LINE_CHARS): string {
  if (text.length <= max) return text;
  const keep = max - 40; // room for the note: "… (" + up to 16 digits + " more characters)"
  return `${text.slice(0, keep)}… (${text.length - keep} more characters)`;
}

/**
 * A filter for one run's printed lines: returns the line to keep (clipped), LOG_DROPPED once when a limit is
 * reached, and undefined for everything after that.
 */
export function logLimiter(): (line: string) => string | undefined {
  let lines = 0;
  let chars = 0;
  return (line) => {
    if (lines > MAX_LOG_LINES || chars > MAX_LOG_CHARS) return undefined;
    const kept = clip(line);
    lines++;
    chars += kept.length;
    return lines > MAX_LOG_LINES || chars > MAX_LOG_CHARS ? LOG_DROPPED : kept;
  };
}

/**
 * A value as text without trusting it: a throwing toString, a Symbol or a revoked Proxy gives a placeholder
 * instead of an exception (printed values come from the learner's code). Never throws.
 */
export function toText(v: unknown): string {
  try {
    return typeof v === 'string' ? v : String(v);
  } catch {
    try {
      return Object.prototype.toString.call(v);
    } catch {
      return '[unprintable value]';
    }
  }
}

/** Elements of an array or typed array a console line shows before "…". */
const CONSOLE_ITEMS = 20;

/**
 * A console.log argument as a reader expects to see it: strings as they are, arrays and typed arrays as their first
 * elements (`Float32Array(1000) [0.1, 0.2, …]`), plain objects as JSON, anything else as `toText` writes it
 * (a tensor's own toString is readable). Never throws, and looks at most CONSOLE_ITEMS elements of an array, so
 * printing a million-element array costs nothing; a plain object's JSON is clipped later with the line.
 */
export function consoleText(v: unknown): string {
  try {
    if (typeof v === 'string') return v;
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const items = v as ArrayLike<unknown>;
      const n = items.length;
      const shown = Array.from({ length: Math.min(n, CONSOLE_ITEMS) }, (_, i) => {
        const x = items[i];
        return typeof x === 'string' ? JSON.stringify(x) : Array.isArray(x) || ArrayBuffer.isView(x) ? consoleText(x) : toText(x);
      });
      const body = `[${shown.join(', ')}${n > CONSOLE_ITEMS ? ', …' : ''}]`;
      return Array.isArray(v) ? body : `${Object.getPrototypeOf(v)?.constructor?.name ?? 'TypedArray'}(${n}) ${body}`;
    }
    if (v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) return JSON.stringify(v) ?? toText(v);
  } catch {
    // A getter that throws, a cycle, a BigInt inside: fall back to the plain text.
  }
  return toText(v);
}
