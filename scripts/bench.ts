/**
 * `npm run bench`: how fast the course's code runs, in parts (each a module in scripts/bench/). It prints numbers
 * and asserts nothing; what must hold on every seed is asserted by `npm run check:corpus`.
 *   kernels    micro-benchmarks of the kernels issue 11 found slow or missing on WASM, keyed by the id of the
 *              patch meant for each (kernel-cases.ts): stock WASM, patched WASM, CPU, patched/stock
 *   node       each reference solution graded in this process: stock WASM, patched WASM, CPU (before/after)
 *   steps      where a training step's time goes (tf.profile kernels, a CPU profile by code location) and the
 *              learner's choices (model.fit vs a tf.tidy + optimizer.minimize loop, batch size), spiral and blobs
 *   torch      the same jobs in PyTorch side by side (scripts/bench/pytorch/*.py), whole process and training loop,
 *              single-threaded and with torch's default threads; skipped with a note where torch is missing
 *   batch      instructor throughput: 20 students' submissions graded in sandboxed children
 *   browser    the built site in Debian's Chromium on WASM, WebGL, WebGPU (run `npm run build` first)
 *   bytes      per exercise page, the JavaScript (gzip) loaded before the editor, when it opens, and on the first run
 *   startup    a run's start-up in Chromium, first and later runs, with and without handing over compiled WebAssembly
 * Options: --<part>-only (repeatable: `--kernels-only --torch-only` runs those two; default: every part),
 * --runs N (default 5 for node, 3 for steps, torch and browser), --exercise ID (repeatable; default: all),
 * --students N (default 20).
 */
import { parseArgs } from 'node:util';
import { listExerciseIds } from '../graders/exercise-files.ts';
import { benchBatch } from './bench/batch.ts';
import { benchBrowser } from './bench/browser.ts';
import { benchBytes } from './bench/bytes.ts';
import { benchStartup } from './bench/startup.ts';
import { benchExercises } from './bench/exercises.ts';
import { benchKernels } from './bench/kernels.ts';
import { benchSteps } from './bench/steps.ts';
import { benchTorch } from './bench/pytorch.ts';

const parts = ['kernels', 'node', 'steps', 'torch', 'batch', 'browser', 'bytes', 'startup'] as const;
type Part = (typeof parts)[number];

const { values: args } = parseArgs({
  options: {
    ...Object.fromEntries(parts.map((p) => [`${p}-only`, { type: 'boolean' as const }])),
    runs: { type: 'string' },
    students: { type: 'string', default: '20' },
    exercise: { type: 'string', multiple: true },
  },
});
const flags = args as Record<string, unknown>;
const chosen = parts.filter((p) => flags[`${p}-only`]);
const run = (p: Part) => chosen.length === 0 || chosen.includes(p);
const runs = (fallback: number) => Number(args.runs ?? fallback);
const ids = listExerciseIds().filter((id) => !args.exercise || args.exercise.includes(id));

if (run('kernels')) await benchKernels();
if (run('node')) await benchExercises({ ids, runs: runs(5) });
if (run('steps')) await benchSteps({ ids, runs: runs(3) });
if (run('torch')) await benchTorch({ ids, runs: runs(3) });
if (run('batch')) await benchBatch({ students: Number(args.students) });
if (run('browser')) await benchBrowser({ ids, runs: runs(3) });
if (run('bytes')) await benchBytes({ ids });
// Start-up does not depend on the exercise: one quick one unless --exercise says otherwise.
if (run('startup')) await benchStartup({ ids: args.exercise ? ids : ['04-activation-depth/07-gradient-norms'], runs: runs(3) });

console.log('\nEvery solution on six seeds, asserted (pass, no tensor leak, 2 % inside its bounds): npm run check:corpus');
