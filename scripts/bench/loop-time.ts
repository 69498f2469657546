/**
 * `node scripts/bench/loop-time.ts <exercise-id> [seed]`: grades the exercise's reference solution once in a fresh
 * process on WASM (with the patches installed) and prints one JSON line: the training loop's milliseconds (first
 * to last ctx.report, scaled by reports/(reports − 1) to count the first epoch; the whole run for an exercise that
 * reports no loop) and the whole graded run's. A fresh
 * process, like the grading child, so the loop is timed cold (JIT warm-up included), as PyTorch's is.
 * The PyTorch part of `npm run bench` (pytorch.ts) spawns it.
 */
import { loadExercise } from '../../graders/exercise-files.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../src/runtime/run-exercise.ts';
import { installWasmPatches } from '../../src/runtime/wasm-patches/index.ts';

const [exercise, seed = '1'] = process.argv.slice(2);
if (!exercise) throw new Error('usage: node scripts/bench/loop-time.ts <exercise-id> [seed]');
const tf = await useNodeBackend('wasm');
installWasmPatches(tf);
const { meta, solution } = loadExercise(exercise);
const at: number[] = [];
const { report } = await runExercise({ meta, source: solution, backend: 'wasm', runner: inThreadRunner(tf), seed: Number(seed), onProgress: () => at.push(performance.now()) });
if (report.status !== 'passed') throw new Error(`${exercise} did not pass: ${JSON.stringify(report.error ?? report.checks)}`);
// An exercise that computes numbers instead of training (a log-density) reports no loop; its whole graded run,
// a little more than its computation, stands in for one.
const loopMs = at.length >= 2 ? ((at.at(-1)! - at[0]!) * at.length) / (at.length - 1) : report.durationMs;
console.log(JSON.stringify({ exercise, loopMs, runMs: report.durationMs, reports: at.length }));
