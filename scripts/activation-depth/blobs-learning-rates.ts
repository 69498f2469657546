/**
 * Measurement behind the softmax-blobs lesson's learning-rate table: the exercise's reference solution
 * (full-batch SGD, 300 epochs) with only the learning rate changed, graded in this process on WASM exactly as the
 * grader grades, on seeds 1–6 for each rate. Besides the graded test accuracy and cross-entropy it records the
 * training loss at the half-way epoch and at the last one (logged by the run), which tells "still learning" from
 * "settled".
 *
 *   node scripts/with-node.mjs node scripts/activation-depth/blobs-learning-rates.ts [--seeds 1-6]
 *
 * Writes src/components/figures/activation-depth/softmax-blobs/learning-rates.json (about 1 s of CPU per run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadExercise } from '../../graders/exercise-files.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../src/runtime/run-exercise.ts';
import { editSource, metricValues, parseMeasureArgs, seedRange } from '../measure-lib.ts';

const script = 'scripts/activation-depth/blobs-learning-rates.ts';
const out = 'src/components/figures/activation-depth/softmax-blobs/learning-rates.json';
const id = '04-activation-depth/01-softmax-blobs';
/** The rates of the lesson's table; 0.1 is the reference solution's. */
const rates = [0.003, 0.01, 0.1, 1, 3, 10];
const epochs = 300;

const { values: args } = parseMeasureArgs({});
const seedSpec = args.seeds === '1-10' ? '1-6' : args.seeds!;
const seeds = seedRange(seedSpec);
const { meta, solution } = loadExercise(id);
const tf = await useNodeBackend('wasm');

/** The reference solution at learning rate `lr`, logging the training loss half-way and at the end. */
function variant(lr: number): string {
  const edit = editSource(solution);
  edit.swap('tf.train.sgd(0.1)', `tf.train.sgd(${lr})`);
  edit.swap(
    'callbacks: { onEpochEnd: (epoch, logs) => ctx.report({ step: epoch, loss: logs?.loss ?? NaN, epochs: 300 }) },',
    `callbacks: { onEpochEnd: (epoch, logs) => { ctx.report({ step: epoch, loss: logs?.loss ?? NaN, epochs: 300 }); if (epoch + 1 === ${epochs / 2} || epoch + 1 === ${epochs}) ctx.log('train loss @' + (epoch + 1) + ' ' + (logs?.loss ?? NaN)); } },`,
  );
  if (!edit.source.includes(`epochs: ${epochs},`)) throw new Error(`solution.ts no longer trains for ${epochs} epochs`);
  return edit.source;
}

/** The logged training loss at `epoch` (NaN when the run diverged). */
const lossAt = (logs: string[], epoch: number) => Number(logs.find((l) => l.startsWith(`train loss @${epoch} `))?.split(' ').at(-1) ?? NaN);
const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

const rows = [];
for (const lr of rates) {
  console.log(`learning rate ${lr}`);
  const source = variant(lr);
  const runs = [];
  // Not measure-lib's gradeSeeds: a diverged run (NaN loss) is a result here, not an error.
  for (const seed of seeds) {
    const { report: r } = await runExercise({ meta, source, backend: 'wasm', runner: inThreadRunner(tf), seed });
    const m = metricValues(r);
    const run = {
      seed,
      status: r.error ? `error: ${r.error.message.split('\n')[0]}` : r.status,
      testAccuracy: round(m.testAccuracy ?? NaN),
      testCrossEntropy: round(m.testCrossEntropy ?? NaN),
      trainLossHalfway: round(lossAt(r.logs, epochs / 2)),
      trainLossEnd: round(lossAt(r.logs, epochs)),
    };
    console.log(JSON.stringify(run));
    runs.push(run);
  }
  rows.push({ learningRate: lr, runs });
}

const command = `node scripts/with-node.mjs node ${script} --seeds ${seedSpec}`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ provenance: provenance(script, command), exercise: id, change: 'tf.train.sgd(0.1) → tf.train.sgd(learningRate); nothing else', epochs, backend: 'wasm', bounds: Object.fromEntries(meta.checks.map((c) => [c.metric, { min: c.min, max: c.max }])), rates: rows }, null, 1) + '\n');
console.log(`wrote ${out}`);
