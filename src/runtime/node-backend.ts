/**
 * tfjs for Node (grader CLI, tests, benchmarks): the pure-JS CPU backend or the WASM backend, which reads its
 * .wasm files from node_modules (no network). tfjs-node cannot be installed here (its install script downloads
 * libtensorflow), and WASM is ~7× faster than CPU for these small models anyway (STACK-NOTES.md §4).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmPatches, wasmPatches } from './wasm-patches/index.ts';
import type { NodeBackend } from './node-backends.ts';

export { nodeBackends, type NodeBackend } from './node-backends.ts';

/**
 * Which WASM patches to install, from `RDL_WASM_PATCHES` (for A/B measurements in this process only): unset or
 * empty = all of them, `off` = none, `id1,id2` = those. The sandboxed grading child gets an empty environment, so
 * it always runs with every patch: a grade never depends on the grader's environment.
 */
export function wasmPatchSelection(value: string | undefined): { only?: string[] } {
  if (value === undefined || value.trim() === '') return {};
  if (value.trim() === 'off') return { only: [] };
  const only = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known = wasmPatches.map((p) => p.id);
  const unknown = only.filter((id) => !known.includes(id));
  if (unknown.length) throw new Error(`RDL_WASM_PATCHES names no patch ${unknown.join(', ')}; the patches are: ${known.join(', ')} (or "off").`);
  return { only };
}

let patchesInstalled = false;

/**
 * Switches tfjs to `name` and waits until it is ready; returns the tfjs namespace. The first switch to WASM
 * installs our fixes of its kernels (src/runtime/wasm-patches/), before any learner code can run; later calls
 * leave them as they are, so a measurement that uninstalls them keeps the stock kernels.
 */
export async function useNodeBackend(name: NodeBackend = 'wasm'): Promise<typeof tf> {
  // Production mode: skips debug-only checks and the "install tfjs-node" banner, which learners cannot act on.
  tf.env().set('PROD', true);
  if (name === 'wasm' && !patchesInstalled) {
    installWasmPatches(tf, wasmPatchSelection(process.env.RDL_WASM_PATCHES));
    patchesInstalled = true;
  }
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs could not start the "${name}" backend in Node.`);
  }
  await tf.ready();
  return tf;
}
