/**
 * Fixes for tfjs's WebAssembly backend, registered over its stock kernels before any learner code runs: in the
 * browser worker, in the grader's child, and in the in-process runner that tests and measurement scripts use, so
 * all three compute the same numbers.
 *
 * Each patch names the tfjs version it was measured on and why it exists, so it can be dropped when tfjs fixes
 * the kernel. A patch builds its kernels from the stock kernels captured before anything was replaced (e.g. "an
 * explicit Transpose, then the stock BatchMatMul"), so patches never call each other by accident.
 */
import type { KernelConfig } from '@tensorflow/tfjs';
import type * as tfNamespace from '@tensorflow/tfjs';
import { broadcastBinaryPatch } from './broadcast-binary.ts';
import { convGradientsPatch, convInputGradientPatch } from './conv-gradients.ts';
import { gatherInOrderPatch } from './gather-in-order.ts';
import { identitySharesDataPatch } from './identity-shares-data.ts';
import { fusedMatmul, matmulGradientSwap, matmulTranspose } from './matmul.ts';
import { maxPoolGradPatch } from './max-pool-grad.ts';
import { accurateReductionsPatch } from './reductions.ts';
import { segmentSumPatch } from './segment-sum.ts';
import { tilePatch } from './tile.ts';

type Tf = typeof tfNamespace;

/** The wasm backend's stock kernels, captured before any patch replaced them. */
export type StockKernels = ReadonlyMap<string, KernelConfig>;

/** One fix: the kernels it registers on the wasm backend, and why. */
export interface WasmPatch {
  /** Short id, e.g. "matmul-transpose"; used by the bench and by `installWasmPatches(tf, { only })`. */
  id: string;
  /** The tfjs release the problem was measured on; drop the patch once a release fixes it. */
  tfjs: string;
  /** One line for the README and the bench: the problem it fixes, with the measurement. */
  why: string;
  /** The kernel configs to register for backendName 'wasm' (each replaces a stock kernel of that name, if any). */
  kernels(stock: StockKernels, tf: Tf): KernelConfig[];
}

/** Every patch, in the order they are installed. */
export const wasmPatches: readonly WasmPatch[] = [
  matmulTranspose,
  fusedMatmul,
  accurateReductionsPatch,
  broadcastBinaryPatch,
  tilePatch,
  convGradientsPatch,
  convInputGradientPatch,
  segmentSumPatch,
  maxPoolGradPatch,
  matmulGradientSwap, // after matmul-transpose: it registers BatchMatMul over it
  identitySharesDataPatch,
  gatherInOrderPatch,
];

const BACKEND = 'wasm';
let stock: Map<string, KernelConfig> | undefined;
let installed: string[] = [];
/** The kernel names the installed patches registered, for uninstall. */
let replacedNames: string[] = [];

function captureStock(tf: Tf): Map<string, KernelConfig> {
  if (!stock) {
    stock = new Map();
    for (const k of tf.getKernelsForBackend(BACKEND)) stock.set(k.kernelName, k);
  }
  return stock;
}

/** The wasm backend if tfjs has already initialised it (never starts it: that is async and the caller's to do). */
const liveBackend = (tf: Tf) => (tf.engine().registry as Record<string, Parameters<NonNullable<KernelConfig['setupFunc']>>[0] | undefined>)[BACKEND];

/**
 * Registers `k` in place of any kernel of its name. tfjs runs a kernel's setupFunc (which binds its wasm function)
 * only for the kernels registered when the backend starts, so a kernel registered later is set up here.
 */
function register(tf: Tf, k: KernelConfig): void {
  if (tf.getKernel(k.kernelName, BACKEND)) tf.unregisterKernel(k.kernelName, BACKEND);
  tf.registerKernel(k);
  const backend = liveBackend(tf);
  if (backend) k.setupFunc?.(backend);
}

/** Both functions, in order (either may be absent). */
function both<A extends unknown[]>(first?: (...a: A) => void, second?: (...a: A) => void): ((...a: A) => void) | undefined {
  return first && second ? (...a) => (first(...a), second(...a)) : (first ?? second);
}

/**
 * Registers the patches' kernels on the wasm backend (all of them, or those in `only`). Idempotent: a second call
 * first restores the stock kernels. Needs '@tensorflow/tfjs-backend-wasm' imported (its import registers the stock
 * kernels); safe before or after `setBackend('wasm')`. Returns the ids installed.
 */
export function installWasmPatches(tf: Tf, options: { only?: readonly string[] } = {}): string[] {
  uninstallWasmPatches(tf);
  const base = captureStock(tf);
  const chosen = wasmPatches.filter((p) => !options.only || options.only.includes(p.id));
  for (const p of chosen) {
    for (const k of p.kernels(base, tf)) {
      if (k.backendName !== BACKEND) throw new Error(`wasm patch ${p.id} registers ${k.kernelName} for ${k.backendName}`);
      // The replaced stock kernel keeps its set-up and tear-down, whether or not the patch calls it: a patch that does
      // call it needs its wasm function bound, and uninstalling after the backend started puts it back, where a stock
      // kernel that was never set up fails ("wasmX is not a function"). So no patch has to copy them.
      const replaced = base.get(k.kernelName);
      const setupFunc = both(replaced?.setupFunc, k.setupFunc);
      const disposeFunc = both(replaced?.disposeFunc, k.disposeFunc);
      register(tf, { ...k, ...(setupFunc && { setupFunc }), ...(disposeFunc && { disposeFunc }) });
      replacedNames.push(k.kernelName);
    }
  }
  installed = chosen.map((p) => p.id);
  return [...installed];
}

/** Puts the stock kernels back (for A/B measurements and the conformance tests). */
export function uninstallWasmPatches(tf: Tf): void {
  if (!stock) return;
  for (const name of replacedNames) {
    const original = stock.get(name);
    if (original) register(tf, original);
    else if (tf.getKernel(name, BACKEND)) tf.unregisterKernel(name, BACKEND);
  }
  replacedNames = [];
  installed = [];
}

/** The ids of the patches installed now. */
export const installedWasmPatches = (): readonly string[] => [...installed];
