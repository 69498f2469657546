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
 * This patch expands each stretched operand to the output shape with a typed-array loop (tile.ts), then runs the
 * stock kernel on operands that now take its plain loop. The arithmetic is still the stock kernel's (NaN, int32 and
 * bool rules unchanged); only the indexing moves. Operands that need no stretching go straight to the stock kernel.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type * as tfNamespace from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { WasmPatch } from './index.ts';
import { type HeapValues, tileInto } from './tile.ts';

type Tf = typeof tfNamespace;

/** The wasm backend's binary kernels that share the slow broadcast loop. */
export const broadcastBinaryKernels = [
  'Add', 'Atan2', 'BitwiseAnd', 'Equal', 'FloorDiv', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'LogicalAnd',
  'LogicalOr', 'LogicalXor', 'Maximum', 'Minimum', 'Mod', 'Multiply', 'NotEqual', 'Pow', 'RealDiv',
  'SquaredDifference', 'Sub',
] as const;

/** Kernels that run float32 on XNNPACK, which broadcasts fast by itself: left alone for float32. */
const xnnpackFloat32 = new Set(['Add', 'Sub', 'Multiply', 'RealDiv', 'SquaredDifference']);

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

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
      const padded = [...new Array<number>(outShape.length - t.shape.length).fill(1), ...t.shape];
      const reps = outShape.map((n, d) => (padded[d] === 1 ? n : 1));
      tileInto(backend.typedArrayFromHeap(t) as HeapValues, padded, reps, backend.typedArrayFromHeap(full) as HeapValues);
      return full;
    };
    try {
      return stock.kernelFunc({ ...args, inputs: { a: expand(a), b: expand(b) } });
    } finally {
      for (const t of made) backend.disposeData(t.dataId);
    }
  };
  return { kernelName: stock.kernelName, backendName: 'wasm', kernelFunc };
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
      const k = stock.get(name);
      return k ? [fastBroadcast(k, tf)] : [];
    }),
};
