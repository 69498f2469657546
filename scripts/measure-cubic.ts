/**
 * Measurements behind the noisy-cubic exercise (universal approximation lesson) and its exercise.yaml bounds.
 *
 *   node scripts/with-node.mjs node scripts/measure-cubic.ts bayes
 *       The noise floor, and the test MSE of the best possible predictor x³ + noise/2 on 1000 hidden test sets.
 *   node scripts/with-node.mjs node scripts/measure-cubic.ts grade [--act relu|tanh|sigmoid] [--units N]
 *       [--epochs N] [--lr R] [--linear] [--backend wasm|cpu] [--seeds 1-10]
 *       The reference solution, changed only where the flags say, graded in this process as the grader does.
 *       `--linear` drops the hidden layer (a straight line).
 */
import { loadExercise } from '../graders/exercise-files.ts';
import { cubicParams } from '../graders/datasets/cubic.ts';
import type { GradeReport } from '../graders/report.ts';
import { useNodeBackend, type NodeBackend } from '../src/runtime/node-backend.ts';
import { bayesCubicMse, noiseFloor, summary } from './activation-depth/approx-cubic.ts';
import { editSource, gradeSeeds, parseMeasureArgs, seedRange } from './measure-lib.ts';

const id = '04-activation-depth/06-cubic';
const { values: args, positionals } = parseMeasureArgs({
  units: { type: 'string' },
  linear: { type: 'boolean' },
});
const { meta, solution } = loadExercise(id);
const p = cubicParams.parse(meta.data.params);
const fmt = (s: ReturnType<typeof summary>) => `mean ${s.mean.toFixed(5)}  sd ${s.sd.toFixed(5)}  min ${s.min.toFixed(5)}  max ${s.max.toFixed(5)}`;

if (positionals[0] === 'bayes') {
  const mses = Array.from({ length: 1000 }, (_, seed) => bayesCubicMse(p, seed));
  console.log(`noise floor noise²/12 = ${noiseFloor(p.noise)}`);
  console.log(`Bayes predictor x³ + ${p.noise / 2}, test MSE over 1000 test sets of ${p.testN}: ${fmt(summary(mses))}`);
} else if (positionals[0] === 'grade') {
  const edit = editSource(solution);
  const { swap } = edit;
  if (args.act !== 'relu') swap("activation: 'relu'", `activation: '${args.act}'`);
  if (args.units) swap('units: 32', `units: ${args.units}`);
  if (args.epochs) swap('epochs: 500', `epochs: ${args.epochs}`);
  if (args.lr) swap('tf.train.adam(0.01)', `tf.train.adam(${args.lr})`);
  if (args.linear) {
    // No hidden layer: the output layer takes the input directly, so the model is a straight line a·x + b.
    swap(/ {2}model\.add\(tf\.layers\.dense\(\{ units: 32.*\n/.exec(edit.source)![0], '');
    swap('units: data.targets,', 'units: data.targets, inputShape: [data.features],');
  }
  const seeds = seedRange(args.seeds!);
  const backend = args.backend as NodeBackend;
  const tf = await useNodeBackend(backend);
  console.log(`act=${args.act} units=${args.units ?? 32} epochs=${args.epochs ?? 500} lr=${args.lr ?? 0.01} linear=${!!args.linear} backend=${backend}`);
  const mse = (report: GradeReport) => report.checks[0]!.value;
  const reports = await gradeSeeds({
    meta,
    source: edit.source,
    backend,
    tf,
    seeds,
    describe: (report) => `test MSE ${mse(report).toFixed(5)}  (${(mse(report) / noiseFloor(p.noise)).toFixed(3)} × floor)`,
  });
  console.log(`test MSE: ${fmt(summary(reports.map(mse)))}`);
  console.log(`seconds:  ${fmt(summary(reports.map((r) => r.durationMs / 1000)))}`);
} else {
  console.error('usage: measure-cubic.ts bayes | grade [flags]');
  process.exit(2);
}
