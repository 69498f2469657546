/**
 * The contract of one evaluation kind: how the runtime reads its numbers off what the learner's entry returned,
 * and how a parent that did not run the code (the grader, reading a sandboxed child's result) checks them. Both
 * halves are required, so a new kind cannot skip the parent's validation (child-messages.ts).
 */
import type { Evaluation } from '../../../graders/problem.ts';
import type { LivePlot } from '../progress.ts';
import type { Tfjs } from '../run-learner.ts';

/** How messages name the value being evaluated. */
export interface Naming {
  /** The entry function, e.g. "train". */
  entry: string;
  /** " for <call label>" when the problem has several calls, else "". */
  where: string;
  /** Whether the value is a picked property of the return value rather than the return value itself. */
  picked: boolean;
  /** The value as messages name it: "NOT for call 2 of 3", or "train()". */
  what: string;
}

export interface EvaluationKind<E extends Evaluation> {
  /**
   * Reads the numbers off `value` (the return value, or its picked property) in the learner's realm. Throws a
   * Failure (learner-failure.ts) with a message that teaches when the value is not what the problem asks.
   */
  read(tf: Tfjs, value: unknown, e: E, name: Naming): Promise<Float32Array>;
  /** How many numbers `read` returns: the parent rejects a child's output of any other length. */
  length(e: E): number;
  /**
   * What `read` guarantees beyond the length (a probability row sums to 1, a cell holds a class index), checked
   * again by the parent on values it did not compute; undefined when the values keep it, else what is wrong.
   */
  check(e: E, values: ArrayLike<number>): string | undefined;
  /**
   * Whether `read` may return ±Infinity or NaN for this evaluation (values the generator grades). Absent or false:
   * the parent refuses a child's non-finite value before `check` sees it (child-messages.ts).
   */
  allowsNonFinite?(e: E): boolean;
  /**
   * A live frame from the model the learner passes to ctx.report, for kinds the page draws during training.
   * Throws synchronously when the value cannot be drawn (not a model): the loss point is then sent alone.
   */
  live?(tf: Tfjs, model: unknown, e: E): Promise<LivePlot>;
}
