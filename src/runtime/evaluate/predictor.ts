/** The learner's model as one callable, and the decision grid drawn from it (used by the predict and grid kinds). */
import type * as TF from '@tensorflow/tfjs';
import { gridCellCentres, type GridBox } from '../../../graders/problem.ts';
import { describe, fail } from '../learner-failure.ts';
import type { Tfjs } from '../run-learner.ts';

/**
 * A model (anything with .predict) or a plain function of a tensor, as one callable. `what` names the value:
 * "train()" for a whole return value (→ "train() returned …"), or "NOT" for a picked one (→ "NOT is …").
 */
export function asPredictor(value: unknown, what: string, picked: boolean): (x: TF.Tensor2D) => unknown {
  if (typeof value === 'function') return value as (x: TF.Tensor2D) => unknown;
  const m = value as { predict?: unknown } | null | undefined;
  if (m && typeof m.predict === 'function') return (x) => (m.predict as (x: TF.Tensor2D) => unknown).call(m, x);
  return picked
    ? fail('bad-output', `${what} is ${describe(value)}; it must be a model (with a predict method) or a function from a tensor to a tensor.`)
    : fail('bad-output', `${what} returned ${describe(value)}; it must return the trained model (an object with a predict method, e.g. a tf.Sequential) or a function from a tensor to a tensor. Did you forget "return model;"?`);
}

/** Argmax class of each cell of a size×size grid over the box (row 0 is y0), for the decision-region plot. */
export async function predictGrid(tf: Tfjs, predict: (x: TF.Tensor2D) => unknown, g: GridBox): Promise<Uint8Array> {
  const xs = Float32Array.from(gridCellCentres(g));
  const cells = tf.tidy(() => tf.argMax(predict(tf.tensor2d(xs, [g.size * g.size, 2])) as TF.Tensor, -1));
  const out = Uint8Array.from(await cells.data());
  cells.dispose();
  return out;
}
