/**
 * Sum, Mean and Prod over many values, accumulated in float64 as the CPU backend does.
 *
 * The stock wasm kernels (tfjs 4.22, cc/kernels/Sum.cc, Mean.cc, Prod.cc) keep one float32 accumulator per output
 * and add the reduced values into it one by one, so the rounding error grows with the reduce size: the mean of
 * 3,000,000 copies of 0.8645 comes out 0.8488, and a random 3M-value sum is off by ~7e-6 relative. Kernel PCA's
 * centring and t-SNE's normaliser are such sums. The CPU backend accumulates in a JS number (float64) and rounds once.
 *
 * Above `LARGE_REDUCE` values per output this patch does the same: a typed-array loop over the wasm heap, after a
 * stock Transpose when the reduced axes are not innermost, so its results equal the CPU backend's bit for bit. At or
 * below it (every reduction in the course's small models) the stock kernel runs unchanged, bit-identical and no
 * slower; its error there stays under ~3e-6 relative (scripts/measure-wasm-reductions.ts).
 */
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type * as tfNamespace from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { StockKernels, WasmPatch } from './index.ts';

type Tf = typeof tfNamespace;
type Reduction = 'Sum' | 'Mean' | 'Prod';

/**
 * Reductions over more values than this per output take the float64 path. Measured on stock wasm: the mean of a
 * constant is off by 2.2e-6 relative at 4096 values and by 2.0e-4 at 16384, so the naive error takes off past here.
 */
export const LARGE_REDUCE = 4096;

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** One output value from `n` values starting at `from`, as the CPU backend computes it. */
function reduceRow(kind: Reduction, xs: ArrayLike<number>, from: number, n: number): number {
  const to = from + n;
  let acc = kind === 'Prod' ? 1 : 0;
  if (kind === 'Sum') for (let j = from; j < to; j++) acc += xs[j]!;
  else if (kind === 'Prod') for (let j = from; j < to; j++) acc *= xs[j]!;
  else {
    // The CPU backend's Mean casts to float32, divides every value by the count in float32, then sums in float64;
    // the same roundings here keep the two backends bit-identical.
    const count = Math.fround(n);
    for (let j = from; j < to; j++) acc += Math.fround(Math.fround(xs[j]!) / count);
  }
  return acc;
}

/** Whether the float64 path handles this input: float32 for Sum and Prod (int32 sums are exact already). */
function takesFloat64Path(kind: Reduction, dtype: string, reduceSize: number): boolean {
  if (reduceSize <= LARGE_REDUCE) return false;
  return kind === 'Mean' ? dtype !== 'string' && dtype !== 'complex64' : dtype === 'float32';
}

function stockKernel(stock: StockKernels, name: string): KernelConfig {
  const k = stock.get(name);
  if (!k) throw new Error(`wasm patch accurate-reductions: the stock wasm backend has no ${name} kernel`);
  return k;
}

function accurateReduction(kind: Reduction, stockKernels: StockKernels, tf: Tf): KernelConfig {
  const stock = stockKernel(stockKernels, kind);
  const transpose = stockKernel(stockKernels, 'Transpose');
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as BackendWasm;
    const x = inputs['x'] as TensorInfo;
    const { axis, keepDims } = attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const [outShape, reduceShape] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes);
    const reduceSize = size(reduceShape);
    if (!takesFloat64Path(kind, x.dtype, reduceSize)) return stock.kernelFunc(args);

    const perm = tf.backend_util.getAxesPermutation(axes, x.shape.length);
    const input = perm ? (transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } as unknown as NamedAttrMap }) as TensorInfo) : x;
    try {
      const shape = keepDims ? tf.backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
      const out = backend.makeOutput(shape, kind === 'Mean' ? 'float32' : x.dtype);
      // Views only after the allocation: growing the wasm heap detaches earlier views.
      const xs = backend.typedArrayFromHeap(input);
      const outs = backend.typedArrayFromHeap(out);
      for (let i = 0; i < outs.length; i++) outs[i] = reduceRow(kind, xs, i * reduceSize, reduceSize);
      return out;
    } finally {
      if (input !== x) backend.disposeData(input.dataId);
    }
  };
  // The stock setup binds the wasm function that the stock kernelFunc calls; it must run if this config is the one
  // registered when the backend initialises.
  return { kernelName: kind, backendName: 'wasm', kernelFunc, setupFunc: stock.setupFunc, disposeFunc: stock.disposeFunc };
}

/** Sum, Mean and Prod accumulated in float64 when they reduce more than `LARGE_REDUCE` values per output. */
export const accurateReductionsPatch: WasmPatch = {
  id: 'accurate-reductions',
  tfjs: '4.22.0',
  why:
    'Sum/Mean/Prod accumulate in float32 one value at a time: the mean of 3M copies of 0.8645 gave 0.8488 and a ' +
    'random 3M sum was off by 7e-6 relative; above 4096 values per output they now accumulate in float64 like the CPU backend',
  kernels: (stock, tf) => (['Sum', 'Mean', 'Prod'] as const).map((kind) => accurateReduction(kind, stock, tf)),
};
