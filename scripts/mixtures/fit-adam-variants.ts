/**
 * The 03-fit-adam exercise's reference solution and its wrong variants, graded for real (tfjs, WASM in Node, the
 * exercise's own generator and checks) over seeds: where the bounds and the messages in exercise.yaml come from.
 * Each variant is the solution with one thing changed (text replacements on solution.ts), so the numbers say what
 * that one choice costs.
 *   node scripts/with-node.mjs node scripts/mixtures/fit-adam-variants.ts [--seeds 1,2,3,4,5,6] [--only 'name|name']
 * prints, per variant, nllAboveTrue and nllAboveEm (min … max over seeds), how many seeds passed, the seconds per
 * grading (problem making and the reference EM included), and with --json FILE writes every number.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gradeOnWasm, variantOfSolution, type Edit } from '../measure-lib.ts';

export const fitAdamId = '01-mixtures/03-fit-adam';

/** [find, replace] pairs applied to solution.ts; every find must occur. */

const reluWeights: Edit[] = [
  // The original: raw weights started at 1, mixing weights relu(w) / Σ relu(w); torch's Categorical clamps the
  // probabilities at float32's eps before the log, so a dead component contributes log(eps), not NaN.
  ['tf.variable(tf.zeros([STARTS, 1, k]))', 'tf.variable(tf.ones([STARTS, 1, k]))'],
  ['tf.logSoftmax(logits)', 'tf.log(tf.maximum(tf.div(tf.relu(logits), tf.sum(tf.relu(logits), -1, true)), 1.1920929e-7))'],
  ['tf.softmax(pick(logits))', 'tf.div(tf.relu(pick(logits)), tf.sum(tf.relu(pick(logits))))'],
];
const absStds: Edit[] = [
  // stds = |s|, s trained directly (started where the reference starts its stds).
  ['tf.variable(tf.tile(tf.log(tf.tensor4d(spread, [1, 1, 1, d]))', 'tf.variable(tf.tile((tf.tensor4d(spread, [1, 1, 1, d]))'],
  ['tf.div(tf.sub(points, means), tf.exp(logStds))', 'tf.div(tf.sub(points, means), tf.abs(logStds))'],
  ['tf.add(logStds, 0.5 * Math.log(2 * Math.PI))', 'tf.add(tf.log(tf.abs(logStds)), 0.5 * Math.log(2 * Math.PI))'],
  ['tf.exp(pick(logStds))', 'tf.abs(pick(logStds))'],
];
const randnMeans: Edit[] = [
  // √(6/d)·N(0, 1) means (a Glorot-style weight init), from the seeded rng.
  ['starts.push(rows);', 'starts.push(rows.map(() => Array.from({ length: d }, () => Math.sqrt(6 / d) * ctx.rng.normal())));'],
];
const originalStds: Edit[] = [
  // The original's stds: |s| with s ~ U(0, 1)·√(6/d).
  ['tf.variable(tf.tile(tf.log(tf.tensor4d(spread, [1, 1, 1, d])), [STARTS, 1, k, 1]))', 'tf.variable(tf.tensor4d(Array.from({ length: STARTS * k * d }, () => Math.sqrt(6 / d) * ctx.rng.uniform()), [STARTS, 1, k, d]))'],
  ...absStds.slice(1),
];

/** Every variant measured, by name: the edits that make it from the solution. */
export const fitAdamVariants: Record<string, Edit[]> = {
  'reference (4 starts, 500 steps, lr 0.05)': [],
  'one start': [['const STARTS = 4;', 'const STARTS = 1;']],
  'one start, uniform data points (no k-means++)': [['const STARTS = 4;', 'const STARTS = 1;'], ['ctx.rng.categorical(nearest)', 'Math.floor(ctx.rng.uniform() * n)']],
  '4 starts, uniform data points (no k-means++)': [['ctx.rng.categorical(nearest)', 'Math.floor(ctx.rng.uniform() * n)']],
  '1500 steps': [['const STEPS = 500;', 'const STEPS = 1500;']],
  '100 steps': [['const STEPS = 500;', 'const STEPS = 100;']],
  "lr 5e-4 (the original's)": [['const LEARNING_RATE = 0.05;', 'const LEARNING_RATE = 0.0005;']],
  'relu weights, one start': [['const STARTS = 4;', 'const STARTS = 1;'], ...reluWeights],
  'abs() stds, one start': [['const STARTS = 4;', 'const STARTS = 1;'], ...absStds],
  '√(6/d)·randn means, one start': [['const STARTS = 4;', 'const STARTS = 1;'], ...randnMeans],
  "the original's model (relu, abs, √(6/d) inits), one start": [['const STARTS = 4;', 'const STARTS = 1;'], ...reluWeights, ...randnMeans, ...originalStds],
  'log-stds returned as stds': [['tf.exp(pick(logStds))', 'pick(logStds)']],
  'variances returned as stds': [['tf.exp(pick(logStds))', 'tf.exp(tf.mul(2, pick(logStds)))']],
  'unnormalised weights (exp of logits)': [['tf.softmax(pick(logits))', 'tf.exp(pick(logits))']],
};

/** solution.ts with a variant's edits applied. */
export const variantSource = (name: string): string => variantOfSolution(fitAdamId, name, fitAdamVariants[name]!);

/** Grades a source on one seed: its metrics (Infinity where the mixture could not be scored), status and seconds. */
export async function gradeVariant(source: string, seed: number): Promise<{ metrics: Record<string, number>; status: string; seconds: number }> {
  const { report, seconds, metrics } = await gradeOnWasm(fitAdamId, source, seed);
  return { metrics, status: report.status, seconds };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3,4,5,6' }, only: { type: 'string' }, json: { type: 'string' } } });
  const seeds = values.seeds.split(',').map(Number);
  const names = values.only ? values.only.split('|') : Object.keys(fitAdamVariants);
  const out: Record<string, { seed: number; status: string; seconds: number; metrics: Record<string, number> }[]> = {};
  const range = (v: number[]) => `${Math.min(...v).toFixed(4)} … ${Math.max(...v).toFixed(4)}`;
  console.log(`${fitAdamId} on seeds ${seeds.join(', ')} (WASM in Node); min … max over seeds`);
  for (const name of names) {
    const src = variantSource(name);
    const rows: (typeof out)[string] = [];
    for (const seed of seeds) rows.push({ seed, ...(await gradeVariant(src, seed)) });
    out[name] = rows;
    const col = (m: string) => rows.map((r) => r.metrics[m] ?? NaN);
    // Written after every variant, so a run cut short keeps what it measured.
    if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 1) + '\n');
    console.log(`  ${name.padEnd(58)} nllAboveTrue ${range(col('nllAboveTrue'))}  nllAboveEm ${range(col('nllAboveEm'))}  passed ${rows.filter((r) => r.status === 'passed').length}/${rows.length}  ${range(rows.map((r) => r.seconds)).replace(/0+(?= |$)/g, '')} s`);
  }
}
