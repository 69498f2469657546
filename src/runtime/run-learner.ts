/**
 * Steps 1–5 of a run (DESIGN.md): transpile the learner's TypeScript, load it, call its entry once per
 * LearnerCall of the problem, evaluate what each call returned (predict on inputs it never saw, read arrays…) and
 * hand back plain numbers. No hidden labels or reference answers come in here, so the same function runs inside
 * the instructor's sandboxed child process.
 */
import type * as TF from '@tensorflow/tfjs';
import { gridCellCentres, type CallOutputs, type Evaluation, type GridBox, type LearnerCall } from '../../graders/problem.ts';
import type { LearnerError } from '../../graders/report.ts';
import type { TrainContext } from './course.ts';
import { transpile } from './transpile.ts';
import { loadModule, thrownError } from './load-module.ts';
import { toText } from './output-limits.ts';

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

/** A point of the live loss curve, and the current decision regions when the learner passes its model. */
export interface ProgressEvent {
  step: number;
  loss: number;
  /** Argmax class per cell of the call's grid (row 0 is y0), at most a few times a second. */
  grid?: Uint8Array;
  /** The box and resolution `grid` covers. */
  box?: GridBox;
}

export interface RunEvents {
  onProgress?: (p: ProgressEvent) => void;
  onLog?: (line: string) => void;
}

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

/** Not an Error subclass on purpose: learner code cannot catch it by `instanceof Error` checks and carry on. */
class Failure {
  readonly error: LearnerError;
  constructor(error: LearnerError) {
    this.error = error;
  }
}
const fail = (kind: LearnerError['kind'], message: string): never => {
  throw new Failure({ kind, message });
};

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
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value !== 'object') return `a ${typeof value} (${String(value).slice(0, 40)})`;
  const keys = Object.keys(value).slice(0, 5);
  return `an object${keys.length ? ` with keys ${keys.join(', ')}` : ''}`;
}

/** The returned value, or the property an evaluation picks from it. */
function picked(value: unknown, e: Evaluation, entry: string): unknown {
  if (e.pick === undefined) return value;
  if (value === null || typeof value !== 'object') fail('bad-output', `${entry}() returned ${describe(value)}; it must return an object with ${e.pick}.`);
  if (!(e.pick in (value as object))) fail('bad-output', `${entry}() returned ${describe(value)}, without "${e.pick}". It must return an object with ${e.pick}.`);
  return (value as Record<string, unknown>)[e.pick];
}

/**
 * A model (anything with .predict) or a plain function of a tensor, as one callable. `what` names the value:
 * "train()" for a whole return value (→ "train() returned …"), or "NOT" for a picked one (→ "NOT is …").
 */
function asPredictor(value: unknown, what: string, picked: boolean): (x: TF.Tensor2D) => unknown {
  if (typeof value === 'function') return value as (x: TF.Tensor2D) => unknown;
  const m = value as { predict?: unknown } | null | undefined;
  if (m && typeof m.predict === 'function') return (x) => (m.predict as (x: TF.Tensor2D) => unknown).call(m, x);
  return picked
    ? fail('bad-output', `${what} is ${describe(value)}; it must be a model (with a predict method) or a function from a tensor to a tensor.`)
    : fail('bad-output', `${what} returned ${describe(value)}; it must return the trained model (an object with a predict method, e.g. a tf.Sequential) or a function from a tensor to a tensor. Did you forget "return model;"?`);
}

/** Reads n×outputs finite numbers from a prediction, accepting shape [n] for one output; or says what is wrong. */
async function readPrediction(tf: Tfjs, out: unknown, e: Extract<Evaluation, { kind: 'predict' }>, what: string): Promise<Float32Array> {
  const n = e.x.length / e.features;
  const want = `[${n}, ${e.outputs}]`;
  if (!(out instanceof tf.Tensor)) return fail('bad-output', `${what} returned ${Array.isArray(out) ? 'an array of tensors' : describe(out)}; it must return one tensor of shape ${want}.`);
  const shapeOk = out.shape[0] === n && ((out.shape.length === 2 && out.shape[1] === e.outputs) || (out.shape.length === 1 && e.outputs === 1));
  if (!shapeOk)
    return fail('bad-output', `${what} returned a tensor of shape [${out.shape.join(', ')}] for ${n} input rows; expected ${want}${e.outputs > 1 ? ` (one value per class: check the last layer has units: ${e.outputs})` : ' (one value per row)'}.`);
  const values = Float32Array.from(await out.data());
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail('nan', `${what} output ${values[bad]} for input row ${Math.floor(bad / e.outputs)}: the weights have probably diverged (try a smaller learning rate), or something divides by zero.`);
  if (e.probabilities) checkProbabilities(values, n, e.outputs);
  return values;
}

function checkProbabilities(probs: Float32Array, n: number, classes: number): void {
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
      fail('bad-output', `The model's outputs are not probabilities: row ${i} is [${row}] (sums to ${sum.toFixed(2)}). These look like logits; add activation: 'softmax' to the last layer.`);
    }
  }
}

/** Shape of a (nested) number array, or null if it is ragged or holds non-numbers. */
function nestedShape(v: unknown): number[] | null {
  if (typeof v === 'number') return [];
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return [(v as unknown as ArrayLike<number>).length];
  if (!Array.isArray(v)) return null;
  const inner = v.length ? nestedShape(v[0]) : [];
  if (!inner) return null;
  for (const item of v) {
    const s = nestedShape(item);
    if (!s || s.join() !== inner.join()) return null;
  }
  return [v.length, ...inner];
}

function flatten(v: unknown): number[] {
  return typeof v === 'number' ? [v] : Array.from(v as ArrayLike<unknown>).flatMap(flatten);
}

/** Reads a tensor, typed array or nested number array of exactly `e.shape`. */
async function readArray(tf: Tfjs, value: unknown, e: Extract<Evaluation, { kind: 'array' }>, what: string): Promise<Float32Array> {
  const want = `[${e.shape.join(', ')}]`;
  let shape: number[];
  let values: Float32Array;
  if (value instanceof tf.Tensor) {
    shape = value.shape;
    values = Float32Array.from(await value.data());
  } else {
    const nested = nestedShape(value);
    if (!nested) return fail('bad-output', `${what} is ${describe(value)}; it must be a tensor or an array of numbers of shape ${want}.`);
    shape = nested;
    values = Float32Array.from(flatten(value));
  }
  if (shape.join() !== e.shape.join()) {
    const swapped = shape.length === 2 && e.shape.length === 2 && shape[0] === e.shape[1] && shape[1] === e.shape[0];
    fail('bad-output', `${what} has shape [${shape.join(', ')}]; expected ${want}.${swapped ? ' It is transposed: check the order of the matrix product (x·W puts inputs on the rows of W).' : ''}`);
  }
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail('nan', `${what} contains ${values[bad]} at index ${bad}.`);
  return values;
}

/** Argmax class of each cell of a size×size grid over the box (row 0 is y0), for the decision-region plot. */
async function predictGrid(tf: Tfjs, predict: (x: TF.Tensor2D) => unknown, g: GridBox): Promise<Uint8Array> {
  const xs = Float32Array.from(gridCellCentres(g));
  const cells = tf.tidy(() => tf.argMax(predict(tf.tensor2d(xs, [g.size * g.size, 2])) as TF.Tensor, -1));
  const out = Uint8Array.from(await cells.data());
  cells.dispose();
  return out;
}

/** `value[key]` without trusting `value`: a throwing getter, a Proxy trap or a revoked Proxy gives undefined. */
function safeGet(value: unknown, key: string): unknown {
  try {
    return value !== null && (typeof value === 'object' || typeof value === 'function') ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** `value instanceof C` without trusting `value` (a Proxy's getPrototypeOf trap may throw). */
function isA(value: unknown, C: abstract new (...a: never[]) => unknown): boolean {
  try {
    return value instanceof C;
  } catch {
    return false;
  }
}

/**
 * Disposes what a call returned (models, their optimizers, tensors in a returned object). Never throws, whatever
 * the value: getters that throw (a model whose `optimizer` getter throws got its honest grade only once this was
 * true), Proxies, revoked Proxies, a `dispose` that throws. Nothing the grade depends on happens here.
 */
export function disposeReturned(tf: Tfjs, value: unknown): void {
  const targets: unknown[] = [value, safeGet(value, 'optimizer')];
  try {
    if (value && typeof value === 'object' && !isA(value, tf.Tensor) && typeof safeGet(value, 'predict') !== 'function')
      for (const k of Object.keys(value).slice(0, 1000)) {
        // One getter at a time: a throwing one must not stop the clean-up of the others.
        const v = safeGet(value, k);
        targets.push(v, safeGet(v, 'optimizer'));
      }
  } catch {
    // A Proxy whose ownKeys trap throws, or a revoked one: dispose what we already have.
  }
  for (const t of targets) {
    // LayersModel.dispose() keeps an optimizer passed in as an instance (tf.train.sgd(…)), hence the second target.
    const dispose = safeGet(t, 'dispose');
    if (typeof dispose !== 'function') continue;
    try {
      (dispose as () => void).call(t);
    } catch {
      // Already disposed, or a hand-rolled object: nothing the grade depends on.
    }
  }
}

/**
 * Whether the learner's code made every object a "thenable" (a `then` on Object.prototype or a built-in
 * prototype), and if so removes it. Each `await` in this runtime would hand control, and the value, to that
 * `then`: the runtime's own results could not be trusted, so the run stops with that reason. (`in` does not call
 * a getter.)
 */
export function realmIsThenable(): string | undefined {
  const probes: [string, unknown][] = [
    ['Object.prototype', {}],
    ['Array.prototype', []],
    ['Function.prototype', () => undefined],
    ['Float32Array.prototype', new Float32Array(0)],
  ];
  let found: string | undefined;
  for (const [name, probe] of probes) {
    try {
      if (!('then' in (probe as object))) continue;
      found ??= name;
      // Removed where it can be, so the runtime's own awaits after this point (and the promise of its result)
      // are not handed to it. A non-configurable one stays: the grader validates what comes back in any case.
      for (let o: object | null = probe as object; o; o = Object.getPrototypeOf(o)) if (Object.hasOwn(o, 'then')) Reflect.deleteProperty(o, 'then');
    } catch {
      found ??= name;
    }
  }
  return found;
}

const thenableError = (where: string, proto: string): LearnerRunResult => ({
  ok: false,
  error: {
    kind: 'bad-output',
    message: `Your code defined a "then" property on ${proto}${where}, which turns every object into a promise-like value; the grader cannot read results through it. Remove it.`,
  },
});

/** thrownError for a value the learner threw, which may itself throw when read (a message getter, a Proxy). */
function safeThrown(e: unknown, during: string): LearnerError {
  try {
    return thrownError(e, during);
  } catch {
    return { kind: 'thrown', message: `Your code threw a value that cannot even be read (a throwing getter or toString, or a revoked Proxy) ${during}.` };
  }
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
  for (const [i, call] of o.calls.entries()) {
    const where = o.calls.length > 1 ? ` for ${call.label ?? `call ${i + 1} of ${o.calls.length}`}` : '';
    const gridEval = call.evals.find((e) => e.kind === 'grid');
    let lastGrid = 0;
    let pendingGrid = false;
    const ctx: TrainContext = {
      seed: o.seed,
      backend: o.backend,
      report(p) {
        if (!Number.isFinite(p.loss)) throw new LossNotFinite(p.step, p.loss);
        finalLoss = p.loss;
        const now = Date.now();
        // Redraw the regions a few times a second at most: each redraw is a prediction on the whole grid.
        if (gridEval && p.model !== undefined && !pendingGrid && now - lastGrid > 300) {
          lastGrid = now;
          pendingGrid = true;
          try {
            const predict = asPredictor(p.model, 'The model passed to ctx.report', true);
            void predictGrid(tf, predict, gridEval.box)
              .then((grid) => o.onProgress?.({ step: p.step, loss: p.loss, grid, box: gridEval.box }))
              .catch(() => undefined)
              .finally(() => (pendingGrid = false));
            return;
          } catch {
            pendingGrid = false; // not a model: the curve still gets its point
          }
        }
        o.onProgress?.({ step: p.step, loss: p.loss });
      },
      // Never throws into the learner's code for a value String() cannot print.
      log: (line) => o.onLog?.(toText(line)),
    };
    // Copies of typed arrays, so a learner who normalises data in place cannot change what a later call sees.
    const arg = structuredClone(call.arg);

    let value: unknown;
    try {
      value = await (entry as (a: unknown, c: TrainContext) => unknown)(arg, ctx);
    } catch (e) {
      if (isA(e, LossNotFinite))
        return {
          ok: false,
          error: { kind: 'nan', message: `The training loss became ${(e as LossNotFinite).loss} at step ${(e as LossNotFinite).step}${where}. This usually means the learning rate is too large (the weights blew up) or a hand-written loss takes log(0). Try a smaller learning rate.` },
        };
      return { ok: false, error: safeThrown(e, `inside ${o.entry}()${where}`) };
    }
    const thenable = realmIsThenable();
    if (thenable) {
      disposeReturned(tf, value);
      return thenableError(where, thenable);
    }

    try {
      const out: CallOutputs = {};
      for (const e of call.evals) {
        const v = picked(value, e, o.entry);
        const what = e.pick !== undefined ? `${e.pick}${where}` : `${o.entry}()${where}`;
        const isPicked = e.pick !== undefined;
        if (e.kind === 'array') out[e.key] = await readArray(tf, v, e, isPicked ? what : `The value ${o.entry}() returned${where}`);
        else if (e.kind === 'grid') out[e.key] = Float32Array.from(await predictGrid(tf, asPredictor(v, what, isPicked), e.box));
        else {
          const predict = asPredictor(v, what, isPicked);
          const n = e.x.length / e.features;
          let raw: unknown;
          try {
            raw = tf.tidy(() => predict(tf.tensor2d(e.x, [n, e.features])) as TF.Tensor);
          } catch (err) {
            return { ok: false, error: safeThrown(err, `when the grader called ${e.label ?? 'your model'}${where}`) };
          }
          try {
            out[e.key] = await readPrediction(tf, raw, e, `${e.label ?? 'Your model'}${where}`);
          } finally {
            if (isA(raw, tf.Tensor)) disposeReturned(tf, raw);
          }
        }
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
