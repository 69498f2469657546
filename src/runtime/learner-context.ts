/**
 * The `ctx` the learner's entry gets as its second argument (the TrainContext of course.ts), built where the
 * learner's code runs (the browser worker, or the grader's child): its seed, its seeded `rng`, `report` for the
 * live loss curve and live plots, and `log`. The call's argument stays plain data; everything with behaviour is
 * made here, on this side of the worker or process boundary.
 */
import type { LearnerCall } from '../../graders/problem.ts';
import { makeRng } from '../../graders/rng.ts';
import type { Random, TrainContext } from './course.ts';
import { kindOf } from './evaluate/kinds.ts';
import { toText } from './output-limits.ts';
import type { LivePlot } from './progress.ts';
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

/** A fresh TrainContext for one call of the learner's entry. */
export function makeTrainContext(o: ContextOptions): TrainContext {
  const { tf, call } = o;
  // Live frames only when someone listens: each is a prediction on a whole grid, and the in-process runner of
  // scripts and tests passes no onProgress (the grading child never gets a grid: the CLI asks for none).
  const live = o.onProgress ? call.evals.filter((e) => kindOf(e).live) : [];
  let lastLive = 0;
  let pendingLive = false;
  return {
    seed: o.seed,
    backend: o.backend,
    rng: learnerRng(o.seed),
    report(p) {
      if (!Number.isFinite(p.loss)) throw new LossNotFinite(p.step, p.loss);
      o.onLoss(p.loss);
      const now = Date.now();
      // Live plots a few times a second at most, one batch at a time: each frame is a prediction on a grid.
      if (live.length && p.model !== undefined && !pendingLive && now - lastLive > LIVE_INTERVAL_MS) {
        lastLive = now;
        pendingLive = true;
        const frames: Promise<LivePlot>[] = [];
        try {
          for (const e of live) frames.push(kindOf(e).live!(tf, p.model, e));
          void Promise.all(frames)
            .then((plots) => o.onProgress?.({ step: p.step, loss: p.loss, plots }))
            .catch(() => undefined)
            .finally(() => (pendingLive = false));
          return;
        } catch {
          for (const f of frames) f.catch(() => undefined);
          pendingLive = false; // not a model: the curve still gets its point
        }
      }
      o.onProgress?.({ step: p.step, loss: p.loss });
    },
    // Never throws into the learner's code for a value String() cannot print.
    log: (line) => o.onLog?.(toText(line)),
  };
}
