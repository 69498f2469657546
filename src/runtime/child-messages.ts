/**
 * What a graded child may send the grader, and the check every frame passes before the grader acts on it
 * (child-runner.ts). The learner's code owns the child's whole realm, so each message is hostile input: zod checks
 * types, finite numbers (an output value may also be one of three non-finite tokens, wire-values.ts) and string
 * lengths; `checkOutputs` checks the number of calls and, per evaluation key, the exact output length the problem
 * expects, that only an evaluation grading non-finite values gets any, and what the evaluation's kind guarantees
 * (all declared by the kind, evaluate/kinds.ts). A child's claimed error keeps only the learner kinds; any other claim ('internal',
 * 'timeout', 'stopped', or an unknown kind) becomes the submission's own error, never the grader's.
 */
import { z } from 'zod';
import type { CallOutputs, LearnerCall } from '../../graders/problem.ts';
import type { LearnerError } from '../../graders/report.ts';
import { kindOf } from './evaluate/kinds.ts';
import type { LearnerRunResult } from './run-learner.ts';
import { clip, MAX_ERROR_CHARS, MAX_LINE_CHARS } from './output-limits.ts';
import { nonFiniteTokens } from './wire-values.ts';

export { MAX_ERROR_CHARS };

/** Error kinds a child may report as the submission's: the runtime in the child makes only these. */
export const childErrorKinds = ['syntax', 'missing-export', 'thrown', 'nan', 'bad-output'] as const;

const finite = z.number().finite();
const errorSchema = z.object({
  kind: z.string().max(40),
  message: z.string().max(16 * MAX_ERROR_CHARS),
  line: z.number().int().min(0).max(1e7).optional(),
  column: z.number().int().min(0).max(1e7).optional(),
});

/** Output values travel as plain arrays (JSON has no typed arrays) of finite numbers and non-finite tokens (wire-values.ts). */
const outputsSchema = z.object({
  calls: z.array(z.record(z.string().max(100), z.array(z.union([finite, z.enum(nonFiniteTokens)])))).max(1000),
  finalLoss: finite.optional(),
});

export const childMessageSchema = z.discriminatedUnion('type', [
  // valLoss: a finite number like loss, for a live curve the grader does not draw; never used for the grade.
  z.object({ type: z.literal('progress'), step: finite, loss: finite, valLoss: finite.optional() }),
  z.object({ type: z.literal('log'), line: z.string().max(MAX_LINE_CHARS) }),
  z.object({
    type: z.literal('result'),
    nonce: z.string().max(100),
    result: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), outputs: outputsSchema }), z.object({ ok: z.literal(false), error: errorSchema })]),
  }),
]);

export type WireMessage = z.infer<typeof childMessageSchema>;

/** A readable summary of a zod failure: the first few paths and what was wrong there. */
function issues(e: z.ZodError): string {
  return e.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'message'}: ${i.message}`)
    .join('; ');
}

/** Parses one decoded frame; never throws. */
export function parseChildMessage(value: unknown): { ok: true; message: WireMessage } | { ok: false; why: string } {
  try {
    const r = childMessageSchema.safeParse(value);
    return r.success ? { ok: true, message: r.data } : { ok: false, why: clip(issues(r.error), 300) };
  } catch (e) {
    return { ok: false, why: `unreadable message (${clip(String((e as Error)?.message), 100)})` };
  }
}

/** How many numbers each evaluation of a call must produce (its kind's `length`, evaluate/kinds.ts). */
export function expectedLength(e: LearnerCall['evals'][number]): number {
  return kindOf(e).length(e);
}

/** The largest number of output values `calls` can legitimately produce (sizes the frame limit's margin). */
export function expectedValues(calls: LearnerCall[]): number {
  return calls.reduce((n, c) => n + c.evals.reduce((m, e) => m + expectedLength(e), 0), 0);
}

/**
 * The outputs as the grader uses them (Float32Array per key), or what is wrong with them: exactly one entry per
 * call, exactly the problem's keys, each of exactly the expected length.
 */
export function checkOutputs(outputs: z.infer<typeof outputsSchema>, calls: LearnerCall[]): { ok: true; calls: CallOutputs[] } | { ok: false; why: string } {
  if (outputs.calls.length !== calls.length) return { ok: false, why: `it sent outputs for ${outputs.calls.length} calls; the problem has ${calls.length}` };
  const result: CallOutputs[] = [];
  for (const [i, call] of calls.entries()) {
    const got = outputs.calls[i]!;
    const want = call.evals.map((e) => e.key);
    const keys = Object.keys(got);
    const extra = keys.filter((k) => !want.includes(k));
    if (extra.length) return { ok: false, why: `call ${i + 1} has unexpected outputs ${clip(extra.join(', '), 100)}` };
    const out: CallOutputs = {};
    for (const e of call.evals) {
      const v = Object.hasOwn(got, e.key) ? got[e.key] : undefined;
      if (!v) return { ok: false, why: `call ${i + 1} lacks the output "${e.key}"` };
      const n = expectedLength(e);
      if (v.length !== n) return { ok: false, why: `output "${e.key}" of call ${i + 1} has ${v.length} values; the problem expects ${n}` };
      const kind = kindOf(e);
      const token = v.findIndex((x) => typeof x === 'string');
      if (token >= 0 && !kind.allowsNonFinite?.(e)) return { ok: false, why: `output "${e.key}" of call ${i + 1} holds ${v[token]} at index ${token}; this evaluation takes finite numbers only` };
      const values = Float32Array.from(v, Number); // the tokens are exactly the names Number() reads back
      // What the runtime in the child guarantees beyond the length (a probability row is a distribution, a grid
      // cell a class index), checked again because a forged result need not keep it: each kind's `check`.
      const bad = kind.check(e, values);
      if (bad) return { ok: false, why: `output "${e.key}" of call ${i + 1} ${bad}` };
      out[e.key] = values;
    }
    result.push(out);
  }
  return { ok: true, calls: result };
}

/** A child's claimed error as the submission's error: learner kinds kept, any other claim named as a claim. */
export function claimedError(e: z.infer<typeof errorSchema>): LearnerError {
  const message = clip(e.message, MAX_ERROR_CHARS);
  if ((childErrorKinds as readonly string[]).includes(e.kind))
    return { kind: e.kind as LearnerError['kind'], message, ...(e.line !== undefined && { line: e.line }), ...(e.column !== undefined && { column: e.column }) };
  return { kind: 'thrown', message: clip(`The submission's process reported an error of kind "${clip(e.kind, 40)}", which the grader does not accept from a submission; it counts as the submission's error. It said: ${message}`, MAX_ERROR_CHARS + 300) };
}

/** Validated result → what the runner returns; never throws. */
export function checkResult(m: Extract<WireMessage, { type: 'result' }>, calls: LearnerCall[]): LearnerRunResult {
  if (!m.result.ok) return { ok: false, error: claimedError(m.result.error) };
  const checked = checkOutputs(m.result.outputs, calls);
  if (!checked.ok) return { ok: false, error: { kind: 'bad-output', message: `The grading process sent back outputs that do not fit this exercise: ${checked.why}.` } };
  return { ok: true, outputs: { calls: checked.calls, ...(m.result.outputs.finalLoss !== undefined && { finalLoss: m.result.outputs.finalLoss }) } };
}
