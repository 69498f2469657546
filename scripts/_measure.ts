import { readFileSync } from 'node:fs';
import { loadExercise } from '/work/main/graders/exercise-files.ts';
import { runExercise } from '/work/main/src/runtime/run-exercise.ts';
import { useNodeBackend } from '/work/main/src/runtime/node-backend.ts';
const ex = loadExercise('04-activation-depth/01-softmax-blobs');
const source = process.argv[3] ? readFileSync(process.argv[3], 'utf8') : ex.solution;
const tf = await useNodeBackend((process.argv[2] ?? 'wasm') as any);
for (const seed of (process.argv[4] ?? '1,2,3,4,5,6,7,8,9,10').split(',').map(Number)) {
  const t0 = performance.now();
  const r = await runExercise({ meta: ex.meta, source, tf, seed });
  console.log(seed, r.report.status, r.report.checks.map((c) => c.value.toFixed(4)).join(' '), r.report.error?.message ?? '', (performance.now() - t0).toFixed(0) + 'ms', tf.memory().numTensors);
}
