/**
 * The 03-autoencoders/01-pca exercise's reference solution and its wrong variants, graded for real (tfjs, WASM in
 * Node, the exercise's own generator and checks) over seeds: where the bounds and messages in exercise.yaml come
 * from. Each variant is the solution with one thing changed (text replacements on solution.ts).
 *   node scripts/with-node.mjs node scripts/autoencoders/pca-variants.ts [--seeds 1-6] [--only 'name|name'] [--json FILE]
 * prints, per variant, maxAngleDeg and ratioError (min … max over seeds), how many seeds passed and the seconds per
 * grading; --json FILE writes every number after a provenance record.
 */
import { parseArgs } from 'node:util';
import type { Edit } from '../measure-lib.ts';
import { measureVariants } from './variants-lib.ts';

export const pcaId = '03-autoencoders/01-pca';

/** The subspace-iteration block of solution.ts, which the deflation variants replace. */
const block = /let q = tf\.linalg\.gramSchmidt[\s\S]*?\n    }\n/;

/** Power iteration (by C², like the solution) for one vector at a time, each found eigenpair removed from C before the next (`sign` −1: right). */
const deflation = (sign: '-' | '+') => `let deflated = cov;
    const rows: tf.Tensor2D[] = [];
    for (let j = 0; j < k; j++) {
      let v = tf.randomNormal([features, 1], 0, 1, 'float32', 7 + j) as tf.Tensor2D;
      for (let t = 0; t < SWEEPS; t++) {
        const w = tf.matMul(deflated, tf.matMul(deflated, v));
        v = tf.div(w, tf.norm(w));
      }
      const lam = tf.sum(tf.mul(v, tf.matMul(deflated, v)));
      deflated = tf.${sign === '-' ? 'sub' : 'add'}(deflated, tf.mul(lam, tf.matMul(v, v, false, true)));
      rows.push(tf.transpose(v));
    }
    const q = tf.concat(rows, 0) as tf.Tensor2D;
`;

export const pcaVariants: Record<string, Edit[]> = {
  'reference (subspace iteration, 150 sweeps of C²)': [],
  'power iteration with deflation (right)': [[block, deflation('-')]],
  'deflation with a sign error (C + λvvᵀ)': [[block, deflation('+')]],
  'not centred': [['const centred = tf.sub(x, tf.mean(x, 0));', 'const centred = x;']],
  '3 sweeps': [['const SWEEPS = 150;', 'const SWEEPS = 3;']],
  '10 sweeps': [['const SWEEPS = 150;', 'const SWEEPS = 10;']],
  '30 sweeps': [['const SWEEPS = 150;', 'const SWEEPS = 30;']],
  '60 sweeps': [['const SWEEPS = 150;', 'const SWEEPS = 60;']],
  'X Xᵀ (n×n) instead of Xᵀ X': [
    ['tf.matMul(centred, centred, true, false)', 'tf.matMul(centred, centred, false, true)'],
    ['tf.randomNormal([k, features]', 'tf.randomNormal([k, n]'],
  ],
  'ratios over the top k, not the total': [['tf.div(lambda, total)', 'tf.div(lambda, tf.sum(lambda))']],
  'total = the sum of every covariance entry, not the trace': [['const total = tf.div(tf.sum(tf.square(centred)), n - 1);', 'const total = tf.sum(cov);']],
  'sweeps by C, not C² (150)': [['tf.matMul(q, cov2)', 'tf.matMul(q, cov)']],
  'no Gram–Schmidt (plain power iteration on the block)': [
    ['const next = tf.linalg.gramSchmidt(tf.matMul(q, cov2) as tf.Tensor2D) as tf.Tensor2D;', 'const m = tf.matMul(q, cov2); const next = tf.div(m, tf.norm(m, 2, 1, true)) as tf.Tensor2D;'],
  ],
};

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-6' }, only: { type: 'string' }, json: { type: 'string' } } });
  await measureVariants({ exerciseId: pcaId, script: 'scripts/autoencoders/pca-variants.ts', variants: pcaVariants, metrics: ['maxAngleDeg', 'ratioError'], seeds: values.seeds, only: values.only, json: values.json });
}
