/** `predict`: call the returned model (or function) on the problem's inputs and read n×outputs numbers. */
import type * as TF from '@tensorflow/tfjs';
import type { Evaluation } from '../../../graders/problem.ts';
import { describe, fail, Failure, safeThrown } from '../learner-failure.ts';
import { disposeReturned, isA } from '../learner-values.ts';
import type { Tfjs } from '../run-learner.ts';
import type { EvaluationKind } from './kind.ts';
import { asPredictor } from './predictor.ts';
import { firstNonDistribution } from './probabilities.ts';

type Predict = Extract<Evaluation, { kind: 'predict' }>;

/** Reads n×outputs finite numbers from a prediction, accepting shape [n] for one output; or says what is wrong. */
async function readPrediction(tf: Tfjs, out: unknown, e: Predict, what: string): Promise<Float32Array> {
  const n = e.x.length / e.features;
  const want = `[${n}, ${e.outputs}]`;
  if (!(out instanceof tf.Tensor)) return fail('bad-output', `${what} returned ${Array.isArray(out) ? 'an array of tensors' : describe(out)}; it must return one tensor of shape ${want}.`);
  const shapeOk = out.shape[0] === n && ((out.shape.length === 2 && out.shape[1] === e.outputs) || (out.shape.length === 1 && e.outputs === 1));
  if (!shapeOk)
    return fail('bad-output', `${what} returned a tensor of shape [${out.shape.join(', ')}] for ${n} input rows; expected ${want}${e.outputs > 1 ? ` (one value per class: check the last layer has units: ${e.outputs})` : ' (one value per row)'}.`);
  const values = Float32Array.from(await out.data());
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail('nan', `${what} output ${values[bad]} for input row ${Math.floor(bad / e.outputs)}: the weights have probably diverged (try a smaller learning rate), or something divides by zero.`);
  const row = e.probabilities ? firstNonDistribution(values, e.outputs) : undefined;
  if (row) {
    const shown = Array.from(values.subarray(row.row * e.outputs, (row.row + 1) * e.outputs), (v) => v.toFixed(2)).join(', ');
    fail('bad-output', `The model's outputs are not probabilities: row ${row.row} is [${shown}] (sums to ${row.sum.toFixed(2)}). These look like logits; add activation: 'softmax' to the last layer.`);
  }
  return values;
}

export const predictKind: EvaluationKind<Predict> = {
  async read(tf, value, e, name) {
    const predict = asPredictor(value, name.what, name.picked);
    const n = e.x.length / e.features;
    let raw: unknown;
    try {
      raw = tf.tidy(() => predict(tf.tensor2d(e.x, [n, e.features])) as TF.Tensor);
    } catch (err) {
      throw new Failure(safeThrown(err, `when the grader called ${e.label ?? 'your model'}${name.where}`));
    }
    try {
      return await readPrediction(tf, raw, e, `${e.label ?? 'Your model'}${name.where}`);
    } finally {
      if (isA(raw, tf.Tensor)) disposeReturned(tf, raw);
    }
  },
  length: (e) => (e.x.length / e.features) * e.outputs,
  check(e, values) {
    const row = e.probabilities ? firstNonDistribution(values, e.outputs) : undefined;
    return row && `row ${row.row} is not a probability distribution (sums to ${row.sum.toFixed(3)})`;
  },
};
