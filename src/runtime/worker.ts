/// <reference lib="webworker" />
/**
 * The exercise worker: picks a backend, runs the learner's code, grades it, and posts everything back.
 * Running in a worker keeps the page responsive during training and lets Stop end any run at once
 * (the page terminates the worker, even inside an endless loop).
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, confirmTfjsPrecision, probeBrowserBackends, type BackendChoice, type BackendName, type BackendNeeds, type BackendProbe } from './backend.ts';
import type { DebugFlags } from './debug-flags.ts';
import type { RunRequest, WorkerMessage } from './protocol.ts';
import { readLearnerPlots } from './live-frames/index.ts';
import { consoleText } from './output-limits.ts';
import { inThreadRunner, runExercise } from './run-exercise.ts';
import type { LearnerRunner } from './run-learner.ts';
import { installWasmPatches, installedWasmPatches } from './wasm-patches/index.ts';
import { serveCompiledModules } from './wasm-module-cache.ts';
// The WASM binaries are bundled by Vite and served from our own origin: nothing comes from a CDN.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

const post = (m: WorkerMessage) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

/**
 * While the learner's code runs, `console.log/info/warn/error/debug` go to the run's log panel, as in the grading
 * child (node-child.ts): a learner who prints a shape or a loss sees it beside the run, not only in the browser's
 * developer tools. The lines pass through the same bound as ctx.log (runExercise's log limiter). Outside a run (the
 * backend's start-up) the console is the browser's.
 */
let consoleSink: ((line: string) => void) | undefined;
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => (consoleSink ? consoleSink(args.map(consoleText).join(' ')) : original(...args));
}
// A promise the learner's code did not await and that fails later goes to the run's log too (as in node-child.ts).
self.addEventListener('unhandledrejection', (e) => {
  if (!consoleSink) return;
  e.preventDefault();
  consoleSink(`A promise your code did not await failed: ${consoleText((e.reason as Error)?.message ?? e.reason)}`);
});
/** A runner in this thread whose console output is the run's log. */
const consoleToLog = (runner: LearnerRunner): LearnerRunner => async (input, events) => {
  consoleSink = events.onLog;
  try {
    return await runner(input, events);
  } finally {
    consoleSink = undefined;
  }
};

/**
 * Registers the backend's package (loaded only when needed) and starts it; throws with a reason if it cannot.
 * Returns how many threads it computes on (WASM on a cross-origin-isolated page can have more than one).
 */
async function startBackend(name: BackendName): Promise<number> {
  let threads = () => 1;
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
    // tfjs picks its threaded build wherever SharedArrayBuffer exists, i.e. on a cross-origin-isolated page. The site
    // asks for isolation only when built or served with RDL_CROSS_ORIGIN_ISOLATION=1 (astro.config.mjs): on 2 cores,
    // 2 threads made the reference solutions slower (docs/backends.md). The plugin tfjs-wasm-threads.ts keeps the
    // bundled threaded build from hanging; this line keeps it off elsewhere.
    if (!(self as { crossOriginIsolated?: boolean }).crossOriginIsolated) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    threads = () => wasm.getThreadsCount();
    // Our fixes of its kernels, as in Node (node-backend.ts), so the page computes what the grader computes.
    installWasmPatches(tf);
  }
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend(name))) throw new Error('tfjs could not initialise it');
  await tf.ready();
  return threads();
}

/** The probes, with the test-only `software-gpu` flag applied (debug-flags.ts). */
async function probe(debug: DebugFlags): Promise<BackendProbe[]> {
  const probes = await probeBrowserBackends();
  if (!debug.softwareGpu) return probes;
  return probes.map((p) => (p.software ? { ...p, software: false, detail: `${p.detail}, software but counted as hardware (rdl-debug=software-gpu)` } : p));
}

/**
 * Starts the first candidate that tfjs can start and that, once started, keeps the precision its probe promised;
 * when tfjs turns out to render WebGL in 16-bit floats, the choice is made again with that knowledge, so the badge's
 * reasons match the backend that runs.
 */
async function startChosen(req: RunRequest, needs: BackendNeeds): Promise<{ backend: BackendName; threads: number; choice: BackendChoice; failed: { name: BackendName; why: string }[] }> {
  let probes = await probe(req.debug ?? {});
  const failed: { name: BackendName; why: string }[] = [];
  // At most two rounds: a correction only ever turns a probe's float32 from true to false.
  for (let round = 0; round < 2; round++) {
    const choice = chooseBackend(probes, req.backend, needs);
    let corrected: BackendProbe[] | null = null;
    for (const name of choice.candidates) {
      if (failed.some((f) => f.name === name)) continue;
      let threads: number;
      try {
        threads = await startBackend(name);
      } catch (e) {
        failed.push({ name, why: (e as Error).message });
        continue;
      }
      corrected = name === 'webgl' ? confirmTfjsPrecision(probes, name, tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')) : null;
      if (!corrected) return { backend: name, threads, choice, failed };
      break;
    }
    if (!corrected) break;
    probes = corrected;
  }
  throw new Error(`No tfjs backend could start: ${failed.map((f) => `${f.name}: ${f.why}`).join('; ')}`);
}

async function run(req: RunRequest): Promise<void> {
  // Test-only (debug-flags.ts): make tfjs-webgl store 16-bit floats, as a GPU without float32 render targets does.
  if (req.debug?.forceF16) tf.env().set('WEBGL_FORCE_F16_TEXTURES', true);
  const needs: BackendNeeds = { float32: req.meta.precision?.needs === 'float32', ...(req.meta.precision && { why: req.meta.precision.why }) };
  // Before any backend starts: the page's compiled WebAssembly from an earlier run, and this run's back to the page.
  const wasmModule = serveCompiledModules(req.debug?.noWasmCache ? {} : (req.compiled ?? {}), (url, module) => post({ type: 'wasm-module', url, module }));
  const { backend, threads, choice, failed } = await startChosen(req, needs);
  post({ type: 'backend', backend, threads, choice, failed, wasmPatches: backend === 'wasm' ? [...installedWasmPatches()] : [], wasmModule: wasmModule() });
  const result = await runExercise({
    meta: req.meta,
    source: req.source,
    backend,
    // The page draws the learner's own live frames, so they are validated here (the grading child never reads them).
    runner: consoleToLog(inThreadRunner(tf, { readPlots: readLearnerPlots })),
    seed: req.seed,
    gridSize: req.gridSize,
    onPage: req.onPage,
    ...(req.starter !== undefined && { starter: req.starter }),
    onProgress: (p) => post({ type: 'progress', ...p }),
    onLog: (line) => post({ type: 'log', line }),
  });
  post({ type: 'done', result });
}

self.onmessage = (e: MessageEvent<RunRequest>) => {
  if (e.data?.type !== 'run') return;
  run(e.data).catch((err: unknown) => post({ type: 'crash', message: err instanceof Error ? err.message : String(err) }));
};
