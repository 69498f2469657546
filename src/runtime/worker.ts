/// <reference lib="webworker" />
/**
 * The exercise worker: picks a backend, runs the learner's code, grades it, and posts everything back.
 * Running in a worker keeps the page responsive during training and lets Stop end any run at once
 * (the page terminates the worker, even inside an endless loop).
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, probeBrowserBackends, type BackendName } from './backend.ts';
import type { RunRequest, WorkerMessage } from './protocol.ts';
import { inThreadRunner, runExercise } from './run-exercise.ts';
import { installWasmPatches, installedWasmPatches } from './wasm-patches/index.ts';
// The WASM binaries are bundled by Vite and served from our own origin: nothing comes from a CDN.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

const post = (m: WorkerMessage) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

/** Registers the backend's package (loaded only when needed) and starts it; throws with a reason if it cannot. */
async function startBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
    // The threaded build's pthread workers break when bundled (STACK-NOTES.md §3): use the single-threaded SIMD one.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    // Our fixes of its kernels, as in Node (node-backend.ts), so the page computes what the grader computes.
    installWasmPatches(tf);
  }
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend(name))) throw new Error('tfjs could not initialise it');
  await tf.ready();
}

async function run(req: RunRequest): Promise<void> {
  const choice = chooseBackend(await probeBrowserBackends(), req.backend);
  const failed: { name: BackendName; why: string }[] = [];
  let backend: BackendName | undefined;
  for (const name of choice.candidates) {
    try {
      await startBackend(name);
      backend = name;
      break;
    } catch (e) {
      failed.push({ name, why: (e as Error).message });
    }
  }
  if (!backend) throw new Error(`No tfjs backend could start: ${failed.map((f) => `${f.name}: ${f.why}`).join('; ')}`);
  post({ type: 'backend', backend, choice, failed, wasmPatches: backend === 'wasm' ? [...installedWasmPatches()] : [] });
  const result = await runExercise({
    meta: req.meta,
    source: req.source,
    backend,
    runner: inThreadRunner(tf),
    seed: req.seed,
    gridSize: req.gridSize,
    onProgress: (p) => post({ type: 'progress', ...p }),
    onLog: (line) => post({ type: 'log', line }),
  });
  post({ type: 'done', result });
}

self.onmessage = (e: MessageEvent<RunRequest>) => {
  if (e.data?.type !== 'run') return;
  run(e.data).catch((err: unknown) => post({ type: 'crash', message: err instanceof Error ? err.message : String(err) }));
};
