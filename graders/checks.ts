import type { Check } from './schema.ts';
import type { CheckResult } from './report.ts';
import { boundText, fmt } from './format.ts';

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
