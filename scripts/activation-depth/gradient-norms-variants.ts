/**
 * The 04-activation-depth/07-gradient-norms exercise's reference solution, correct alternatives and wrong variants,
 * graded for real (tfjs, WASM in Node, the exercise's own generator: deep MLPs on spiral batches) over seeds: where
 * the bound and the derivation in exercise.yaml come from. Each variant is the solution with one thing changed.
 *   node scripts/with-node.mjs node scripts/activation-depth/gradient-norms-variants.ts [--seeds 1-10] [--only 'a|b']
 *       [--json scripts/activation-depth/gradient-norms-variants.json]
 * The lesson's test grades each variant again on one seed and checks the derivation quotes this file.
 */
import { parseArgs } from 'node:util';
import type { Edit } from '../measure-lib.ts';
import { measureVariants } from '../autoencoders/variants-lib.ts';

export const gradientNormsId = '04-activation-depth/07-gradient-norms';

const norm = 'return tf.stack(grads.map((g) => tf.norm(g)));';
const ce = 'return tf.losses.softmaxCrossEntropy(labels, a) as tf.Scalar;';
const hidden = 'a = l < ws.length - 1 ? activate(z) : z;';

/** Correct answers written another way: each must pass. */
export const correctVariants: Record<string, Edit[]> = {
  reference: [],
  'tf.variableGrads instead of tf.grads': [[
    'const grads = tf.grads(loss)(weights);',
    'const vars = weights.map((w) => tf.variable(w)); const named = tf.variableGrads(() => loss(...vars), vars).grads; const grads = vars.map((v) => named[v.name]!); vars.forEach((v) => v.dispose());',
  ]],
  'the loss written as −mean(logSoftmax)': [[ce, 'return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(a)), 1))) as tf.Scalar;']],
  'log of softmax (less stable, still fine here)': [[ce, 'return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(tf.softmax(a))), 1))) as tf.Scalar;']],
};

/** Mistakes learners make: each must fail. */
export const wrongVariants: Record<string, Edit[]> = {
  'norms of the bias gradients': [['const grads = tf.grads(loss)(weights);', 'const grads = tf.grads((...bs: tf.Tensor[]) => { biases.splice(0, biases.length, ...(bs as tf.Tensor1D[])); return loss(...weights); })(biases);']],
  'summed instead of mean loss': [[ce, 'return tf.losses.softmaxCrossEntropy(labels, a, undefined, 0, tf.Reduction.SUM) as tf.Scalar;']],
  'no activation on the hidden layers': [[hidden, 'a = z;']],
  'the activation on the output layer too': [[hidden, 'a = activate(z);']],
  'last layer first': [[norm, 'return tf.stack(grads.map((g) => tf.norm(g)).reverse());']],
  'squared norms': [[norm, 'return tf.stack(grads.map((g) => tf.sum(tf.square(g))));']],
  'mean |g| instead of the norm': [[norm, 'return tf.stack(grads.map((g) => tf.mean(tf.abs(g))));']],
  'mean squared error instead of cross-entropy': [[ce, 'return tf.losses.meanSquaredError(labels, tf.softmax(a)) as tf.Scalar;']],
  'W read as units×inputs': [['const weights = net.layers.map((l) => tf.tensor2d(l.weights, [l.inputs, l.units]));', 'const weights = net.layers.map((l) => tf.transpose(tf.tensor2d(l.weights, [l.units, l.inputs])) as tf.Tensor2D);']],
  'sigmoid for every net': [["net.activation === 'sigmoid' ? tf.sigmoid(z)", "true ? tf.sigmoid(z)"]],
  'biases left out': [['const z = tf.add(tf.matMul(a, w as tf.Tensor2D), biases[l]!);', 'const z = tf.matMul(a, w as tf.Tensor2D);']],
};

/** A relative error as the derivation quotes it: 2 significant digits ("0.84", whole from 100: "199"), exponent form ("6e9", "7.1e-7") far from 1. */
export function variantNumber(v: number): string {
  if (v >= 1e4 || v < 1e-3) {
    const [m, e] = v.toExponential(1).split('e');
    return `${m!.replace(/\.0$/, '')}e${Number(e)}`;
  }
  return v >= 100 ? String(Math.round(v)) : String(Number(v.toPrecision(2)));
}
/** "0.80–0.84": a variant's lowest and highest relative error over the seeds (one number when they print alike). */
export function variantRange(lo: number, hi: number): string {
  const a = variantNumber(lo), b = variantNumber(hi);
  return a === b ? a : `${a}–${b}`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-10' }, only: { type: 'string' }, json: { type: 'string' } } });
  await measureVariants({
    exerciseId: gradientNormsId,
    script: 'scripts/activation-depth/gradient-norms-variants.ts',
    variants: { ...correctVariants, ...wrongVariants },
    metrics: ['maxRelativeError'],
    seeds: values.seeds!,
    ...(values.only && { only: values.only }),
    ...(values.json && { json: values.json }),
  });
}
