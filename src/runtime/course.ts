/**
 * The `course` module that learner code imports types from:
 *   import type { Split, TrainContext } from 'course';
 * Its text is also fed to the editor (see course-declarations.ts), so keep it to declarations without imports
 * besides the Split re-export.
 */
export type { Split, RegressionSplit, DenseLayer, DeepNet } from '../../graders/datasets/types.ts';

/** One point on the live loss curve. */
export interface Progress {
  /** Epoch or batch number, increasing. */
  step: number;
  /** Training loss at that step. A NaN or infinite loss stops the run with an explanation. */
  loss: number;
  /**
   * Validation loss at that step (optional): the page draws it as a second, dashed curve beside the training
   * loss. Compute it on data you held out of training. A NaN or infinite value is left out of the curve with a
   * line in the log; it does not stop the run (the training loss does that).
   */
  valLoss?: number;
  /**
   * How many epochs (steps) the training will take in all (optional): the page then shows "epoch 380 / 1000" beside
   * the loss curve. A whole number of at least 1; anything else is left out, with a line in the log.
   */
  epochs?: number;
  /**
   * The model being trained (optional). On exercises with a 2-D input, the page then redraws the model's decision
   * regions live, a few times a second.
   */
  model?: unknown;
  /**
   * Live plots your code computes (optional), drawn beside the loss curve: plain numbers, not tensors (read a
   * tensor with `await t.array()`). At most one frame per kind in a report. The page draws a few frames a second
   * and always the last one you report; reading a tensor costs time, so report one every few epochs, not every
   * batch. A frame that breaks its kind's limits is not drawn, and the log says which field is wrong.
   */
  plots?: LiveFrame[];
}

/**
 * 2-D points, e.g. an embedding of the data (at most 2000 points). Optional class labels colour them: integers
 * 0–11, one per point (for a tensor of labels, `Array.from(await t.data())`).
 *   ctx.report({ step, loss, plots: [{ kind: 'scatter', points: await codes.array(), labels }] });
 */
export interface ScatterFrame {
  kind: 'scatter';
  /** One [x, y] pair of finite numbers per point (`await t.array()` of a [n, 2] tensor). */
  points: number[][];
  /** One class index per point, 0–11 (optional). */
  labels?: ArrayLike<number>;
}

/**
 * Strips of small grey images, e.g. a few training digits over your autoencoder's reconstructions of them (at most
 * 4 strips of 32 images of at most 28×28 pixels). Each strip's `images` is count·rows·cols grey values in [0, 1],
 * image after image (`await t.data()` of a [count, rows·cols] tensor); values outside [0, 1] are drawn clipped.
 *   ctx.report({ step, loss, plots: [{ kind: 'images', rows: 8, cols: 8, strips: [{ label: 'digits', images: original }, { label: 'reconstructions', images: await recon.data() }] }] });
 */
export interface ImagesFrame {
  kind: 'images';
  /** Each image's height and width in pixels, 1–28. */
  rows: number;
  cols: number;
  /** One strip per row of the grid, each with a short label (≤ 40 characters). */
  strips: { label: string; images: ArrayLike<number> }[];
}

/** A live plot your code can report (ctx.report's `plots`). */
export type LiveFrame = ScatterFrame | ImagesFrame;

/**
 * Seeded random numbers (ctx.rng): the same run draws the same numbers, in the browser and in the grader. Use it
 * where your code samples (instead of Math.random, which no seed controls).
 */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /**
   * An index i drawn with probability probabilities[i] / sum (e.g. a softmax row: `ctx.rng.categorical(await p.data())`).
   * Each value must be a finite number ≥ 0, and at least one positive.
   */
  categorical(probabilities: ArrayLike<number>): number;
}

/** What the runtime passes as the second argument of your `train` function. */
export interface TrainContext {
  /** Seed for this run: pass it to initializers (e.g. `tf.initializers.glorotUniform({ seed: ctx.seed })`) so runs repeat. */
  readonly seed: number;
  /** Name of the tfjs backend training runs on ("webgpu", "webgl", "wasm" or "cpu"). */
  readonly backend: string;
  /** Random numbers seeded from `seed`: `ctx.rng.uniform()`, `ctx.rng.normal()`, `ctx.rng.categorical(probs)`. */
  readonly rng: Random;
  /**
   * Adds a point to the live loss curve (and to the validation curve when you pass `valLoss`). Call it once per
   * epoch. `plots` adds live frames of your own (see Progress).
   */
  report(progress: Progress): void;
  /**
   * Prints a line under the run panel (and in the grader's logs). `console.log`, `info`, `warn` and `error` print there
   * too, arrays and plain objects written out; both share one bound (300 lines, 64 KB per run).
   */
  log(message: string): void;
}

// Mixtures: the exercises' input and output types, declared once in graders/ (the generators use them too) and
// embedded in the editor's `course` module by course-declarations.ts.
export type { MixtureSamplingInput, MixtureSample, GmmDensityInput, GmmFitInput, GmmEmInput, GmmEmResult } from '../../graders/mixtures/learner-types.ts';
export type { MdnNllInput } from '../../graders/mdn/learner-types.ts';
export type { MdnSamplingInput } from '../../graders/mdn/learner-types.ts';
export type { TrainingLoopInput, TrainedWeights } from '../../graders/start-here/learner-types.ts';
export type { Images, PcaInput, PcaResult, KernelPcaInput, TsneMap, KMeansInput, KMeansResult, DenseAutoencoderInput, ConvAutoencoderInput, ClusterDigitsInput } from '../../graders/autoencoders/learner-types.ts';
