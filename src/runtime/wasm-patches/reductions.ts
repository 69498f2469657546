/**
 * Sum, Mean, Prod and Softmax over many values, accumulated in float64 as the CPU backend does.
 *
 * The stock wasm kernels (tfjs 4.22, cc/kernels/Sum.cc, Mean.cc, Prod.cc) keep one float32 accumulator per output
 * and add the reduced values into it one by one, so the rounding error grows with the reduce size: the mean of
 * 3,000,000 copies of 0.8645 comes out 0.8488, and a random 3M-value sum is off by ~3e-5 relative. Kernel PCA's
 * centring and t-SNE's normaliser are such sums. The CPU backend accumulates in a JS number (float64) and rounds once.
 * Softmax (XNNPACK's kernel on wasm) sums its exps in float32 the same way. LogSoftmax has no wasm kernel: tfjs
 * builds it from Max, Sub, Exp, Sum and Log, so the Sum here covers it. Max, Min, ArgMax, All and Any accumulate
 * nothing, and MatMul's inner sums are short at the course's sizes.
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
import { stockKernel } from './stock-runner.ts';

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

function accurateReduction(kind: Reduction, stockKernels: StockKernels, tf: Tf): KernelConfig {
  const stock = stockKernel(stockKernels, kind, 'accurate-reductions');
  const transpose = stockKernel(stockKernels, 'Transpose', 'accurate-reductions');
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
  return { kernelName: kind, backendName: 'wasm', kernelFunc };
}

/**
 * Writes the softmax of the `n` logits at `from` into `out`, with the CPU backend's roundings: x − max and its exp in
 * float32, their sum in float64 rounded to float32, each exp divided by it in float32. A NaN logit is the maximum,
 * as in the CPU backend's Max.
 */
function softmaxRow(xs: ArrayLike<number>, out: Float32Array, from: number, n: number): void {
  const to = from + n;
  let max = xs[from]!;
  for (let j = from + 1; j < to; j++) if (Number.isNaN(xs[j]!) || xs[j]! > max) max = xs[j]!;
  let total = 0;
  for (let j = from; j < to; j++) {
    out[j] = Math.exp(Math.fround(xs[j]! - max));
    total += out[j]!; // the float32 value just stored, as the CPU backend sums its float32 exps
  }
  const sum = Math.fround(total);
  for (let j = from; j < to; j++) out[j] = out[j]! / sum;
}

/**
 * Softmax over rows longer than `LARGE_REDUCE`. The stock kernel is XNNPACK's, whose float32 running sum loses about
 * as much as Sum does: its outputs over one 1M-wide row add up to 1 ± 3.4e-4 (CPU backend: ± 7e-9).
 */
function accurateSoftmax(stockKernels: StockKernels): KernelConfig {
  const stock = stockKernel(stockKernels, 'Softmax', 'accurate-reductions');
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as BackendWasm;
    const logits = args.inputs['logits'] as TensorInfo;
    // tf.softmax only takes the last axis (it throws otherwise), so rows are contiguous.
    const n = logits.shape[logits.shape.length - 1] ?? 1;
    if (n <= LARGE_REDUCE || logits.dtype !== 'float32') return stock.kernelFunc(args);
    const out = backend.makeOutput(logits.shape, 'float32');
    // Views only after the allocation: growing the wasm heap detaches earlier views.
    const xs = backend.typedArrayFromHeap(logits);
    const outs = backend.typedArrayFromHeap(out) as Float32Array;
    for (let from = 0; from < outs.length; from += n) softmaxRow(xs, outs, from, n);
    return out;
  };
  return { kernelName: 'Softmax', backendName: 'wasm', kernelFunc };
}

/** Sum, Mean, Prod and Softmax accumulated in float64 when they reduce more than `LARGE_REDUCE` values per output. */
export const accurateReductionsPatch: WasmPatch = {
  id: 'accurate-reductions',
  tfjs: '4.22.0',
  why:
    'Sum/Mean/Prod/Softmax accumulate in float32: the mean of 3M copies of 0.8645 gave 0.8488, a random 3M sum was ' +
    'off by 3e-5 relative, a 1M-wide softmax summed to 1 ± 3e-4; above 4096 values per output they now accumulate ' +
    'in float64 like the CPU backend',
  kernels: (stock, tf) => [
    ...(['Sum', 'Mean', 'Prod'] as const).map((kind) => accurateReduction(kind, stock, tf)),
    accurateSoftmax(stock),
  ],
};
