/**
 * Binary kernels (Equal, Greater, Maximum, LogicalAnd, …) whose operands broadcast along a size-1 axis, made fast.
 *
 * tfjs 4.22's wasm binary kernels (cc/binary.cc, `binary_impl`) have two loops. Same shapes, or an operand whose
 * shape is a suffix of the output's ([9] against [10000,5,9]), take a plain loop. An operand stretched along a
 * size-1 axis ([10000,5,1] against [10000,5,9], what a keepDims reduction gives) takes the other loop, which builds
 * and frees three std::vectors per output element: 15–40× slower than the same kernel on same-shaped operands.
 * tf.max's gradient compares x with its keepDims maximum this way, so every logSumExp, max, min and softmax-style
 * loss pays for it (issue 11: 35 ms a step on [10000,5,9]). Only float32 Add, Sub, Multiply, RealDiv and
 * SquaredDifference avoid it: they run on XNNPACK, which broadcasts natively.
 *
 * This patch expands each stretched operand to the output shape with a typed-array loop, then runs the stock kernel
 * on operands that now take its plain loop. The arithmetic is still the stock kernel's (NaN, int32 and bool rules
 * unchanged); only the indexing moves. Operands that need no stretching go straight to the stock kernel.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type * as tfNamespace from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { StockKernels, WasmPatch } from './index.ts';

type Tf = typeof tfNamespace;
type Values = Float32Array | Int32Array | Uint8Array;

/** The wasm backend's binary kernels that share the slow broadcast loop. */
export const broadcastBinaryKernels = [
  'Add', 'Atan2', 'BitwiseAnd', 'Equal', 'FloorDiv', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'LogicalAnd',
  'LogicalOr', 'LogicalXor', 'Maximum', 'Minimum', 'Mod', 'Multiply', 'NotEqual', 'Pow', 'RealDiv',
  'SquaredDifference', 'Sub',
] as const;

/** Kernels that run float32 on XNNPACK, which broadcasts fast by itself: left alone for float32. */
const xnnpackFloat32 = new Set(['Add', 'Sub', 'Multiply', 'RealDiv', 'SquaredDifference']);

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Copies `src` (shape `inShape`) into `dst` (shape `outShape`, row-major), repeating it along every axis where
 * `inShape` has 1 (or is missing, on the left) and `outShape` does not. Adjacent axes that are all repeated, or all
 * copied, are merged first, so [10000,5,1] → [10000,5,9] is 50000 runs of 9 equal values, not a 3-deep walk.
 */
export function expandInto(src: Values, inShape: readonly number[], dst: Values, outShape: readonly number[]): void {
  const rank = outShape.length;
  const padded = [...new Array<number>(rank - inShape.length).fill(1), ...inShape];
  // Merged axes, outermost first: their output length and whether the input is repeated (true) or copied along them.
  const dims: number[] = [];
  const repeated: boolean[] = [];
  for (let d = 0; d < rank; d++) {
    const n = outShape[d]!;
    if (n === 1) continue;
    const rep = padded[d] === 1;
    if (dims.length && repeated[repeated.length - 1] === rep) dims[dims.length - 1]! *= n;
    else (dims.push(n), repeated.push(rep));
  }
  if (dims.length === 0) {
    dst[0] = src[0]!;
    return;
  }
  // Input elements consumed per step of each merged axis (0 where repeated).
  const strides = new Array<number>(dims.length);
  let inner = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    strides[d] = repeated[d] ? 0 : inner;
    if (!repeated[d]) inner *= dims[d]!;
  }
  const last = dims.length - 1;
  const n = dims[last]!;
  const outer = size(dims) / n;
  const counter = new Array<number>(last).fill(0);
  let from = 0;
  for (let row = 0, to = 0; row < outer; row++, to += n) {
    if (repeated[last]) {
      const v = src[from]!;
      for (let k = 0; k < n; k++) dst[to + k] = v;
    } else {
      for (let k = 0; k < n; k++) dst[to + k] = src[from + k]!;
    }
    // Odometer over the outer axes: advance the innermost, carry outwards.
    for (let d = last - 1; d >= 0; d--) {
      from += strides[d]!;
      if (++counter[d]! < dims[d]!) break;
      counter[d] = 0;
      from -= strides[d]! * dims[d]!;
    }
  }
}

function fastBroadcast(stock: KernelConfig, tf: Tf): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as BackendWasm;
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    if (xnnpackFloat32.has(stock.kernelName) && a.dtype === 'float32') return stock.kernelFunc(args);
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const stretched = (t: TensorInfo) => tf.backend_util.getBroadcastDims(t.shape, outShape).length > 0;
    if (size(outShape) === 0 || (!stretched(a) && !stretched(b))) return stock.kernelFunc(args);

    const made: TensorInfo[] = [];
    const expand = (t: TensorInfo): TensorInfo => {
      if (!stretched(t)) return t;
      const full = backend.makeOutput(outShape, t.dtype);
      made.push(full);
      // Views only after the allocation: growing the wasm heap detaches earlier views.
      expandInto(backend.typedArrayFromHeap(t) as Values, t.shape, backend.typedArrayFromHeap(full) as Values, outShape);
      return full;
    };
    try {
      return stock.kernelFunc({ ...args, inputs: { a: expand(a), b: expand(b) } });
    } finally {
      for (const t of made) backend.disposeData(t.dataId);
    }
  };
  // The stock setup binds the wasm function that the stock kernelFunc calls; it must run if this config is the one
  // registered when the backend initialises.
  return { kernelName: stock.kernelName, backendName: 'wasm', kernelFunc, setupFunc: stock.setupFunc, disposeFunc: stock.disposeFunc };
}

/** The binary kernels above, with operands stretched along size-1 axes expanded first. */
export const broadcastBinaryPatch: WasmPatch = {
  id: 'broadcast-binary',
  tfjs: '4.22.0',
  why:
    'binary kernels broadcasting a size-1 axis build three std::vectors per element: Equal of [10000,5,9] with ' +
    '[10000,5,1] took 126 ms against 3 ms for same shapes, and so tf.max / logSumExp gradients crawled',
  kernels: (stock, tf) =>
    broadcastBinaryKernels.flatMap((name) => {
      const k = (stock as StockKernels).get(name);
      return k ? [fastBroadcast(k, tf)] : [];
    }),
};
