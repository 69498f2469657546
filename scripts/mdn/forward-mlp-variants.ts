/**
 * The 02-mdn/01-forward-mlp exercise's reference solution and its wrong variants, graded for real (tfjs, WASM in
 * Node, the exercise's own generator and checks) over seeds: where the bounds and the messages in exercise.yaml
 * come from. Each variant is the solution with one thing changed (text replacements on solution.ts), so the numbers
 * say what that one choice costs. Also prints what each gets on the inverse problem (shown, not graded) and the
 * inverse problem's floor for any single curve, E[x | y].
 *   node scripts/with-node.mjs node scripts/mdn/forward-mlp-variants.ts [--seeds 1,2,3,4,5,6] [--only 'name|name'] [--json FILE]
 * prints, per variant, testMSE and inverseMSE (min … max over seeds), how many seeds passed and the seconds per
 * grading (both trainings), and with --json FILE writes every number after a provenance record (the lesson quotes
 * them from src/components/figures/mdn/when-the-mean-is-wrong/forward-mlp-variants.json).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { gradeOnWasm, variantOfSolution, type Edit } from '../measure-lib.ts';

export const forwardMlpId = '02-mdn/01-forward-mlp';

/** [find, replace] pairs applied to solution.ts; every find must occur. */

const noInputScaling: Edit = ['const scaled = tf.layers.rescaling({ scale: 1 / sx.sd, offset: -sx.mean / sx.sd }).apply(input) as tf.SymbolicTensor;', 'const scaled = input;'];
const defaultInit: Edit = ['kernelInitializer: init(ctx.seed), biasInitializer: init(ctx.seed + 2)', 'kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seed })'];
const noOutputScaling: Edit = ['const out = tf.layers.rescaling({ scale: sy.sd, offset: sy.mean }).apply(unit) as tf.SymbolicTensor;', 'const out = unit;'];

/** Every variant measured, by name: the edits that make it from the solution. */
export const forwardMlpVariants: Record<string, Edit[]> = {
  'reference (20 tanh, wide init, scaled, Adam 0.02, 1000 epochs)': [],
  'linear (no hidden layer)': [["activation: 'tanh'", "activation: 'linear'"]],
  '3 hidden units': [['const HIDDEN = 20;', 'const HIDDEN = 3;']],
  'relu instead of tanh': [["activation: 'tanh'", "activation: 'relu'"]],
  '50 epochs': [['const EPOCHS = 1000;', 'const EPOCHS = 50;']],
  '150 epochs': [['const EPOCHS = 1000;', 'const EPOCHS = 150;']],
  '400 epochs': [['const EPOCHS = 1000;', 'const EPOCHS = 400;']],
  'default (Glorot) init on standardised x': [defaultInit],
  'default init, raw x (no input scaling)': [defaultInit, noInputScaling],
  'no output scaling': [noOutputScaling],
  'wide init on raw x (no input scaling)': [noInputScaling],
};

/** solution.ts with a variant's edits applied. */
export const variantSource = (name: string): string => variantOfSolution(forwardMlpId, name, forwardMlpVariants[name]!);

/** Grades a source on one seed: the graded and shown metrics, status and seconds. */
export async function gradeVariant(source: string, seed: number): Promise<{ metrics: Record<string, number>; status: string; seconds: number }> {
  // As the page runs it (onPage): the inverse problem too, which the instructor's grader skips.
  const { report, seconds } = await gradeOnWasm(forwardMlpId, source, seed, { onPage: true });
  const metrics = Object.fromEntries([...report.checks, ...(report.notes ?? [])].map((c) => [c.metric, c.value ?? Infinity]));
  return { metrics, status: report.status, seconds };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3,4,5,6' }, only: { type: 'string' }, json: { type: 'string' } } });
  const seeds = values.seeds.split(',').map(Number);
  const names = values.only ? values.only.split('|') : Object.keys(forwardMlpVariants);
  const out: Record<string, { seed: number; status: string; seconds: number; metrics: Record<string, number> }[]> = {};
  const range = (v: number[]) => `${Math.min(...v).toFixed(3)} … ${Math.max(...v).toFixed(3)}`;
  console.log(`${forwardMlpId} on seeds ${seeds.join(', ')} (WASM in Node); min … max over seeds`);
  for (const name of names) {
    const src = variantSource(name);
    const rows: (typeof out)[string] = [];
    for (const seed of seeds) rows.push({ seed, ...(await gradeVariant(src, seed)) });
    out[name] = rows;
    const col = (m: string) => rows.map((r) => r.metrics[m] ?? NaN);
    // Written after every variant, so a run cut short keeps what it measured.
    if (values.json) {
      const args = `--seeds ${values.seeds}${values.only ? ` --only '${values.only}'` : ''} --json ${values.json}`;
      const record = provenance('scripts/mdn/forward-mlp-variants.ts', `node scripts/with-node.mjs node scripts/mdn/forward-mlp-variants.ts ${args}`);
      writeFileSync(values.json, JSON.stringify({ provenance: record, seeds, variants: out }) + '\n');
    }
    console.log(`  ${name.padEnd(28)} testMSE ${range(col('testMSE'))}  inverseMSE ${range(col('inverseMSE'))}  passed ${rows.filter((r) => r.status === 'passed').length}/${rows.length}  ${range(rows.map((r) => r.seconds))} s`);
  }
}
