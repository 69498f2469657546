/**
 * `mixture`: call the returned model (or function) on the problem's inputs and read the 1-D Gaussian mixture it
 * predicts per row, as a mixture density network outputs it: π (rows sum to 1), μ, σ (> 0), each n×k. The grader,
 * not the learner, then computes NLL, calibration and samples from these numbers (graders/mdn/).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Evaluation } from '../../../graders/problem.ts';
import { describe, fail, Failure, safeThrown } from '../learner-failure.ts';
import { disposeReturned, isA, safeGet } from '../learner-values.ts';
import type { Tfjs } from '../run-learner.ts';
import type { EvaluationKind } from './kind.ts';
import { asPredictor } from './predictor.ts';
import { firstNonDistribution } from './probabilities.ts';

type MixtureEval = Extract<Evaluation, { kind: 'mixture' }>;

const PARTS = ['pi', 'mu', 'sigma'] as const;
const SHAPE_HELP = 'return [pi, mu, sigma] (e.g. a tf.model with three outputs) or { pi, mu, sigma }: three tensors of shape [n, k], one row per input and one column per component';

/** The three tensors out of what the model returned, or a message saying what it returned instead. */
function parts(tf: Tfjs, out: unknown, what: string): TF.Tensor[] {
  const got = isA(out, Array) ? (out as unknown[]).slice(0, 4) : PARTS.map((p) => safeGet(out, p));
  if (isA(out, Array) && (out as unknown[]).length !== 3)
    return fail('bad-output', `${what} returned an array of ${(out as unknown[]).length} values; it must ${SHAPE_HELP}.`);
  const bad = got.findIndex((t) => !isA(t, tf.Tensor));
  if (bad >= 0)
    return fail('bad-output', isA(out, tf.Tensor)
      ? `${what} returned one tensor; a mixture density network must ${SHAPE_HELP}.`
      : `${what} returned ${describe(out)}, whose ${PARTS[bad]} is ${describe(got[bad])}; it must ${SHAPE_HELP}.`);
  return got as TF.Tensor[];
}

/** Reads π, μ, σ into the padded n×maxComponents blocks, or fails with a message that teaches. */
async function readMixture(tf: Tfjs, out: unknown, e: MixtureEval, what: string): Promise<Float32Array> {
  const n = e.x.length / e.features;
  const [pi, mu, sigma] = parts(tf, out, what) as [TF.Tensor, TF.Tensor, TF.Tensor];
  const k = pi.shape[1] ?? 0;
  for (const [name, t] of [['pi', pi], ['mu', mu], ['sigma', sigma]] as const)
    if (t.shape.length !== 2 || t.shape[0] !== n || t.shape[1] !== k)
      fail('bad-output', `${what}: ${name} has shape [${t.shape.join(', ')}]; pi, mu and sigma must all have shape [${n}, k] for ${n} input rows (here pi says k = ${k}).`);
  if (k < 1 || k > e.maxComponents) fail('bad-output', `${what} has ${k} mixture components; this exercise takes 1 to ${e.maxComponents}.`);
  const m = e.maxComponents;
  const values = new Float32Array(3 * n * m);
  values.fill(1, 2 * n * m); // padding components: π = 0, μ = 0, σ = 1
  for (const [b, t] of [pi, mu, sigma].entries()) {
    const data = await t.data();
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) values[b * n * m + i * m + c] = data[i * k + c]!;
  }
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const part = PARTS[Math.floor(bad / (n * m))]!, row = Math.floor((bad % (n * m)) / m);
    fail('nan', `${what}: ${part} is ${values[bad]} for input row ${row}: the weights have probably diverged (try a smaller learning rate), or σ = exp(·) overflowed.`);
  }
  const row = firstNonDistribution(values.subarray(0, n * m), m);
  if (row) fail('bad-output', `${what}: the mixture weights pi of row ${row.row} sum to ${row.sum.toFixed(3)}${values.subarray(0, n * m).some((v) => v < 0) ? ' and some are negative' : ''}; they must be probabilities: apply tf.softmax to the π head.`);
  const s = values.subarray(2 * n * m).findIndex((v) => !(v > 0));
  if (s >= 0) fail('bad-output', `${what}: sigma of row ${Math.floor(s / m)} is ${values[2 * n * m + s]}; a standard deviation must be positive: put the σ head through tf.exp (or softplus plus a small floor).`);
  return values;
}

export const mixtureKind: EvaluationKind<MixtureEval> = {
  async read(tf, value, e, name) {
    const predict = asPredictor(value, name.what, name.picked);
    const n = e.x.length / e.features;
    let raw: unknown;
    try {
      raw = tf.tidy(() => predict(tf.tensor2d(e.x, [n, e.features])) as TF.TensorContainer);
    } catch (err) {
      throw new Failure(safeThrown(err, `when the grader called ${e.label ?? 'your model'}${name.where}`));
    }
    try {
      return await readMixture(tf, raw, e, `${e.label ?? 'Your model'}${name.where}`);
    } finally {
      // Whatever came back, one tensor or three, was made inside the tidy for us: dispose it all.
      for (const p of isA(raw, Array) ? (raw as unknown[]) : [raw, ...PARTS.map((k) => safeGet(raw, k))]) if (isA(p, tf.Tensor)) disposeReturned(tf, p);
    }
  },
  length: (e) => 3 * (e.x.length / e.features) * e.maxComponents,
  check(e, values) {
    const n = e.x.length / e.features, m = e.maxComponents;
    const row = firstNonDistribution(Array.prototype.slice.call(values, 0, n * m), m);
    if (row) return `has mixture weights summing to ${row.sum.toFixed(3)} in row ${row.row}, not a probability distribution`;
    for (let j = 2 * n * m; j < 3 * n * m; j++) if (!(values[j]! > 0)) return `has σ = ${values[j]} in row ${Math.floor((j - 2 * n * m) / m)}, not positive`;
    return undefined;
  },
};
