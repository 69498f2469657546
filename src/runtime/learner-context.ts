/**
 * The `ctx` the learner's entry gets as its second argument (the TrainContext of course.ts), built where the
 * learner's code runs (the browser worker, or the grader's child): its seed, its seeded `rng`, `report` for the
 * live loss and validation curves and live plots (validated with the reader the runner passes: live-frames/, where a page draws them), and `log`. The call's argument stays plain data; everything with behaviour is
 * made here, on this side of the worker or process boundary.
 */
import type { LearnerCall } from '../../graders/problem.ts';
import { makeRng } from '../../graders/rng.ts';
import type { Progress, Random, TrainContext } from './course.ts';
import { kindOf } from './evaluate/kinds.ts';
import { describe } from './learner-failure.ts';
import { toText } from './output-limits.ts';
import type { LivePlot, ProgressEvent } from './progress.ts';
import type { RunEvents, Tfjs } from './run-learner.ts';

/** Thrown into the learner's code by ctx.report for a NaN or infinite loss; the call loop turns it into a 'nan' error. */
export class LossNotFinite extends Error {
  readonly step: number;
  readonly loss: number;
  constructor(step: number, loss: number) {
    super(`loss is ${loss} at step ${step}`);
    this.step = step;
    this.loss = loss;
  }
}

/** Fewest milliseconds between live plot frames: each one is a prediction on a whole grid. */
const LIVE_INTERVAL_MS = 300;

/**
 * ctx.rng: seeded from the learner's seed with graders/rng.ts's generator, so a run repeats in the browser and in
 * the grader. A fresh stream per call, like ctx.seed, which is the same for every call.
 */
export function learnerRng(seed: number): Random {
  const rng = makeRng(seed, 'ctx.rng');
  return Object.freeze({
    uniform: () => rng.uniform(),
    normal: () => rng.normal(),
    categorical(probabilities: ArrayLike<number>): number {
      const n = typeof probabilities === 'object' && probabilities !== null ? probabilities.length : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
        throw new TypeError('ctx.rng.categorical needs a non-empty array of probabilities (for a tensor, pass its values: await t.data()).');
      let total = 0;
      for (let i = 0; i < n; i++) {
        const p = probabilities[i];
        if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) throw new RangeError(`ctx.rng.categorical: probability ${i} is ${String(p)}; each must be a finite number ≥ 0.`);
        total += p;
      }
      if (total <= 0) throw new RangeError('ctx.rng.categorical: the probabilities sum to 0; at least one must be positive.');
      // Normalised by the sum, so float32 softmax rows that sum to 0.9999 need no clean-up first.
      const u = rng.uniform() * total;
      let last = 0;
      let cumulative = 0;
      for (let i = 0; i < n; i++) {
        const p = probabilities[i]!;
        if (p > 0) last = i;
        cumulative += p;
        if (u < cumulative) return i;
      }
      return last; // u landed on the sum's rounding error: the last class that can be drawn
    },
  });
}

export interface ContextOptions extends RunEvents {
  tf: Tfjs;
  seed: number;
  backend: string;
  /** The call this context is for: its evaluations with a live form are drawn when the learner reports a model. */
  call: LearnerCall;
  /** Every finite loss the learner reports, for the run's final loss. */
  onLoss(loss: number): void;
}

/** A call's TrainContext, and what the call loop does with it once the learner's entry has returned. */
export interface CallContext {
  ctx: TrainContext;
  /**
   * Sends the learner's last frames if the throttle held them back, so the page always ends on the last frame
   * the learner reported (e.g. the embedding after the final epoch). Never throws.
   */
  flush(): void;
}

/** Logs each kind of problem once per call: a bad value reported every epoch gives one line, not hundreds. */
function onceLogger(log: ((line: string) => void) | undefined): (key: string, message: string) => void {
  const said = new Set<string>();
  return (key, message) => {
    if (said.has(key) || said.size >= 20) return;
    said.add(key);
    log?.(`ctx.report: ${message}`);
  };
}

/** The planned number of epochs of a report (a whole number ≥ 1), or undefined; anything else is logged once. */
function plannedEpochs(p: Progress, warn: (key: string, message: string) => void): number | undefined {
  const v: unknown = p.epochs;
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1e9) return v;
  warn('epochs', `epochs is ${describe(v)}; it must be a whole number of at least 1 (the epochs the training will take in all). The page leaves it out.`);
  return undefined;
}

/**
 * The finite validation loss of a report, or undefined. A bad one is logged, not thrown: the run's grade never
 * depends on it, and an infinite held-out loss is a fact about the model (a confident mistake under a hand-written
 * log loss), not a reason to stop training. Only the training loss stops a run (LossNotFinite).
 */
function validationLoss(p: Progress, warn: (key: string, message: string) => void): number | undefined {
  const v: unknown = p.valLoss;
  if (v === undefined) return undefined;
  if (typeof v !== 'number') {
    warn('valLoss type', `valLoss is ${describe(v)}; it must be a number (for a tensor, read it first: (await t.data())[0]). The validation curve leaves such points out.`);
    return undefined;
  }
  if (!Number.isFinite(v)) {
    warn(`valLoss ${v}`, `valLoss is ${v} (first at step ${toText(p.step)}); the validation curve leaves such points out, and training goes on. A hand-written loss that takes log(0) on a held-out point does this.`);
    return undefined;
  }
  return v;
}

/**
 * The training points of a call whose argument is a 2-D classification split (x: n × 2 floats, y: n labels), for
 * the live regions plot; undefined for any other argument. The grader's own copy, not the learner's.
 */
function trainingPoints(arg: unknown): { x: Float32Array; y: Int32Array } | undefined {
  const a = arg as { x?: unknown; y?: unknown; features?: unknown } | undefined;
  if (!a || !(a.x instanceof Float32Array) || !(a.y instanceof Int32Array) || a.features !== 2 || a.x.length !== 2 * a.y.length) return undefined;
  return { x: a.x, y: a.y };
}

/** A fresh TrainContext for one call of the learner's entry. */
export function makeTrainContext(o: ContextOptions): CallContext {
  const { tf, call } = o;
  // Live grid frames only when someone listens: each is a prediction on a whole grid, and the in-process runner of
  // scripts and tests passes no onProgress (the grading child never gets a grid: the CLI asks for none).
  const live = o.onProgress ? call.evals.filter((e) => kindOf(e).live) : [];
  const training = trainingPoints(call.arg);
  const warn = onceLogger(o.onLog);
  let lastLive = 0;
  let pendingLive = false;
  let lastFrames = 0;
  let lastPoint: ProgressEvent | undefined;
  // The newest frames the throttle held back (unread: they are validated only if they are ever sent).
  let heldFrames: unknown;

  /** Validated frames, with a log line per frame left out; none where nothing draws them (no reader: RunEvents). */
  const framesOf = (value: unknown): LivePlot[] => {
    if (!o.readPlots) return [];
    const { plots, problems } = o.readPlots(value);
    for (const problem of problems) warn(problem, `${problem}. That frame is not drawn; training goes on.`);
    return plots;
  };
  const send = (event: ProgressEvent, plots: LivePlot[]) => o.onProgress?.(plots.length ? { ...event, plots } : event);

  const ctx: TrainContext = {
    seed: o.seed,
    backend: o.backend,
    rng: learnerRng(o.seed),
    report(p) {
      if (!Number.isFinite(p.loss)) throw new LossNotFinite(p.step, p.loss);
      o.onLoss(p.loss);
      const valLoss = validationLoss(p, warn);
      const epochs = plannedEpochs(p, warn);
      const point: ProgressEvent = { step: p.step, loss: p.loss, ...(valLoss !== undefined && { valLoss }), ...(epochs !== undefined && { last: epochs - 1 }) };
      lastPoint = point;
      const now = Date.now();
      // The learner's own frames: a few a second at most, read only when sent; the newest held back waits for flush.
      let learnerPlots: LivePlot[] = [];
      const reported: unknown = p.plots;
      if (reported !== undefined) {
        if (now - lastFrames > LIVE_INTERVAL_MS) {
          lastFrames = now;
          heldFrames = undefined;
          learnerPlots = framesOf(reported);
        } else heldFrames = reported;
      }
      // Live plots a few times a second at most, one batch at a time: each frame is a prediction on a grid.
      if (live.length && p.model !== undefined && !pendingLive && now - lastLive > LIVE_INTERVAL_MS) {
        lastLive = now;
        pendingLive = true;
        const frames: Promise<LivePlot>[] = [];
        try {
          for (const e of live) frames.push(kindOf(e).live!(tf, p.model, e).then((f) => (f.kind === 'regions' && training ? { ...f, ...training } : f)));
          void Promise.all(frames)
            .then((plots) => send(point, [...learnerPlots, ...plots]))
            .catch(() => undefined)
            .finally(() => (pendingLive = false));
          return;
        } catch {
          for (const f of frames) f.catch(() => undefined);
          pendingLive = false; // not a model: the curve still gets its point
        }
      }
      send(point, learnerPlots);
    },
    // Never throws into the learner's code for a value String() cannot print.
    log: (line) => o.onLog?.(toText(line)),
  };
  return {
    ctx,
    flush() {
      if (heldFrames === undefined || !lastPoint) return;
      const plots = framesOf(heldFrames);
      heldFrames = undefined;
      // The newest point again, with the frames: the page keeps one point per step, so the curve is unchanged.
      if (plots.length) send(lastPoint, plots);
    },
  };
}
