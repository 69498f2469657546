/**
 * Evaluates the transpiled learner module and returns its exports.
 * Imports are resolved from a fixed table (`@tensorflow/tfjs`, `course`): nothing is fetched or read from disk.
 */
import type { LearnerError } from '../../graders/report.ts';
import { clip } from './output-limits.ts';

export type LoadResult = { ok: true; exports: Record<string, unknown> } | { ok: false; error: LearnerError };

const SOURCE_URL = 'learner.ts';

// `new Function` puts a header before the body, so V8 reports body line L as L + offset. Measure the offset
// once instead of hard-coding it (it differs between engines and versions).
let lineOffset: number | undefined;
function functionLineOffset(): number {
  if (lineOffset !== undefined) return lineOffset;
  try {
    new Function(`throw new Error()\n//# sourceURL=${SOURCE_URL}`)();
  } catch (e) {
    const m = new RegExp(`${SOURCE_URL}:(\\d+)`).exec(String((e as Error).stack));
    lineOffset = m ? Number(m[1]) - 1 : 0;
  }
  return lineOffset ?? 0;
}

/** 1-based line/column in the learner's source where `error` was thrown, if its stack says so. */
export function learnerPosition(error: unknown): { line: number; column: number } | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  const m = stack && new RegExp(`${SOURCE_URL}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return undefined;
  return { line: Number(m[1]) - functionLineOffset(), column: Number(m[2]) };
}

/** Turns anything thrown by learner code into a LearnerError that names it and, when known, where. */
export function thrownError(error: unknown, during: string): LearnerError {
  const pos = learnerPosition(error);
  // A cause says why, e.g. fetch's "fetch failed" is caused by "connect ERR_ACCESS_DENIED" in the grader's sandbox.
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  // Clipped: a message can be any size the learner likes, and the report travels over the worker or result channel and into the page.
  const what = clip(error instanceof Error ? `${error.name}: ${error.message}${cause}` : `a non-Error value: ${String(error)}`);
  return { kind: 'thrown', message: `Your code threw ${what} ${during}${pos ? ` (line ${pos.line}, column ${pos.column})` : ''}.`, ...pos };
}

export function loadModule(js: string, modules: Record<string, unknown>): LoadResult {
  const module = { exports: {} as Record<string, unknown> };
  const require = (name: string): unknown => {
    if (name in modules) return modules[name];
    throw new Error(`Cannot import "${name}": exercises can import only ${Object.keys(modules).map((m) => `"${m}"`).join(' and ')}.`);
  };
  functionLineOffset();
  try {
    new Function('exports', 'require', 'module', `${js}\n//# sourceURL=${SOURCE_URL}`)(module.exports, require, module);
  } catch (e) {
    return { ok: false, error: thrownError(e, 'while loading the module') };
  }
  return { ok: true, exports: module.exports };
}
