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
   * The model being trained (optional). On exercises with a 2-D input, the page then redraws the model's decision
   * regions live, a few times a second.
   */
  model?: unknown;
}

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
  /** Adds a point to the live loss curve. Call it once per epoch. */
  report(progress: Progress): void;
  /** Prints a line under the run panel (and in the grader's logs). */
  log(message: string): void;
}
