/**
 * The 03-tsne exercise's reference solution and its wrong variants, graded for real (tfjs, WASM in Node, the
 * exercise's own generator and check) over seeds: where the bound and the messages in exercise.yaml come from.
 * Each variant is the solution with one thing changed (text replacements on solution.ts, measure-lib's
 * variantOfSolution), so the numbers say what that one choice costs.
 *   node scripts/with-node.mjs node scripts/autoencoders/tsne-variants.ts [--seeds 1,2,3,4,5] [--only 'name|name'] [--json FILE]
 * prints, per variant, the trustworthiness (k = 5; min … max over seeds), how many seeds passed, 2-D PCA's
 * trustworthiness on the same digits and the seconds per grading; with --json FILE it writes every number,
 * provenance first (the lesson reads src/components/figures/autoencoders/t-sne/tsne-variants.json).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { gradeOnWasm, variantOfSolution, type Edit } from '../measure-lib.ts';

export const tsneId = '03-autoencoders/03-tsne';

/** Every variant measured, by name: the edits (applied to solution.ts in order) that make it. */
export const tsneVariants: Record<string, Edit[]> = {
  reference: [],
  'no early exaggeration': [['const EXAGGERATION = 12;', 'const EXAGGERATION = 1;']],
  'Gaussian Q (symmetric SNE: exp(−d²) kernel and its gradient)': [
    ['return tf.reciprocal(tf.add(tf.add(', 'return tf.exp(tf.neg(tf.add(tf.add('],
    ['tf.transpose(b!))), 1));', 'tf.transpose(b!))), 0)));'], // + 0: the diagonal stays exp(0) = 1, as Z = Σ − n assumes
    ['const w = tf.mul(num, tf.sub(exaggeratedP, tf.div(num, z)));', 'const w = tf.sub(exaggeratedP, tf.div(num, z));'],
    // exp(−d²) underflows to 0 for far pairs: keep the loss curve's log finite (the map itself is unaffected).
    ['const logQ = tf.sub(tf.log(num),', 'const logQ = tf.sub(tf.log(tf.maximum(num, 1e-30)),'],
  ],
  'fixed σ (β = 1 for every point, no perplexity search)': [['if (Math.abs(gap) < 1e-5) break;', 'break;']],
  'too few iterations: 150 (100 exaggerated)': [['const ITERATIONS = 400;', 'const ITERATIONS = 150;']],
  'too few iterations: 50 (all exaggerated)': [['const ITERATIONS = 400;', 'const ITERATIONS = 50;']],
  'plain gradient descent (no momentum, no gains)': [
    ['const u = tf.sub(tf.mul(momentum, update), tf.mul(learningRate, tf.mul(g, grad)))', 'const u = tf.mul(-learningRate, grad)'],
  ],
  'asymmetric P (p_j|i / n, not symmetrised)': [
    ['const j = index[i * k + a]!, v = p[i * k + a]! / (2 * n);', 'const j = index[i * k + a]!, v = p[i * k + a]! / n;'],
    ['      joint[j * n + i]! += v;\n', ''],
  ],
};

/** One grading: the metrics (Infinity where the run failed), status and seconds. */
export interface VariantRun {
  seed: number;
  trustworthiness: number;
  pcaTrustworthiness: number;
  status: string;
  seconds: number;
  error?: string;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3,4,5' }, only: { type: 'string' }, json: { type: 'string' } } });
  const seeds = values.seeds.split(',').map(Number);
  const names = values.only ? values.only.split('|') : Object.keys(tsneVariants);
  const out: Record<string, VariantRun[]> = {};
  const range = (v: number[], d = 4) => `${Math.min(...v).toFixed(d)} … ${Math.max(...v).toFixed(d)}`;
  console.log(`${tsneId} on seeds ${seeds.join(', ')} (WASM in Node); min … max over seeds`);
  for (const name of names) {
    const src = variantOfSolution(tsneId, name, tsneVariants[name]!);
    const rows: VariantRun[] = [];
    for (const seed of seeds) {
      const { report, seconds, metrics } = await gradeOnWasm(tsneId, src, seed);
      const pca = report.notes?.find((n) => n.metric === 'pcaTrustworthiness')?.value ?? NaN;
      rows.push({ seed, trustworthiness: metrics.trustworthiness ?? Infinity, pcaTrustworthiness: pca, status: report.status, seconds, ...(report.error ? { error: report.error.message } : {}) });
    }
    out[name] = rows;
    if (values.json) {
      // Merged into the file's other variants, so one variant can be re-measured on its own; written after every
      // variant, so a run cut short keeps what it measured.
      const kept = existsSync(values.json) ? (JSON.parse(readFileSync(values.json, 'utf8')) as { variants?: typeof out }).variants ?? {} : {};
      const command = `node scripts/with-node.mjs node scripts/autoencoders/tsne-variants.ts --seeds ${values.seeds} --json ${values.json}`;
      writeFileSync(values.json, JSON.stringify({ provenance: provenance('scripts/autoencoders/tsne-variants.ts', command), variants: { ...kept, ...out } }, null, 1) + '\n');
    }
    const errors = [...new Set(rows.flatMap((r) => (r.error ? [r.error.slice(0, 140)] : [])))];
    console.log(
      `  ${name}\n    trustworthiness ${range(rows.map((r) => r.trustworthiness))}  passed ${rows.filter((r) => r.status === 'passed').length}/${rows.length}` +
        `  2-D PCA ${range(rows.map((r) => r.pcaTrustworthiness))}  ${range(rows.map((r) => r.seconds), 1)} s` +
        errors.map((e) => `\n    error: ${e}`).join(''),
    );
  }
}
