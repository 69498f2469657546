/**
 * The EM exercise (01-mixtures/04-em) graded on its solution and on wrong versions of it, over seeds: where the
 * exercise's bounds and messages come from. Each wrong version is the solution with one edit (`emVariants`), graded
 * through the real runtime on WASM in this process, exactly as a submission is.
 *   node scripts/with-node.mjs node scripts/mixtures/em-variants.ts [--seeds 1-10] [--only NAME] [--list METRIC]
 *       [--params '{"tolerance":1e-4}']
 * prints, per variant, every check's metric (min … max over the seeds) and how many seeds pass each check;
 * `--list METRIC` adds that metric's value on every seed, sorted; `--params` overrides the exercise's data params
 * (how the choices in exercise.yaml were compared).
 * tests/unit/lessons/em.test.ts grades some of the same variants.
 */
import { loadExercise } from '../../graders/exercise-files.ts';
import type { GradeReport } from '../../graders/report.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../src/runtime/run-exercise.ts';

export const emId = '01-mixtures/04-em';

/** A wrong version of the solution: each [find, replace] must match exactly once. */
export const emVariants: Record<string, [string, string][]> = {
  solution: [],
  'one k-means++ start': [['const RESTARTS = 10;', 'const RESTARTS = 1;']],
  'one random start (k uniform data points)': [
    ['const RESTARTS = 10;', 'const RESTARTS = 1;'],
    ['rng.categorical(nearest)', 'Math.floor(rng.uniform() * n)'],
  ],
  '10 random starts (k uniform data points)': [['rng.categorical(nearest)', 'Math.floor(rng.uniform() * n)']],
  'variance around the old mean': [
    ['gmm = mStep(x, n, d, gmm.weights.length, r);', 'gmm = mStep(x, n, d, gmm.weights.length, r, gmm);'],
    ['r: Float64Array): Mixture {', 'r: Float64Array, old?: Mixture): Mixture {'],
    ['(x[i * d + j]! - mean[j]!) ** 2) / nk', '(x[i * d + j]! - old!.means[c]![j]!) ** 2) / nk'],
  ],
  'variance divided by n, not N_k': [['(x[i * d + j]! - mean[j]!) ** 2) / nk', '(x[i * d + j]! - mean[j]!) ** 2) / n']],
  'no variance floor': [['const VARIANCE_FLOOR = 1e-6;', 'const VARIANCE_FLOOR = 0;']],
  'E-step without the weights': [['let constant = Math.log(g.weights[c]!) - 0.5 * d * LOG_2PI;', 'let constant = -0.5 * d * LOG_2PI;']],
  'responsibilities without the weights (NLL with them)': [
    [
      'for (let c = 0; c < k; c++) row[c] = Math.exp(row[c]! - logP);',
      'const free = row.map((v, cc) => v - Math.log(g.weights[cc]!)), z = logSumExp(free);\n    for (let c = 0; c < k; c++) row[c] = Math.exp(free[c]! - z);',
    ],
  ],
  'stopped after 1 iteration': [['for (let t = 1; t <= maxIterations; t++)', 'for (let t = 1; t <= 1; t++)']],
  'history one step behind the mixture': [['return { gmm, history };', 'return { gmm, history: history.length > 2 ? history.slice(0, -1) : history };']],
};

/** The solution with a variant's edits. */
export function variantSource(name: string): string {
  let source = loadExercise(emId).solution;
  for (const [find, replace] of emVariants[name]!) {
    const parts = source.split(find);
    if (parts.length !== 2) throw new Error(`variant "${name}": "${find}" occurs ${parts.length - 1} times in the solution`);
    source = parts.join(replace);
  }
  return source;
}

/** Grades a variant on one seed, in this process on WASM. */
export async function gradeVariant(name: string, seed: number, params: Record<string, number> = {}): Promise<GradeReport> {
  const tf = await useNodeBackend('wasm');
  const loaded = loadExercise(emId).meta;
  const meta = { ...loaded, data: { ...loaded.data, params: { ...loaded.data.params, ...params } } };
  return (await runExercise({ meta, source: variantSource(name), backend: 'wasm', runner: inThreadRunner(tf), seed })).report;
}

function parseSeeds(arg: string | undefined): number[] {
  const [a, b] = (arg ?? '1-10').split('-').map(Number);
  return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const seeds = parseSeeds(args[args.indexOf('--seeds') + 1 || -1]);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const params = args.includes('--params') ? (JSON.parse(args[args.indexOf('--params') + 1]!) as Record<string, number>) : {};
  const list = args.includes('--list') ? args[args.indexOf('--list') + 1] : undefined;
  const fmt = (v: number) => (!Number.isFinite(v) ? String(v) : Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(4) : v.toExponential(1));
  console.log(`${emId}${Object.keys(params).length ? ` with ${JSON.stringify(params)}` : ''} on seeds ${seeds[0]}–${seeds.at(-1)}: per check, min … max over seeds (seeds passing / seeds)`);
  for (const name of Object.keys(emVariants).filter((n) => !only || n === only)) {
    const reports: GradeReport[] = [];
    for (const seed of seeds) reports.push(await gradeVariant(name, seed, params));
    const errors = reports.filter((r) => r.error).map((r) => r.error!.message.slice(0, 120));
    const graded = reports.filter((r) => !r.error);
    const cols = (graded[0]?.checks ?? []).map((c, i) => {
      const v = graded.map((r) => r.checks[i]!.value ?? NaN);
      return `${c.metric} ${fmt(Math.min(...v))} … ${fmt(Math.max(...v))} (${graded.filter((r) => r.checks[i]!.passed).length}/${seeds.length})`;
    });
    const passed = reports.filter((r) => r.status === 'passed').length;
    if (list) console.log(`  ${name}, ${list} sorted: ${graded.map((r) => r.checks.find((c) => c.metric === list)?.value ?? NaN).sort((a, b) => a - b).map(fmt).join(' ')}`);
    console.log(`  ${name}: passes ${passed}/${seeds.length}; ${cols.join('; ')}${errors.length ? `; ${errors.length} errors: ${[...new Set(errors)].join(' | ')}` : ''}`);
  }
}
