/**
 * The 03-train-mdn exercise's reference solution and its wrong variants, graded for real (tfjs, WASM in Node, the
 * exercise's own generator and checks) over seeds: where the bounds and the messages in exercise.yaml come from.
 * Each variant is the solution with one thing changed (text replacements on solution.ts), so the numbers say what
 * that one choice costs.
 *   node scripts/with-node.mjs node scripts/mdn/train-variants.ts [--seeds 1,2,3,4,5] [--only 'name|name'] [--json FILE]
 * prints, per variant, the held-out NLL, the coverage of the central 90 % interval, the mean interval width and
 * the mixture mean's MSE (min … max over seeds), how many seeds passed, the best epoch the solution logged, and the
 * seconds per grading; with --json FILE it writes every number, provenance first (the lesson reads
 * src/components/figures/mdn/training/train-variants.json, written with --json to that path).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { gradeOnWasm, variantOfSolution, type Edit } from '../measure-lib.ts';

export const trainMdnId = '02-mdn/03-train-mdn';

/** [find, replace] pairs applied to solution.ts; every find must occur. */

// Training longer without early stopping, and the original's learning rate, are measured on the original's network by
// scripts/mdn/training-figure.ts --sweep (held-out NLL every 50 epochs), not here: a grading per epoch count is slow.

/** Every variant measured, by name: the edits that make it from the solution. */
export const trainMdnVariants: Record<string, Edit[]> = {
  'reference (x/5, μ spread, Adam 3e-2, early stopping, patience 100, ≤ 600 epochs)': [],
  "every μ starting near 0 (the original's initialisation)": [['...muStart,', '...new Array<number>(COMPONENTS).fill(0),']],
  "unscaled input (the original's)": [['tf.matMul(tf.div(x, INPUT_SCALE), wHidden)', 'tf.matMul(x, wHidden)']],
  'too few epochs: 100': [['const MAX_EPOCHS = 600;', 'const MAX_EPOCHS = 100;']],
  'early stopping without a minimum epoch': [['const MIN_EPOCHS = 300;', 'const MIN_EPOCHS = 0;']],
  'a single Gaussian (k = 1)': [['const COMPONENTS = 5;', 'const COMPONENTS = 1;']],
  'two components (k = 2)': [['const COMPONENTS = 5;', 'const COMPONENTS = 2;']],
  'σ = relu(head): no floor, σ can reach 0': [['sigma: tf.exp(logSigma)', 'sigma: tf.relu(logSigma)']],
  'σ = softplus(head), no floor': [['sigma: tf.exp(logSigma)', 'sigma: tf.softplus(logSigma)']],
  'MSE-trained (the mixture mean Σ π·μ fitted to y)': [
    ['tf.mean(nllPerPoint(out.pi, out.mu, out.sigma, y))', 'tf.mean(tf.square(tf.sub(tf.sum(tf.mul(out.pi, out.mu), 1, true), y)))'],
  ],
};

/** solution.ts with a variant's edits applied. */
export const variantSource = (name: string): string => variantOfSolution(trainMdnId, name, trainMdnVariants[name]!);

/** One grading: metrics (Infinity where the run failed), status, seconds, the run's own log lines and first error. */
export interface VariantRun {
  metrics: Record<string, number>;
  status: string;
  seconds: number;
  logs: string[];
  error?: string;
}

/** Grades a source on one seed. */
export async function gradeVariant(source: string, seed: number): Promise<VariantRun> {
  const { report, seconds, metrics } = await gradeOnWasm(trainMdnId, source, seed);
  // The graded lines carry the two informational numbers (interval width, mixture-mean MSE).
  const details = report.checks.flatMap((c) => c.details ?? []).join(' ');
  // The held-out NLL itself is a note beside the checks (the graded excess is NLL minus the true density's).
  for (const note of report.notes ?? []) metrics[note.metric] = note.value;
  const width = /mean width ([\d.]+)/.exec(details), mse = /has MSE ([\d.]+)/.exec(details);
  if (width) metrics.intervalWidth = Number(width[1]);
  if (mse) metrics.mixtureMeanMse = Number(mse[1]);
  return { metrics, status: report.status, seconds, logs: report.logs ?? [], ...(report.error ? { error: report.error.message } : {}) };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3,4,5' }, only: { type: 'string' }, json: { type: 'string' } } });
  const seeds = values.seeds.split(',').map(Number);
  const names = values.only ? values.only.split('|') : Object.keys(trainMdnVariants);
  const out: Record<string, ({ seed: number } & VariantRun)[]> = {};
  const range = (v: number[], d = 3) => `${Math.min(...v).toFixed(d)} … ${Math.max(...v).toFixed(d)}`;
  console.log(`${trainMdnId} on seeds ${seeds.join(', ')} (WASM in Node); min … max over seeds`);
  for (const name of names) {
    const src = variantSource(name);
    const rows: (typeof out)[string] = [];
    for (const seed of seeds) rows.push({ seed, ...(await gradeVariant(src, seed)) });
    out[name] = rows;
    const col = (m: string) => rows.map((r) => r.metrics[m] ?? NaN);
    // Written after every variant, so a run cut short keeps what it measured.
    if (values.json) {
      // Merged into the file's other variants, so one variant can be re-measured on its own.
      const kept = existsSync(values.json) ? (JSON.parse(readFileSync(values.json, 'utf8')) as { variants?: typeof out }).variants ?? {} : {};
      const command = `node scripts/with-node.mjs node scripts/mdn/train-variants.ts --seeds ${values.seeds} --json ${values.json}`;
      writeFileSync(values.json, JSON.stringify({ provenance: provenance('scripts/mdn/train-variants.ts', command), variants: { ...kept, ...out } }, null, 1) + '\n');
    }
    const epochs = rows.map((r) => Number(/at epoch (\d+)/.exec(r.logs.join(' '))?.[1] ?? NaN));
    const errors = [...new Set(rows.flatMap((r) => (r.error ? [r.error.slice(0, 140)] : [])))];
    console.log(
      `  ${name}\n    excess ${range(col('excessNll'))}  NLL ${range(col('heldoutNll'))}  coverage ${range(col('coverage'))}  width ${range(col('intervalWidth'), 2)}  mean MSE ${range(col('mixtureMeanMse'), 1)}` +
        `  passed ${rows.filter((r) => r.status === 'passed').length}/${rows.length}  best epoch ${epochs.join(',')}  ${range(rows.map((r) => r.seconds), 1)} s` +
        errors.map((e) => `\n    error: ${e}`).join(''),
    );
  }
}
