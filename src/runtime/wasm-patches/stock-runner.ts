/**
 * Runs stock wasm kernels directly (not through tfjs's engine) inside a patched kernel, and frees every
 * intermediate it made: a composite kernel must leave exactly one new tensor behind, its output.
 */
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { StockKernels } from './index.ts';

/** Calls stock kernels on one backend and remembers their outputs so `dispose` can free them. */
export interface StockRunner {
  /** Runs the stock kernel `name`; its output is freed by `dispose` unless passed to `keep`. */
  run(name: string, inputs: NamedTensorInfoMap, attrs?: NamedAttrMap): TensorInfo;
  /** Exempts `t` (the composite kernel's output) from `dispose`. */
  keep(t: TensorInfo): TensorInfo;
  /** Frees every intermediate not kept (reshapes share data by reference count, so each is released once). */
  dispose(): void;
}

/** The stock kernel `name`; throws, naming the patch, where the wasm backend lacks it (call it when a patch is installed). */
export function stockKernel(stock: StockKernels, name: string, patch: string): KernelConfig {
  const k = stock.get(name);
  if (!k) throw new Error(`wasm patch ${patch}: the stock wasm backend has no ${name} kernel (is @tensorflow/tfjs-backend-wasm imported?)`);
  return k;
}

/** A runner over `stock` on `backend`. Throws at the first call of a kernel the wasm backend lacks. */
export function stockRunner(stock: StockKernels, backend: BackendWasm): StockRunner {
  const made: TensorInfo[] = [];
  return {
    run(name, inputs, attrs = {}) {
      const kernel: KernelConfig | undefined = stock.get(name);
      if (!kernel) throw new Error(`wasm patch: the stock wasm backend has no ${name} kernel`);
      const out = kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
      made.push(out);
      return out;
    },
    keep(t) {
      const i = made.indexOf(t);
      if (i >= 0) made.splice(i, 1);
      return t;
    },
    dispose() {
      for (const t of made.splice(0)) backend.disposeData(t.dataId);
    },
  };
}

/**
 * Runs `body` with a stock-kernel runner and returns its result, freeing every other intermediate, also when it
 * throws. The result may be one of the kernel's own inputs (then nothing of the runner's is kept).
 */
export function withStockRunner(stock: StockKernels, backend: BackendWasm, body: (r: StockRunner) => TensorInfo): TensorInfo {
  const r = stockRunner(stock, backend);
  try {
    return r.keep(body(r));
  } finally {
    r.dispose();
  }
}
