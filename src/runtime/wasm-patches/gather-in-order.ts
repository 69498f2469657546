/**
 * GatherV2 whose indices take every slice of the axis once, in order (0, 1, …, n − 1): the output is the input, so
 * it shares the input's data by reference count instead of copying it. Every other gather goes to the stock kernel.
 *
 * Why: model.fit gathers each batch of x and y by index every step, also when the batch is the whole set in order
 * (batchSize = n, shuffle: false, as the spiral and blobs exercises train). Stock wasm's GatherV2 reads the indices
 * back and checks each one in JavaScript, then copies: 2.8 ms per epoch for the spiral's [3000,2] and [3000,3]
 * under tf.profile (npm run bench -- --steps-only). The check here stops at the first index out of order, so a
 * shuffled or partial batch costs one comparison more than before.
 */
import type { GatherV2Attrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { WasmPatch } from './index.ts';
import { stockKernel } from './stock-runner.ts';

/** Whether `indices` is 0, 1, …, `n` − 1 (a typed-array view; out-of-range values are the stock kernel's to reject). */
export function takesAllInOrder(indices: ArrayLike<number>, n: number): boolean {
  if (indices.length !== n) return false;
  for (let i = 0; i < n; i++) if (indices[i] !== i) return false;
  return true;
}

/** GatherV2 that returns its input, shared, when the indices take the whole axis in order. */
export const gatherInOrderPatch: WasmPatch = {
  id: 'gather-in-order',
  tfjs: '4.22.0',
  why:
    'model.fit gathers every batch by index, also a full batch in order (batchSize = n, shuffle: false), and stock ' +
    'GatherV2 reads the indices back, checks each in JavaScript and copies: 2.8 ms per epoch for the spiral ' +
    'exercise\'s [3000,2] and [3000,3] under tf.profile (npm run bench -- --steps-only). Indices 0…n−1 along the ' +
    'axis now return the input, sharing its data',
  kernels(stock): KernelConfig[] {
    const gather = stockKernel(stock, 'GatherV2', 'gather-in-order');
    return [
      {
        kernelName: 'GatherV2',
        backendName: 'wasm',
        kernelFunc: (args) => {
          const backend = args.backend as BackendWasm;
          const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
          const { axis, batchDims } = args.attrs as unknown as GatherV2Attrs;
          const rank = x.shape.length;
          // The core op has already resolved a negative axis against x's rank and checked it; normalise anyway.
          const ax = axis < 0 ? axis + rank : axis;
          const whole =
            (batchDims ?? 0) === 0 &&
            indices.shape.length === 1 &&
            x.dtype !== 'string' &&
            ax >= 0 &&
            ax < rank &&
            takesAllInOrder(backend.typedArrayFromHeap(indices), x.shape[ax]!);
          if (!whole) return gather.kernelFunc(args);
          backend.incRef(x.dataId);
          return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
        },
      },
    ];
  },
};
