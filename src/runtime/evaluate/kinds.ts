/**
 * The table of evaluation kinds: one entry per `Evaluation['kind']` of graders/problem.ts, each with its reader,
 * its expected length and its re-check (kind.ts). The call loop (run-learner.ts), the live plots (learner-context.ts)
 * and the parent's validation of a child's result (child-messages.ts) all go through this table, so the next
 * kinds (sample, logProb, embed, reconstruct…) are a new file and a new line here, not a new branch in each.
 */
import type { Evaluation } from '../../../graders/problem.ts';
import { arrayKind } from './array.ts';
import { gridKind } from './grid.ts';
import type { EvaluationKind } from './kind.ts';
import { mixtureKind } from './mixture.ts';
import { predictKind } from './predict.ts';

type Table = { readonly [K in Evaluation['kind']]: EvaluationKind<Extract<Evaluation, { kind: K }>> };

/** Every evaluation kind the runtime knows; the mapped type makes a missing kind a type error. */
export const evaluationKinds: Table = Object.freeze({ predict: predictKind, grid: gridKind, array: arrayKind, mixture: mixtureKind });

/** The table entry for an evaluation, typed for it. */
export function kindOf<E extends Evaluation>(e: E): EvaluationKind<E> {
  const kind = evaluationKinds[e.kind] as EvaluationKind<Evaluation> | undefined;
  if (!kind) throw new Error(`unknown evaluation kind "${String(e.kind)}"`);
  return kind as EvaluationKind<E>;
}
