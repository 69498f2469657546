/**
 * Steps 1–5 of a run (DESIGN.md): transpile the learner's TypeScript, load it, call its entry once per
 * LearnerCall of the problem, evaluate what each call returned and hand back plain numbers. This module is the
 * call loop; the learner's `ctx` is built in learner-context.ts and each evaluation kind (predict on inputs it
 * never saw, a decision grid, arrays…) is an entry of the table in evaluate/kinds.ts. No hidden labels or
 * reference answers come in here, so the same function runs inside the instructor's sandboxed child process.
 */
import type * as TF from '@tensorflow/tfjs';
import type { CallOutputs, LearnerCall } from '../../graders/problem.ts';
import type { LearnerError } from '../../graders/report.ts';
import type { TrainContext } from './course.ts';
import { kindOf } from './evaluate/kinds.ts';
import { LossNotFinite, makeTrainContext } from './learner-context.ts';
import { watchFits } from './fit-watch.ts';
import { describe, fail, Failure, safeThrown } from './learner-failure.ts';
import { disposeReturned, isA, realmIsThenable, safeGet, thenableError } from './learner-values.ts';
import { loadModule } from './load-module.ts';
import type { LivePlot, ProgressEvent } from './progress.ts';
import { transpile } from './transpile.ts';

export type { LivePlot, ProgressEvent } from './progress.ts';
// The clean-up guarantees are tested through this module (tests/unit/runtime/cleanup.test.ts).
export { disposeReturned, realmIsThenable } from './learner-values.ts';

export type Tfjs = typeof TF;

/** Everything a learner run needs that is data: plain values, so it can cross a worker or process boundary. */
export interface LearnerInput {
  source: string;
  /** Named export to call. */
  entry: string;
  /** The seed the learner's code sees as ctx.seed (derived from, not equal to, the data seed). */
  seed: number;
  /** What to call the entry with and what to evaluate on each result. */
  calls: LearnerCall[];
}

/**
 * Whether a returned value is a tfjs LayersModel in the middle of `fit` (its `isTraining` flag, set when fit starts and
 * cleared when it ends): the learner called `model.fit(…)` without `await`. Read without trusting the value.
 */
function stillFitting(value: unknown): boolean {
  try {
    if (value === null || typeof value !== 'object' || (value as { isTraining?: unknown }).isTraining !== true) return false;
    // Ends the orphaned fit at its next batch, so it stops spending the run's time (tfjs reads this flag).
    (value as { stopTraining?: boolean }).stopTraining = true;
    return true;
  } catch {
    return false;
  }
}

export interface RunEvents {
  onProgress?: (p: ProgressEvent) => void;
  onLog?: (line: string) => void;
  /**
   * Validates the live frames the learner reports (live-frames/readLearnerPlots). Only where a page draws them (the
   * browser worker): without it the frames are never read, so the grading child, which has no plot, does not load
   * their zod schemas at every start (~90 ms of CPU each).
   */
  readPlots?: PlotReader;
}

/** Reads the learner's `plots` into frames a page can draw, and says what was left out and why. */
export type PlotReader = (value: unknown) => { plots: LivePlot[]; problems: string[] };

export interface LearnerRunOptions extends LearnerInput, RunEvents {
  tf: Tfjs;
  backend: string;
}

/** Runs a learner input somewhere (in this thread, or a sandboxed child process) and reports back. */
export type LearnerRunner = (input: LearnerInput, events: RunEvents) => Promise<LearnerRunResult>;

/** One CallOutputs per call, and the last loss the learner reported. */
export interface LearnerOutputs {
  calls: CallOutputs[];
  finalLoss?: number;
}

export type LearnerRunResult = { ok: true; outputs: LearnerOutputs } | { ok: false; error: LearnerError };

/** The returned value, or the property an evaluation picks from it. */
function pickedValue(value: unknown, pick: string | undefined, entry: string): unknown {
  if (pick === undefined) return value;
  if (value === null || typeof value !== 'object') fail('bad-output', `${entry}() returned ${describe(value)}; it must return an object with ${pick}.`);
  if (!(pick in (value as object))) fail('bad-output', `${entry}() returned ${describe(value)}, without "${pick}". It must return an object with ${pick}.`);
  return (value as Record<string, unknown>)[pick];
}

/** Runs the learner's code end to end; never throws (every failure becomes a LearnerError). */
export async function runLearner(o: LearnerRunOptions): Promise<LearnerRunResult> {
  try {
    return await runLearnerUnguarded(o);
  } catch (e) {
    // Every learner value is read defensively below; this is the last line for anything that still escapes.
    return { ok: false, error: safeThrown(e, 'and made the runtime itself fail') };
  }
}

async function runLearnerUnguarded(o: LearnerRunOptions): Promise<LearnerRunResult> {
  const { tf } = o;
  const compiled = transpile(o.source);
  if (!compiled.ok) return compiled;
  const loaded = loadModule(compiled.code, { '@tensorflow/tfjs': tf, course: {} });
  if (!loaded.ok) return loaded;
  const entry = safeGet(loaded.exports, o.entry);
  if (typeof entry !== 'function') {
    let found: string[] = [];
    try {
      found = Object.keys(loaded.exports).filter((k) => k !== '__esModule');
    } catch {
      // exports replaced by a hostile Proxy: say nothing about what it exports.
    }
    return {
      ok: false,
      error: { kind: 'missing-export', message: `Your code must export a function named "${o.entry}" (export function ${o.entry}(…) { … }); ${found.length ? `it exports ${found.join(', ')}` : 'it exports nothing'}.` },
    };
  }

  let finalLoss: number | undefined;
  const results: CallOutputs[] = [];
  // The live loss curve is one series of increasing steps: a later call (e.g. the same code on the inverse problem)
  // starts its steps at 0 again, so they are shifted past the previous calls' last step, and the curve goes on.
  let stepOffset = 0;
  for (const [i, call] of o.calls.entries()) {
    const where = o.calls.length > 1 ? ` for ${call.label ?? `call ${i + 1} of ${o.calls.length}`}` : '';
    const offset = stepOffset;
    const onProgress = o.onProgress && ((p: ProgressEvent) => {
      stepOffset = Math.max(stepOffset, offset + p.step + 1);
      o.onProgress!(offset ? { ...p, step: p.step + offset, ...(p.last !== undefined && { last: p.last + offset }) } : p);
    });
    const { ctx, flush } = makeTrainContext({ tf, seed: o.seed, backend: o.backend, call, onLoss: (loss) => (finalLoss = loss), ...(onProgress && { onProgress }), ...(o.onLog && { onLog: o.onLog }), ...(o.readPlots && { readPlots: o.readPlots }) });
    // Copies of typed arrays, so a learner who normalises data in place cannot change what a later call sees.
    const arg = structuredClone(call.arg);

    let value: unknown;
    const fits = watchFits(tf);
    try {
      value = await (entry as (a: unknown, c: TrainContext) => unknown)(arg, ctx);
      flush();
      if (fits.unawaited() > 0 || stillFitting(value))
        return {
          ok: false,
          error: {
            kind: 'bad-output',
            message: `${o.entry}() returned its model while model.fit was still running${where}: fit returns a Promise, and the training runs only while something awaits it, so the model is graded untrained. Write \`await model.fit(…)\` (in an async function).`,
          },
        };
    } catch (e) {
      if (isA(e, LossNotFinite))
        return {
          ok: false,
          error: { kind: 'nan', message: `The training loss became ${(e as LossNotFinite).loss} at step ${(e as LossNotFinite).step}${where}. This usually means the learning rate is too large (the weights blew up) or a hand-written loss takes log(0). Try a smaller learning rate.` },
        };
      return { ok: false, error: safeThrown(e, `inside ${o.entry}()${where}`) };
    } finally {
      fits.restore();
    }
    const thenable = realmIsThenable();
    if (thenable) {
      disposeReturned(tf, value);
      return thenableError(where, thenable);
    }

    try {
      const out: CallOutputs = {};
      for (const e of call.evals) {
        const picked = e.pick !== undefined;
        const name = { entry: o.entry, where, picked, what: picked ? `${e.pick}${where}` : `${o.entry}()${where}` };
        out[e.key] = await kindOf(e).read(tf, pickedValue(value, e.pick, o.entry), e, name);
      }
      results.push(out);
    } catch (e) {
      if (isA(e, Failure)) return { ok: false, error: (e as Failure).error };
      return { ok: false, error: safeThrown(e, `while the grader evaluated what ${o.entry}() returned${where}`) };
    } finally {
      disposeReturned(tf, value);
    }
  }
  const thenable = realmIsThenable();
  if (thenable) return thenableError('', thenable);
  return { ok: true, outputs: { calls: results, ...(finalLoss !== undefined && { finalLoss }) } };
}
