/**
 * Measurement behind the softmax-blobs lesson's "model.fit or a loop?" passage: the blobs and spiral reference
 * solutions as written (`model.compile` + full-batch `model.fit`) against the same training as a loop of
 * `optimizer.minimize` in `tf.tidy` that reads the loss every epoch for the same `ctx.report`
 * (scripts/bench/learner-variants.ts's `tidyLoop`). Graded in this process on WASM, with the WASM patches the
 * runtime installs, exactly as the grader grades; runs interleaved (fit, loop, fit, loop, …, seed r for run r, so
 * both variants of a run train on the same data) so a slow spell of the shared machine falls on both alike.
 *
 *   node scripts/with-node.mjs node scripts/activation-depth/measure-training-loop.ts [--runs 5]
 *
 * Writes src/components/figures/activation-depth/softmax-blobs/training-loop.json: per exercise the CPU seconds
 * (this process's user + system time, fairer than wall time on a shared machine) of each variant as median, min
 * and max over the runs, the ratio of the medians, and whether the two variants' graded metrics were identical.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadExercise } from '../../graders/exercise-files.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../src/runtime/run-exercise.ts';
import { installedWasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { median } from '../bench/format.ts';
import { tidyLoop } from '../bench/learner-variants.ts';
import { cpuSeconds, metricValues, parseMeasureArgs } from '../measure-lib.ts';

const script = 'scripts/activation-depth/measure-training-loop.ts';
const out = 'src/components/figures/activation-depth/softmax-blobs/training-loop.json';
const exercises = { blobs: '04-activation-depth/01-softmax-blobs', spiral: '04-activation-depth/05-spiral' };

const { values: args } = parseMeasureArgs({ runs: { type: 'string', default: '5' } });
const runs = Number(args.runs);
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs must be a positive integer, not ${args.runs}`);

const tf = await useNodeBackend('wasm');

/** One graded run in this process; its CPU seconds and metrics. Throws unless it passed. */
async function graded(meta: ReturnType<typeof loadExercise>['meta'], source: string, seed: number) {
  const c0 = process.cpuUsage();
  const { report } = await runExercise({ meta, source, backend: 'wasm', runner: inThreadRunner(tf), seed });
  const cpu = cpuSeconds(c0);
  if (report.status !== 'passed') throw new Error(`${meta.id} seed ${seed} did not pass: ${JSON.stringify(report.error ?? report.checks)}`);
  return { cpu, metrics: metricValues(report) };
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const summary = (xs: number[]) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) });

const results: Record<string, unknown> = {};
for (const [key, id] of Object.entries(exercises)) {
  const { meta, solution } = loadExercise(id);
  const variants = [
    { name: 'model.fit', source: solution },
    { name: 'tf.tidy + optimizer.minimize loop', source: tidyLoop(solution, 1) },
  ];
  // Warm-up: JIT and the first kernels' set-up are not a training step's cost.
  for (const v of variants) await graded(meta, v.source, 1);
  const cpu = variants.map(() => [] as number[]);
  let maxMetricDifference = 0;
  for (let r = 0; r < runs; r++) {
    const seed = r + 1;
    const [fit, loop] = [await graded(meta, variants[0]!.source, seed), await graded(meta, variants[1]!.source, seed)];
    cpu[0]!.push(fit.cpu);
    cpu[1]!.push(loop.cpu);
    for (const [metric, value] of Object.entries(fit.metrics)) maxMetricDifference = Math.max(maxMetricDifference, Math.abs(value - loop.metrics[metric]!));
    console.log(`${key} seed ${seed}: fit ${fit.cpu.toFixed(2)} s, loop ${loop.cpu.toFixed(2)} s CPU; fit ${JSON.stringify(fit.metrics)} loop ${JSON.stringify(loop.metrics)}`);
  }
  const epochs = Number(/epochs: (\d+)/.exec(solution)![1]);
  results[key] = {
    exercise: id,
    epochs,
    variants: variants.map((v, i) => ({ name: v.name, cpuSeconds: summary(cpu[i]!) })),
    // Loop CPU seconds / fit CPU seconds, medians: below 1 means the loop is faster.
    ratio: round(median(cpu[1]!) / median(cpu[0]!), 2),
    metricsIdentical: maxMetricDifference === 0,
    maxMetricDifference,
  };
  console.log(key, JSON.stringify(results[key]));
}

const command = ['node scripts/with-node.mjs node', script, ...process.argv.slice(2)].join(' ');
const result = {
  provenance: provenance(script, command),
  backend: `tfjs WASM in Node (one thread), patches: ${installedWasmPatches().join(', ') || 'none'}`,
  runs,
  seeds: `1–${runs}, the same seed for both variants of a run`,
  measure: 'CPU seconds (user + system) of one whole graded run: data, training, evaluation on the test split',
  exercises: results,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
console.log(`wrote ${out}`);
