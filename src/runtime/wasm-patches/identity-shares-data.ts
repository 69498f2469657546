/**
 * Identity (tf.clone, and many gradients that pass dy through) and a Cast to the dtype a tensor already has, made
 * to share the input's data by reference count, as the CPU backend's kernels do, instead of copying it.
 *
 * Why: stock wasm allocates an output and copies every value through JavaScript typed-array views. tfjs tensors are
 * immutable and every wasm kernel writes only its own output, so sharing is safe; Reshape already shares this way.
 * In the spiral exercise's model.fit, three [3000,100] Identity calls per epoch copied 0.8 ms per epoch under
 * tf.profile (npm run bench -- --steps-only).
 */
import type { CastAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { WasmPatch } from './index.ts';
import { stockKernel } from './stock-runner.ts';

/** `x` itself, one more reference to its data. */
function shared(backend: BackendWasm, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Identity and same-dtype Cast share their input's data; strings and real casts go to the stock kernels. */
export const identitySharesDataPatch: WasmPatch = {
  id: 'identity-shares-data',
  tfjs: '4.22.0',
  why:
    'Identity (tf.clone, gradients that pass dy through) and a Cast to the same dtype copy every value through ' +
    'JavaScript: three [3000,100] copies per epoch of the spiral exercise\'s model.fit, 0.8 ms under tf.profile ' +
    '(npm run bench -- --steps-only); they now share the input\'s data by reference count, as on the CPU backend',
  kernels(stock): KernelConfig[] {
    const identity = stockKernel(stock, 'Identity', 'identity-shares-data');
    const cast = stockKernel(stock, 'Cast', 'identity-shares-data');
    return [
      {
        kernelName: 'Identity',
        backendName: 'wasm',
        kernelFunc: (args) => {
          const { x } = args.inputs as { x: TensorInfo };
          // Strings live in JavaScript, not on the wasm heap: the stock kernel makes a new tensor of them.
          return x.dtype === 'string' ? identity.kernelFunc(args) : shared(args.backend as BackendWasm, x);
        },
      },
      {
        kernelName: 'Cast',
        backendName: 'wasm',
        kernelFunc: (args) => {
          const { x } = args.inputs as { x: TensorInfo };
          const { dtype } = args.attrs as unknown as CastAttrs;
          return dtype === x.dtype && x.dtype !== 'string' ? shared(args.backend as BackendWasm, x) : cast.kernelFunc(args);
        },
      },
    ];
  },
};
