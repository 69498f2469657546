/**
 * Steps 1–5 of a run (DESIGN.md): transpile the learner's TypeScript, load it, call its entry with the training
 * split, then run the returned model on inputs it never saw and hand back plain numbers. No hidden labels come in
 * here, so the same function can later run inside the instructor's sandboxed child process.
 */
import type * as TF from '@tensorflow/tfjs';
import type { LearnerError } from '../../graders/report.ts';
import type { Split } from '../../graders/datasets/types.ts';
import type { Progress, TrainContext } from './course.ts';
import { transpile } from './transpile.ts';
import { loadModule, thrownError } from './load-module.ts';

export type Tfjs = typeof TF;

/** Everything a learner run needs that is data: plain values, so it can cross a worker or process boundary. */
export interface LearnerInput {
  source: string;
  /** Named export to call. */
  entry: string;
  /** The seed the learner's code sees as ctx.seed (derived from, not equal to, the data seed). */
  seed: number;
  train: Split;
  /** Inputs to predict on after training (the hidden test inputs, without labels). */
  evalX: Float32Array;
  /** Also predict a grid over this box for a decision-region plot. */
  grid?: { x0: number; x1: number; y0: number; y1: number; size: number };
}

export interface LearnerRunOptions extends LearnerInput {
  tf: Tfjs;
  backend: string;
  onProgress?: (p: Progress) => void;
  onLog?: (line: string) => void;
}

/** Runs a learner input somewhere (in this thread, or a sandboxed child process) and reports back. */
export type LearnerRunner = (input: LearnerInput, events: { onProgress?: (p: Progress) => void; onLog?: (line: string) => void }) => Promise<LearnerRunResult>;

/** Class probabilities for `evalX` (row-major n×classes) and, if asked, the argmax class of each grid cell. */
export interface LearnerOutputs {
  probs: Float32Array;
  classes: number;
  gridClasses?: Uint8Array;
  finalLoss?: number;
}

export type LearnerRunResult = { ok: true; outputs: LearnerOutputs } | { ok: false; error: LearnerError };

class LossNotFinite extends Error {
  readonly step: number;
  readonly loss: number;
  constructor(step: number, loss: number) {
    super(`loss is ${loss} at step ${step}`);
    this.step = step;
    this.loss = loss;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return `a ${typeof value}`;
  const keys = Object.keys(value).slice(0, 5);
  return `an object${keys.length ? ` with keys ${keys.join(', ')}` : ''}`;
}

/** Checks the prediction tensor is n×classes probabilities and returns its values, or says what is wrong. */
async function readProbabilities(tf: Tfjs, out: unknown, n: number, classes: number): Promise<{ ok: true; probs: Float32Array } | { ok: false; error: LearnerError }> {
  const bad = (message: string): { ok: false; error: LearnerError } => ({ ok: false, error: { kind: 'bad-output', message } });
  if (!(out instanceof tf.Tensor)) return bad(`model.predict returned ${Array.isArray(out) ? 'an array of tensors' : describe(out)}; it must return one tensor of shape [${n}, ${classes}].`);
  if (out.shape.length !== 2 || out.shape[0] !== n || out.shape[1] !== classes)
    return bad(`model.predict returned a tensor of shape [${out.shape.join(', ')}] for ${n} inputs; expected [${n}, ${classes}] (one probability per class). Check the last layer has units: ${classes}.`);
  const probs = Float32Array.from(await out.data());
  const firstNaN = probs.findIndex((v) => !Number.isFinite(v));
  if (firstNaN >= 0)
    return { ok: false, error: { kind: 'nan', message: `The model's output is ${probs[firstNaN]} for input row ${Math.floor(firstNaN / classes)}: the weights have probably diverged. Try a smaller learning rate.` } };
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let negative = false;
    for (let j = 0; j < classes; j++) {
      const p = probs[i * classes + j]!;
      sum += p;
      negative ||= p < 0;
    }
    if (negative || Math.abs(sum - 1) > 1e-2) {
      const row = Array.from(probs.subarray(i * classes, (i + 1) * classes), (v) => v.toFixed(2)).join(', ');
      return bad(`The model's outputs are not probabilities: row ${i} is [${row}] (sums to ${sum.toFixed(2)}). These look like logits; add activation: 'softmax' to the last layer.`);
    }
  }
  return { ok: true, probs };
}

/** Argmax class of each cell of a size×size grid over the box (row 0 is y0), for the decision-region plot. */
function predictGrid(tf: Tfjs, predict: (x: TF.Tensor2D) => TF.Tensor, g: NonNullable<LearnerRunOptions['grid']>): Uint8Array {
  const cells = tf.tidy(() => {
    const xs: number[] = [];
    for (let r = 0; r < g.size; r++)
      for (let c = 0; c < g.size; c++) xs.push(g.x0 + ((c + 0.5) / g.size) * (g.x1 - g.x0), g.y0 + ((r + 0.5) / g.size) * (g.y1 - g.y0));
    return tf.argMax(predict(tf.tensor2d(xs, [g.size * g.size, 2])), 1);
  });
  const out = Uint8Array.from(cells.dataSync());
  cells.dispose();
  return out;
}

/** Runs the learner's code end to end; never throws (every failure becomes a LearnerError). */
export async function runLearner(o: LearnerRunOptions): Promise<LearnerRunResult> {
  const { tf } = o;
  const compiled = transpile(o.source);
  if (!compiled.ok) return compiled;
  const loaded = loadModule(compiled.code, { '@tensorflow/tfjs': tf, course: {} });
  if (!loaded.ok) return loaded;
  const entry = loaded.exports[o.entry];
  if (typeof entry !== 'function') {
    const found = Object.keys(loaded.exports).filter((k) => k !== '__esModule');
    return {
      ok: false,
      error: {
        kind: 'missing-export',
        message: `Your code must export a function named "${o.entry}" (export async function ${o.entry}(data, ctx) { … }); ${found.length ? `it exports ${found.join(', ')}` : 'it exports nothing'}.`,
      },
    };
  }

  let finalLoss: number | undefined;
  const ctx: TrainContext = {
    seed: o.seed,
    backend: o.backend,
    report(p) {
      if (!Number.isFinite(p.loss)) throw new LossNotFinite(p.step, p.loss);
      finalLoss = p.loss;
      o.onProgress?.({ step: p.step, loss: p.loss });
    },
    log: (line) => o.onLog?.(String(line)),
  };
  // Copies, so a learner who normalises the arrays in place cannot change what a second run sees.
  const train: Split = { ...o.train, x: o.train.x.slice(), y: o.train.y.slice() };

  let model: unknown;
  try {
    model = await (entry as (d: Split, c: TrainContext) => unknown)(train, ctx);
  } catch (e) {
    if (e instanceof LossNotFinite)
      return {
        ok: false,
        error: { kind: 'nan', message: `The training loss became ${e.loss} at step ${e.step}. This usually means the learning rate is too large (the weights blew up) or a hand-written loss takes log(0). Try a smaller learning rate.` },
      };
    return { ok: false, error: thrownError(e, `inside ${o.entry}()`) };
  }

  const m = model as { predict?: unknown; dispose?: unknown } | null | undefined;
  if (!m || typeof m.predict !== 'function')
    return {
      ok: false,
      error: { kind: 'bad-output', message: `${o.entry}() returned ${describe(model)}; it must return the trained model (an object with a predict method, e.g. a tf.Sequential). Did you forget "return model;"?` },
    };
  const predict = (x: TF.Tensor2D) => (m.predict as (x: TF.Tensor2D) => TF.Tensor)(x);

  const n = o.evalX.length / o.train.features;
  try {
    const out = tf.tidy(() => predict(tf.tensor2d(o.evalX, [n, o.train.features])));
    const read = await readProbabilities(tf, out, n, o.train.classes);
    tf.dispose(out as TF.Tensor);
    if (!read.ok) return read;
    const gridClasses = o.grid && o.train.features === 2 ? predictGrid(tf, predict, o.grid) : undefined;
    return { ok: true, outputs: { probs: read.probs, classes: o.train.classes, ...(gridClasses && { gridClasses }), ...(finalLoss !== undefined && { finalLoss }) } };
  } catch (e) {
    return { ok: false, error: thrownError(e, 'while the grader called model.predict') };
  } finally {
    // The runtime owns the returned model now. LayersModel.dispose() keeps an optimizer that was passed in as an
    // instance (tf.train.sgd(…)), so dispose that too, or every run would leak its variables.
    for (const target of [m, (m as { optimizer?: unknown }).optimizer]) {
      const dispose = (target as { dispose?: unknown } | undefined)?.dispose;
      if (typeof dispose !== 'function') continue;
      try {
        (dispose as () => void).call(target);
      } catch {
        // Already disposed, or a hand-rolled object: nothing the grade depends on.
      }
    }
  }
}
