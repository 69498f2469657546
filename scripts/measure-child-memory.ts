/**
 * `node scripts/measure-child-memory.ts [memoryMb…]`: how much memory a submission gets in the grading sandbox at
 * each address-space cap (default 2048, 4096, 8192). Two probe submissions run in a real sandboxed child, as
 * `npm run grade` runs them: one fills tfjs-WASM's heap with 64 MB tensors until an allocation fails (then frees
 * them and fills typed arrays), the other fills typed arrays only. Prints one line per cap; the numbers in
 * src/runtime/sandbox.ts and docs/instructors.md ("memory") come from here.
 */
import { loadExercise } from '../graders/exercise-files.ts';
import { gradeInSandbox } from '../instructor/batch/grade-batch.ts';

const header = "import * as tf from '@tensorflow/tfjs';\nimport type { Split, TrainContext } from 'course';\n";
const fillTypedArrays = `const a: Float32Array[] = []; let ta = 0;
  try { for (;;) { a.push(new Float32Array(16 * 1024 * 1024)); ta += 64; } } catch { ctx.log(\`PROBE typed arrays \${ta}\`); }`;
const probes = {
  wasm: `${header}export async function train(data: Split, ctx: TrainContext): Promise<tf.LayersModel> {
  const ts: tf.Tensor[] = []; let mb = 0;
  try { for (;;) { ts.push(tf.zeros([16 * 1024 * 1024])); mb += 64; } } catch { ctx.log(\`PROBE wasm heap \${mb}\`); }
  ts.forEach((t) => t.dispose());
  ${fillTypedArrays}
  return tf.sequential();
}`,
  typedArrays: `${header}export async function train(data: Split, ctx: TrainContext): Promise<tf.LayersModel> {
  ${fillTypedArrays}
  return tf.sequential();
}`,
};

const exercise = loadExercise('04-activation-depth/01-softmax-blobs');
const caps = process.argv.slice(2).map(Number);
for (const memoryMb of caps.length ? caps : [2048, 4096, 8192]) {
  const found: string[] = [];
  for (const [name, source] of Object.entries(probes)) {
    const report = await gradeInSandbox(exercise, source, { memoryMb, timeoutMs: 120_000 });
    const lines = report.logs.filter((l) => l.startsWith('PROBE')).map((l) => `${l.slice(6)} MB`);
    found.push(`${name} probe: ${lines.join(', ') || `no result (${report.error?.message.slice(0, 120)})`}`);
  }
  console.log(`--memory ${memoryMb}: ${found.join('; ')}`);
}
