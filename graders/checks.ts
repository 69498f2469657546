import type { Check } from './schema.ts';
import type { CheckResult } from './report.ts';

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

/** Evaluates one check on a metric value. A NaN value always fails, with the low-side message. */
export function runCheck(check: Check, value: number): CheckResult {
  const low = check.min !== undefined && !(value >= check.min);
  const high = check.max !== undefined && value > check.max;
  const passed = !low && !high && !Number.isNaN(value);
  const bound = boundText(check);
  let message: string;
  if (passed) message = check.passed ?? `${check.label} is ${fmt(value)} (needs ${bound}).`;
  else if (high) message = `${check.label} is ${fmt(value)}, above ${check.max}. ${check.tooHigh ?? ''}`.trim();
  else message = `${check.label} is ${fmt(value)}${check.min !== undefined ? `, below ${check.min}` : ''}. ${check.tooLow ?? check.tooHigh ?? ''}`.trim();
  return { metric: check.metric, label: check.label, value, ...(check.min !== undefined && { min: check.min }), ...(check.max !== undefined && { max: check.max }), passed, message };
}
