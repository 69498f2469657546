/**
 * matMul on tfjs's WASM backend, fixed by handing its fast path only the calls it gets right.
 *
 * Why (read in tfjs-backend-wasm/src/cc/batch_mat_mul_impl.cc, measured by scripts/wasm-kernels/matmul.ts): the
 * kernel sends a product to XNNPACK only when neither operand is transposed and neither has a batch dimension;
 * every other call goes to a naive blocked loop (`slow_batch_matmul`). That loop is slow with a transposed operand
 * (strided reads), and as the fused kernel it is wrong: it adds the bias and clamps (relu, relu6) once per block of
 * 48 along the shared dimension instead of once, and reads the bias at index min(row·n + col, size − 1), so every
 * row after the first gets the last bias value.
 *
 * The fix uses only stock kernels: an explicit Transpose of each flagged operand, then the stock kernel with the
 * flags off; and a fused call that would still miss the XNNPACK path (batch dimensions, or a bias or PReLU weights
 * it would read wrongly) becomes the stock BatchMatMul, then Add, then the activation's own kernel, as the CPU
 * backend computes it. Calls the stock kernels already got right reach them unchanged (bit-identical results).
 */
import type {
  _FusedMatMulAttrs,
  _FusedMatMulInputs,
  BatchMatMulAttrs,
  DataId,
  KernelConfig,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { StockKernels, WasmPatch } from './index.ts';

const TFJS = '4.22.0';

/** The part of the WASM backend a patched kernel touches: freeing the intermediates it made. */
interface Backend {
  disposeData(dataId: DataId): unknown;
}

/** The stock kernels `names`, looked up once when the patch is installed (a missing one fails there, not mid-run). */
function stockKernels<N extends string>(stock: StockKernels, names: readonly N[]): Record<N, KernelConfig> {
  return Object.fromEntries(
    names.map((name) => {
      const k = stock.get(name);
      if (!k) throw new Error(`tfjs's WASM backend has no ${name} kernel (is @tensorflow/tfjs-backend-wasm imported?)`);
      return [name, k];
    }),
  ) as Record<N, KernelConfig>;
}

/** A stock kernel as a function of (inputs, attrs), for kernels with one output. */
type Op = (inputs: NamedTensorInfoMap, attrs?: NamedAttrMap) => TensorInfo;

/**
 * Binds stock kernels to one call's backend and remembers every intermediate made through them, so that `finish`
 * can free all but the result (the engine only tracks what a kernel returns; the rest is ours to free).
 */
function kernelScope<N extends string>(kernels: Record<N, KernelConfig>, backend: Backend) {
  const made: TensorInfo[] = [];
  const op = {} as Record<N, Op>;
  for (const name of Object.keys(kernels) as N[]) {
    op[name] = (inputs, attrs = {}) => {
      const out = kernels[name].kernelFunc({ inputs, backend, attrs }) as TensorInfo;
      made.push(out);
      return out;
    };
  }
  return {
    op,
    /** Frees every intermediate except `result` (which may also be one of the caller's inputs) and returns it. */
    finish(result: TensorInfo): TensorInfo {
      for (const t of made) if (t !== result) backend.disposeData(t.dataId);
      return result;
    },
    /** Frees every intermediate (the call threw). */
    abandon(): void {
      for (const t of made) backend.disposeData(t.dataId);
    },
  };
}

/**
 * The patched kernel's setup runs the setups of the stock kernels it calls: each binds its wasm function when the
 * backend starts, and a stock kernel that is no longer registered (the one we replace) would otherwise never be.
 */
function setupOf(kernels: Record<string, KernelConfig>): KernelConfig['setupFunc'] {
  return (backend) => {
    for (const k of Object.values(kernels)) k.setupFunc?.(backend);
  };
}

/** Perm that swaps the last two axes of a rank-`rank` tensor. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
  return perm;
}

/** The same product with explicit transposes (made by `transpose`) in place of the flags. */
function unflagged(transpose: Op, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean) {
  return {
    a: transposeA ? transpose({ x: a }, { perm: swapLastTwo(a.shape.length) }) : a,
    b: transposeB ? transpose({ x: b }, { perm: swapLastTwo(b.shape.length) }) : b,
  };
}

/** BatchMatMul with transposeA/transposeB: Transpose, then the stock kernel on its XNNPACK path where it has one. */
export const matmulTranspose: WasmPatch = {
  id: 'matmul-transpose',
  tfjs: TFJS,
  why:
    'BatchMatMul with transposeA or transposeB skips XNNPACK for a naive strided loop: [1797,64]×[64,1797] took ' +
    '6–23× as long as without the flags, and every matMul gradient uses them, so a 784-128-16-128-784 dense ' +
    'autoencoder trained 2.2× slower per epoch (scripts/wasm-kernels/matmul.ts). Patched: an explicit Transpose, ' +
    'then the stock kernel; flagged products then take about as long as plain ones.',
  kernels(stock) {
    const kernels = stockKernels(stock, ['BatchMatMul', 'Transpose']);
    return [
      {
        kernelName: 'BatchMatMul',
        backendName: 'wasm',
        setupFunc: setupOf(kernels),
        kernelFunc: ({ inputs, backend, attrs }) => {
          const { a, b } = inputs as { a: TensorInfo; b: TensorInfo }; // the core op checks both are there
          const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
          if (!transposeA && !transposeB) return kernels.BatchMatMul.kernelFunc({ inputs, backend, attrs });
          const scope = kernelScope(kernels, backend as Backend);
          try {
            const plain = unflagged(scope.op.Transpose, a, b, transposeA, transposeB);
            return scope.finish(scope.op.BatchMatMul(plain, { ...attrs, transposeA: false, transposeB: false }));
          } catch (e) {
            scope.abandon();
            throw e;
          }
        },
      },
    ];
  },
};

/** Kernels the fused path may call: the product, the bias, and one kernel per activation. */
// prettier-ignore
const FUSED_KERNELS = [
  '_FusedMatMul', 'BatchMatMul', 'Transpose', 'Add',
  'Relu', 'Relu6', 'Elu', 'Sigmoid', 'LeakyRelu', 'Prelu', 'OnesLike', 'Multiply',
] as const;

/**
 * Whether XNNPACK's PReLU gets `alpha` right on an output of shape `outShape`: it treats the output as rows of
 * alpha.size channels, which is numpy broadcasting only when alpha's shape, less leading 1s, is a suffix of
 * `outShape` (a scalar alpha, one per column, one per element…).
 */
function preluBroadcastsAsRows(alphaShape: readonly number[], outShape: readonly number[]): boolean {
  const first = alphaShape.findIndex((d) => d !== 1);
  const core = first < 0 ? [] : alphaShape.slice(first);
  if (core.length > outShape.length) return false;
  return core.every((d, i) => d === outShape[outShape.length - core.length + i]);
}

/** _FusedMatMul (tf.fused.matMul): the stock kernel only on its XNNPACK path, otherwise matMul + Add + activation. */
export const fusedMatmul: WasmPatch = {
  id: 'fused-matmul',
  tfjs: TFJS,
  why:
    'tf.fused.matMul off the XNNPACK path (a transpose flag or a batch dimension) adds the bias and applies ' +
    'relu/relu6 once per 48-wide block of the shared dimension, and reads the bias at the wrong index on every row ' +
    'after the first: worst error against CPU 0.8–13.8 on [37,100]×[100,23] with a flag and a bias or relu/relu6 ' +
    '(1e-5 otherwise; scripts/wasm-kernels/matmul.ts). tf.layers.dense never takes that path. Patched: Transpose, ' +
    'then the stock kernel where XNNPACK runs it, else BatchMatMul, Add and the activation\'s own kernel.',
  kernels(stock) {
    const kernels = stockKernels(stock, FUSED_KERNELS);
    return [
      {
        kernelName: '_FusedMatMul',
        backendName: 'wasm',
        setupFunc: setupOf(kernels),
        kernelFunc: ({ inputs, backend, attrs }) => {
          const { a, b, bias, preluActivationWeights: alpha } = inputs as _FusedMatMulInputs;
          const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as unknown as _FusedMatMulAttrs;
          const scope = kernelScope(kernels, backend as Backend);
          const op = scope.op;
          try {
            const plain = unflagged(op.Transpose, a, b, transposeA, transposeB);
            const flagsOff = { ...attrs, transposeA: false, transposeB: false };
            // The core op hands the kernel rank-3 operands: [batch, rows, inner] × [batch, inner, cols].
            const [batchA, rows] = plain.a.shape as [number, number, number];
            const [batchB, , cols] = plain.b.shape as [number, number, number];
            const onXnnPath =
              batchA === 1 &&
              batchB === 1 &&
              (bias == null || (bias.shape.length === 1 && bias.shape[0] === cols)) &&
              (alpha == null || preluBroadcastsAsRows(alpha.shape, [1, rows, cols]));
            if (onXnnPath) return scope.finish(op._FusedMatMul({ ...inputs, ...plain }, flagsOff));
            let y = op.BatchMatMul(plain, flagsOff);
            if (bias != null) y = op.Add({ a: y, b: bias });
            if (activation === 'relu') y = op.Relu({ x: y });
            else if (activation === 'relu6') y = op.Relu6({ x: y });
            else if (activation === 'elu') y = op.Elu({ x: y });
            else if (activation === 'sigmoid') y = op.Sigmoid({ x: y });
            else if (activation === 'leakyrelu') y = op.LeakyRelu({ x: y }, { alpha: leakyreluAlpha ?? 0.2 });
            else if (activation === 'prelu') {
              if (alpha == null) throw new Error('_FusedMatMul with a prelu activation needs preluActivationWeights.');
              // Spelled out to full size when XNNPACK's per-row reading of alpha would not broadcast it right.
              const full = preluBroadcastsAsRows(alpha.shape, y.shape) ? alpha : op.Multiply({ a: op.OnesLike({ x: y }), b: alpha });
              y = op.Prelu({ x: y, alpha: full });
            } else if (activation !== 'linear' && activation != null) {
              // Same refusal as the stock kernel, for the same (unsupported) activations.
              throw new Error(`${activation} activation not yet supported for _FusedMatMul in the wasm backend.`);
            }
            return scope.finish(y);
          } catch (e) {
            scope.abandon();
            throw e;
          }
        },
      },
    ];
  },
};
