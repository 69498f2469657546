/**
 * MaxPoolGrad, whose stock wasm kernel sends the gradient to the wrong pixel: its running maximum starts at
 * `std::numeric_limits<float>::min()` (the smallest *positive* float, not the lowest), so a window whose values are all
 * ≤ 1.2e-38 (all zeros after a relu, or all negative) keeps position 0 and its gradient lands on the tensor's first
 * element; ties go to the last maximum where the CPU backend picks the first. Measured on tfjs 4.22 by
 * scripts/wasm-kernels/grad-kernels.ts --errors: a 2×2 max pool of normal noise gets a gradient off by up to 1.58, a
 * conv (tanh) autoencoder's first-layer filter gradient by 5.8e-2. (After a relu it rarely shows: the misrouted
 * gradient mostly lands on a zero, whose relu gradient is 0.)
 *
 * A plain loop over the wasm heap's typed arrays (the pooling windows are small: no matmul to win), with the CPU
 * backend's rule: the first strict maximum of the window, padding excluded, gets the window's dy.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { KernelConfig, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { WasmPatch } from './index.ts';

type Tf = typeof tfNamespace;

function maxPoolGrad(tf: Tf): KernelConfig {
  return {
    kernelName: 'MaxPoolGrad',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as BackendWasm;
      const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
      const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
      const info = tf.backend_util.computePool2DInfo(
        input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
      );
      const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth } = info;
      const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
      const dx = wasm.makeOutput(input.shape, 'float32');
      // Views only after the allocation: growing the wasm heap detaches earlier views.
      const xs = wasm.typedArrayFromHeap(input);
      const dys = wasm.typedArrayFromHeap(dy);
      const acc = new Float64Array(xs.length);
      for (let b = 0; b < batchSize; b++)
        for (let oh = 0; oh < outHeight; oh++) {
          const top = oh * strideHeight - info.padInfo.top;
          const r0 = Math.max(0, top);
          const r1 = Math.min(inHeight, top + fh);
          for (let ow = 0; ow < outWidth; ow++) {
            const left = ow * strideWidth - info.padInfo.left;
            const c0 = Math.max(0, left);
            const c1 = Math.min(inWidth, left + fw);
            for (let ch = 0; ch < c; ch++) {
              let best = -Infinity;
              let at = -1;
              for (let r = r0; r < r1; r++)
                for (let col = c0; col < c1; col++) {
                  const k = ((b * inHeight + r) * inWidth + col) * c + ch;
                  if (xs[k]! > best) [best, at] = [xs[k]!, k];
                }
              if (at >= 0) acc[at]! += dys[((b * outHeight + oh) * outWidth + ow) * c + ch]!;
            }
          }
        }
      wasm.typedArrayFromHeap(dx).set(acc);
      return dx;
    },
  };
}

/** MaxPoolGrad, which stock wasm gets wrong for windows of zeros or negatives. */
export const maxPoolGradPatch: WasmPatch = {
  id: 'max-pool-grad',
  tfjs: '4.22.0',
  why: 'MaxPoolGrad sends the gradient of an all-zero or all-negative window to element 0 (its max starts at FLT_MIN): off by up to 1.58 on a 2×2 pool of normal noise, 5.8e-2 on a conv autoencoder\'s filter gradient',
  kernels: (_stock, tf) => [maxPoolGrad(tf)],
};
