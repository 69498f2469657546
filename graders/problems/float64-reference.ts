/**
 * The shared factory for "compute these numbers": the entry returns numbers (a matrix, a list of gradient norms,
 * a log-density…), the grader computes the same numbers in float64 on hidden inputs (graders/dense.ts and
 * friends) and scores the worst relative error over every call. Generators that compare with a reference
 * (equivalent layer, gradient norms; next GMM log-density, MDN loss, PCA) differ only in what they pose and how
 * one call's error is measured; the worst-of-all-calls metric, its NaN rule and its per-call detail lines live here.
 */
import type { z } from 'zod';
import type { GradingSeed } from '../rng.ts';
import type { CallOutputs, GeneratorDoc, Problem, ProblemDef, ProblemOptions, TaskName } from '../problem.ts';

/** One call's comparison: its relative error (NaN if the learner's numbers were NaN) and the line that explains it. */
export interface Comparison {
  error: number;
  line: string;
}

/** What a reference-comparison generator says; the factory adds the metric and the scoring. */
export interface Float64ReferenceSpec<P, H, R> {
  task: TaskName;
  doc: GeneratorDoc;
  params: z.ZodType<P>;
  /** The calls and the hidden float64 answers (never sent to the learner's code). */
  make(params: P, seed: GradingSeed, options: ProblemOptions): Problem<H>;
  /** The reference for each call, in call order. */
  references(params: P, hidden: H): R[];
  /** Compares one call's outputs with its reference. */
  compare(params: P, reference: R, outputs: CallOutputs): Comparison;
}

/** The one metric these generators compute: the worst relative error over every call. */
export const maxRelativeError = 'maxRelativeError';

/** A generator from a reference-comparison spec: metric `maxRelativeError`, a detail line per call. */
export function float64Reference<P, H, R>(spec: Float64ReferenceSpec<P, H, R>): ProblemDef<P, H> {
  return {
    task: spec.task,
    doc: spec.doc,
    params: spec.params,
    metrics: () => [maxRelativeError],
    make: spec.make,
    score(p, hidden, outputs) {
      let worst = 0;
      const lines: string[] = [];
      spec.references(p, hidden).forEach((ref, i) => {
        const { error, line } = spec.compare(p, ref, outputs[i]!);
        worst = Math.max(worst, error); // NaN stays NaN: Math.max propagates it
        lines.push(line);
      });
      return { metrics: { [maxRelativeError]: worst }, details: { [maxRelativeError]: lines } };
    },
  };
}

/**
 * The largest element-wise relative error |mine − ref| / |ref| and where it is (a NaN element makes
 * the error NaN, reported at the last NaN). For references whose elements differ in scale (gradient norms across layers),
 * where a tolerance relative to the largest element would excuse the small ones.
 */
export function worstElementRelativeError(mine: ArrayLike<number>, reference: ArrayLike<number>): { error: number; at: number } {
  let error = 0;
  let at = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const e = Math.abs(mine[i]! - r) / Math.max(Math.abs(r), 1e-30);
    if (Number.isNaN(e) || e > error) [error, at] = [e, i];
  }
  return { error, at };
}
