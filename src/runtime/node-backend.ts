/**
 * tfjs for Node (grader CLI, tests, benchmarks): the pure-JS CPU backend or the WASM backend, which reads its
 * .wasm files from node_modules (no network). tfjs-node cannot be installed here (its install script downloads
 * libtensorflow), and WASM is ~7× faster than CPU for these small models anyway (STACK-NOTES.md §4).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { NodeBackend } from './node-backends.ts';

export { nodeBackends, type NodeBackend } from './node-backends.ts';

/** Switches tfjs to `name` and waits until it is ready; returns the tfjs namespace. */
export async function useNodeBackend(name: NodeBackend = 'wasm'): Promise<typeof tf> {
  // Production mode: skips debug-only checks and the "install tfjs-node" banner, which learners cannot act on.
  tf.env().set('PROD', true);
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs could not start the "${name}" backend in Node.`);
  }
  await tf.ready();
  return tf;
}
