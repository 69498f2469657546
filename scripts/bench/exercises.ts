/**
 * `npm run bench -- --node-only`: each exercise's reference solution graded in this process (the time the
 * grader's own clock reports), before and after the WASM patches: stock WASM (every patch uninstalled), patched
 * WASM (every patch in `wasmPatches`; the same as stock while the list is empty) and the pure-JS CPU backend.
 * Runs are interleaved by backend (stock, patched, CPU, stock, …) so a busy spell of a shared machine hits all.
 */
import { loadExercise } from '../../graders/exercise-files.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../src/runtime/run-exercise.ts';
import { installWasmPatches, uninstallWasmPatches, wasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { duration, median, pairedRatio, printTable } from './format.ts';

type Config = 'stock' | 'patched' | 'cpu';

export async function benchExercises(o: { ids: string[]; runs: number }): Promise<void> {
  const configs: Config[] = wasmPatches.length ? ['stock', 'patched', 'cpu'] : ['stock', 'cpu'];
  const rows = [['exercise', 'stock wasm', 'patched wasm', 'patched/stock', 'cpu', 'runs (stock | patched | cpu)']];
  for (const id of o.ids) {
    const { meta, solution } = loadExercise(id);
    const times = new Map<Config, number[]>(configs.map((c) => [c, []]));
    const failed = new Map<Config, string>();
    for (let i = 0; i < o.runs; i++)
      for (const c of configs) {
        const tf = await useNodeBackend(c === 'cpu' ? 'cpu' : 'wasm');
        if (c === 'stock') uninstallWasmPatches(tf);
        if (c === 'patched') installWasmPatches(tf);
        const { report } = await runExercise({ meta, source: solution, backend: tf.getBackend(), runner: inThreadRunner(tf), seed: i + 1 });
        // Stock WASM may lack a kernel a patch adds (no conv layer trains without `conv-gradients`): say so in its
        // column. The patched backend is the grader's, so a failure there stops the bench.
        if (report.status !== 'passed' && c === 'stock' && report.error) {
          failed.set(c, report.error.message.split('\n')[0]!.slice(0, 60));
          continue;
        }
        if (report.status !== 'passed') throw new Error(`${id} did not pass on ${c}: ${JSON.stringify(report.error ?? report.checks)}`);
        times.get(c)!.push(report.durationMs);
      }
    const m = (c: Config) => (times.get(c)?.length ? median(times.get(c)!) : undefined);
    const cell = (c: Config) => (failed.has(c) ? `fails: ${failed.get(c)}` : duration(m(c)!));
    const patched = wasmPatches.length ? duration(m('patched')!) : 'no patches yet';
    const ratio = wasmPatches.length && !failed.has('stock') ? pairedRatio(times.get('patched')!, times.get('stock')!) : '–';
    rows.push([id, cell('stock'), patched, ratio, cell('cpu'), configs.map((c) => times.get(c)!.map(duration).join(', ')).join(' | ')]);
  }
  installWasmPatches(await useNodeBackend('wasm'));
  printTable(`Exercises in Node: the reference solution graded in this process, median of ${o.runs} (seeds 1–${o.runs})`, rows, `Patches in wasmPatches: ${wasmPatches.map((p) => p.id).join(', ') || 'none yet'}.`);
}
