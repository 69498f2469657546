/**
 * The 03-autoencoders/02-kernel-pca exercise's reference solution and its wrong variants, graded for real (tfjs, WASM
 * in Node, the exercise's own generator and checks) over seeds: where the bounds and messages in exercise.yaml come
 * from. Each variant is the solution with one thing changed (text replacements on solution.ts).
 *   node scripts/with-node.mjs node scripts/autoencoders/kernel-pca-variants.ts [--seeds 1-6] [--only 'name|name'] [--json FILE]
 * prints, per variant, maxAngleDeg and scaleError (min … max over seeds), how many seeds passed and the seconds per
 * grading; --json FILE writes every number after a provenance record.
 */
import { parseArgs } from 'node:util';
import type { Edit } from '../measure-lib.ts';
import { measureVariants } from './variants-lib.ts';

export const kernelPcaId = '03-autoencoders/02-kernel-pca';

const scaled = 'return tf.mul(tf.transpose(q), tf.sqrt(tf.relu(lambda)));';

export const kernelPcaVariants: Record<string, Edit[]> = {
  'reference (RBF γ = 1/64, centred, 200 sweeps)': [],
  'kernel not centred': [['const centred = tf.add(tf.sub(tf.sub(kernel, rowMean), tf.transpose(rowMean)), grand)', 'const centred = kernel']],
  'only the rows centred (K − 1K)': [['const centred = tf.add(tf.sub(tf.sub(kernel, rowMean), tf.transpose(rowMean)), grand)', 'const centred = tf.sub(kernel, rowMean)']],
  'γ 10× too large': [['const gamma = 1 / features;', 'const gamma = 10 / features;']],
  'γ 10× too small': [['const gamma = 1 / features;', 'const gamma = 0.1 / features;']],
  'linear kernel (plain PCA)': [['const kernel = tf.exp(tf.mul(-gamma, dist));', 'const kernel = tf.matMul(x, x, false, true);']],
  'eigenvectors not scaled': [[scaled, 'return tf.transpose(q);']],
  'scaled by λ, not √λ': [[scaled, 'return tf.mul(tf.transpose(q), lambda);']],
  'grand mean in one float32 sum': [['const grand = tf.div(tf.sum(rowMean), n);', 'const grand = tf.mean(kernel);']],
  '20 sweeps': [['const SWEEPS = 200;', 'const SWEEPS = 20;']],
  '60 sweeps': [['const SWEEPS = 200;', 'const SWEEPS = 60;']],
};

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-6' }, only: { type: 'string' }, json: { type: 'string' } } });
  await measureVariants({ exerciseId: kernelPcaId, script: 'scripts/autoencoders/kernel-pca-variants.ts', variants: kernelPcaVariants, metrics: ['maxAngleDeg', 'scaleError'], seeds: values.seeds, only: values.only, json: values.json });
}
