/**
 * `npm run bench -- --steps-only`: where a training step's time goes, for the exercises whose solution trains
 * with a full-batch `model.fit` (the spiral and the blobs; `--exercise` narrows it). All in this process on WASM
 * (with whatever patches `wasmPatches` holds installed), graded exactly as the grader grades:
 *   1. kernels: tf.profile over a whole graded run (at most 200 epochs of it): the kernels' own time (tfjs-wasm
 *      times each call) against the run's wall time, and the costliest kernels per epoch with their input shapes;
 *   2. CPU profile: V8's sampler over another graded run, self time split by where the code lives (WASM kernels,
 *      tfjs's engine / backend / layers JavaScript, GC, our runtime and graders, the learner's code);
 *   3. the learner's choices: the solution against rewrites that train the same network the same steps
 *      (learner-variants.ts: fit without its callback; a tf.tidy + optimizer.minimize loop), and the same number
 *      of steps in smaller batches, which shows the fixed cost of a step.
 */
import type { ExerciseMeta } from '../../graders/schema.ts';
import { loadExercise } from '../../graders/exercise-files.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../src/runtime/run-exercise.ts';
import { installWasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { metricValues } from '../measure-lib.ts';
import { buckets, profileBuckets } from './cpu-profile.ts';
import { duration, median, printTable, ratio } from './format.ts';
import { learnerVariants, type Variant } from './learner-variants.ts';

type Tf = Awaited<ReturnType<typeof useNodeBackend>>;

/** The exercises this part profiles by default: the ones a full-batch model.fit trains. */
export const stepExercises = ['04-activation-depth/05-spiral', '04-activation-depth/01-softmax-blobs'];

const epochsOf = (solution: string) => Number(/epochs: (\d+)/.exec(solution)?.[1] ?? NaN);

/** One graded run in this process; throws unless it passed (or, with `mayFail`, unless it ran). */
async function graded(tf: Tf, meta: ExerciseMeta, source: string, seed = 1, mayFail = false) {
  const { report } = await runExercise({ meta, source, backend: 'wasm', runner: inThreadRunner(tf), seed });
  if (report.status !== 'passed' && !(mayFail && report.status === 'failed')) throw new Error(`${meta.id} did not pass: ${JSON.stringify(report.error ?? report.checks)}`);
  return report;
}

/** tf.profile spreads its kernel list into Math.max: past ~100k kernels (the spiral's 1000 epochs) it overflows the stack. */
const MAX_PROFILED_EPOCHS = 200;

async function kernelShare(tf: Tf, meta: ExerciseMeta, solution: string): Promise<void> {
  const epochs = Math.min(epochsOf(solution), MAX_PROFILED_EPOCHS);
  const source = solution.replace(`epochs: ${epochsOf(solution)},`, `epochs: ${epochs},`);
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    // Fewer epochs may not pass; the kernels per epoch are the same.
    await runExercise({ meta, source, backend: 'wasm', runner: inThreadRunner(tf), seed: 1 });
    return [];
  });
  const wall = performance.now() - t0;
  const byKernel = new Map<string, { ms: number; calls: number }>();
  let kernelMs = 0;
  for (const k of info.kernels) {
    const ms = Number(await k.kernelTimeMs);
    kernelMs += ms;
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const e = byKernel.get(key) ?? { ms: 0, calls: 0 };
    byKernel.set(key, { ms: e.ms + ms, calls: e.calls + 1 });
  }
  const rows = [['kernel (input shapes)', 'ms per epoch', 'calls per epoch', 'share of kernel time']];
  for (const [k, v] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10))
    rows.push([k, (v.ms / epochs).toFixed(3), (v.calls / epochs).toFixed(0), `${((100 * v.ms) / kernelMs).toFixed(1)} %`]);
  printTable(
    `${meta.id}: kernels in one graded run (tf.profile, ${epochs} epochs${epochs < epochsOf(solution) ? ` of the solution's ${epochsOf(solution)}` : ''})`,
    rows,
    `Run ${duration(wall)} under the profiler, ${(wall / epochs).toFixed(2)} ms per epoch: kernels ${(kernelMs / epochs).toFixed(2)} ms (${((100 * kernelMs) / wall).toFixed(0)} %), ` +
      `${(info.kernels.length / epochs).toFixed(0)} kernel calls; the rest, ${((wall - kernelMs) / epochs).toFixed(2)} ms per epoch, is JavaScript around them (tfjs dispatch, allocation, autodiff, model.fit, our runtime).`,
  );
}

async function cpuSplit(tf: Tf, meta: ExerciseMeta, solution: string): Promise<void> {
  const { ms, top } = await profileBuckets(() => graded(tf, meta, solution));
  const total = [...ms.values()].reduce((a, b) => a + b, 0);
  const rows = [['where', 'ms', 'share', 'costliest functions (ms)']];
  for (const b of buckets)
    if (ms.get(b)! >= 0.5) rows.push([b, ms.get(b)!.toFixed(0), `${((100 * ms.get(b)!) / total).toFixed(1)} %`, top.get(b)!.map(([f, t]) => `${f} ${t.toFixed(0)}`).join(', ')]);
  printTable(`${meta.id}: CPU profile of one graded run (self time by where the code lives)`, rows);
}

async function choices(tf: Tf, meta: ExerciseMeta, solution: string, runs: number): Promise<void> {
  const variants: (Variant & { mayFail?: boolean })[] = learnerVariants(solution);
  const epochs = epochsOf(solution);
  // Same steps in smaller batches: epochs shrink as batches grow in number, so the step count stays the same.
  for (const split of [10, 100]) {
    if (epochs % split) continue;
    // Timing only: another training, which need not reach the exercise's bar (its metrics show whether it does).
    variants.push({ mayFail: true, name: `model.fit, batches of n/${split}, ${epochs / split} epochs (same steps)`, source: solution.replace('batchSize: data.n,', `batchSize: Math.ceil(data.n / ${split}),`).replace(`epochs: ${epochs},`, `epochs: ${epochs / split},`) });
  }
  const times = variants.map(() => [] as number[]);
  const cpu = variants.map(() => [] as number[]);
  const metrics: string[] = [];
  // Interleaved, so a slow spell of a shared machine falls on every variant alike.
  for (let r = 0; r < runs; r++)
    for (const [i, v] of variants.entries()) {
      const c0 = process.cpuUsage();
      const report = await graded(tf, meta, v.source, r + 1, v.mayFail);
      const c = process.cpuUsage(c0);
      times[i]!.push(report.durationMs);
      cpu[i]!.push((c.user + c.system) / 1000);
      if (r === 0) metrics[i] = `${Object.entries(metricValues(report)).map(([k, x]) => `${k} ${x.toFixed(4)}`).join(', ')}${report.status === 'passed' ? '' : ' (fails the bar)'}`;
    }
  const base = median(times[0]!);
  const baseCpu = median(cpu[0]!);
  const rows = [['learner code', 'graded run (wall, median)', 'vs the solution', 'CPU time (median)', 'vs the solution', 'CPU per step', 'metrics (seed 1)']];
  variants.forEach((v, i) => {
    const [w, c] = [median(times[i]!), median(cpu[i]!)];
    rows.push([v.name, duration(w), ratio(w, base), duration(c), ratio(c, baseCpu), `${(c / epochs).toFixed(2)} ms`, metrics[i]!]);
  });
  printTable(
    `${meta.id}: the learner's choices (${runs} interleaved graded runs each, seeds 1–${runs})`,
    rows,
    `CPU time: this process's user + system time over the graded run, steadier than wall time on a shared machine. "CPU per step": divided by the ${epochs} optimiser steps (data, evaluation and grading included).`,
  );
}

export async function benchSteps(o: { ids: string[]; runs: number }): Promise<void> {
  const tf = await useNodeBackend('wasm');
  installWasmPatches(tf);
  for (const id of stepExercises.filter((e) => o.ids.includes(e))) {
    const { meta, solution } = loadExercise(id);
    await graded(tf, meta, solution); // warm-up: JIT and the first kernels' set-up are not a step's cost
    await kernelShare(tf, meta, solution);
    await cpuSplit(tf, meta, solution);
    await choices(tf, meta, solution, o.runs);
  }
}
