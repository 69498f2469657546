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
 * matmul-gradient-swap adds one speed-up on top: a flagged product wider than tall is computed as (Bᵀ·Aᵀ)ᵀ, so
 * XNNPACK packs the smaller operand (see `swapped`).
 */
import type {
  _FusedMatMulAttrs,
  _FusedMatMulInputs,
  BatchMatMulAttrs,
  KernelConfig,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { StockKernels, WasmPatch } from './index.ts';
import { stockKernel, withStockRunner, type StockRunner } from './stock-runner.ts';

const TFJS = '4.22.0';

/** Fails at install, not mid-run, where the wasm backend lacks a stock kernel the patch calls. */
function requireStock(stock: StockKernels, names: readonly string[], patch: string): void {
  for (const name of names) stockKernel(stock, name, patch);
}

/** Perm that swaps the last two axes of a rank-`rank` tensor. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
  return perm;
}

/** The same product with explicit (stock) transposes in place of the flags. */
function unflagged(r: StockRunner, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean) {
  return {
    a: transposeA ? r.run('Transpose', { x: a }, { perm: swapLastTwo(a.shape.length) }) : a,
    b: transposeB ? r.run('Transpose', { x: b }, { perm: swapLastTwo(b.shape.length) }) : b,
  };
}

/**
 * A flagged product C = A·B without batch dimensions, computed as (Bᵀ·Aᵀ)ᵀ where that packs less.
 *
 * Why: XNNPACK packs the right operand into a fully-connected operator, and tfjs caches that operator under the
 * right operand's tensor, so a right operand that is new every call (a gradient) is packed afresh each time: K×N
 * values. Swapped, the right operand is Aᵀ (K×M values), and a flag turns into an operand already laid out the
 * way the swap needs it. A dense layer's weight gradient xᵀ·dy ([3000,2]ᵀ×[3000,100] in the spiral exercise) took
 * 2.7 ms as Transpose + pack dy and 0.5 ms swapped (scripts/bench/kernel-cases.ts, its matmul-gradient-swap row).
 * Only flagged calls swap: unflagged ones stay bit-identical to the stock kernel.
 */
function swapped(r: StockRunner, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean, attrs?: object): TensorInfo {
  // Bᵀ is b as stored when b is flagged, and Aᵀ is a as stored when a is flagged.
  const left = transposeB ? b : r.run('Transpose', { x: b }, { perm: swapLastTwo(b.shape.length) });
  const right = transposeA ? a : r.run('Transpose', { x: a }, { perm: swapLastTwo(a.shape.length) });
  const product = r.run('BatchMatMul', { a: left, b: right }, { ...attrs, transposeA: false, transposeB: false });
  return r.run('Transpose', { x: product }, { perm: swapLastTwo(product.shape.length) });
}

/**
 * Whether to compute a flagged product swapped: only without batch dimensions (the stock kernel takes its XNNPACK
 * path only then, so a batched product packs nothing), and only where the output is wider (N) than tall (M), so
 * the packed operand shrinks from K×N to K×M values at the price of an M×N output transpose.
 */
export function swapPays(a: readonly number[], b: readonly number[], transposeA: boolean, transposeB: boolean): boolean {
  const batch = (s: readonly number[]) => s.slice(0, -2).reduce((x, y) => x * y, 1);
  if (batch(a) !== 1 || batch(b) !== 1) return false;
  const m = transposeA ? a[a.length - 1]! : a[a.length - 2]!;
  const n = transposeB ? b[b.length - 2]! : b[b.length - 1]!;
  return n > m;
}

/**
 * The BatchMatMul kernel of both matmul patches: unflagged calls go to the stock kernel unchanged; flagged ones
 * become explicit Transposes and the stock kernel with the flags off, swapped where `swap` and `swapPays` say so.
 */
function batchMatMulConfig(stock: StockKernels, patch: string, swap: boolean): KernelConfig {
  requireStock(stock, ['Transpose'], patch);
  const batchMatMul = stockKernel(stock, 'BatchMatMul', patch);
  return {
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b } = inputs as { a: TensorInfo; b: TensorInfo }; // the core op checks both are there
      const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
      if (!transposeA && !transposeB) return batchMatMul.kernelFunc({ inputs, backend, attrs });
      return withStockRunner(stock, backend as BackendWasm, (r) =>
        swap && swapPays(a.shape, b.shape, transposeA, transposeB)
          ? swapped(r, a, b, transposeA, transposeB, attrs)
          : r.run('BatchMatMul', unflagged(r, a, b, transposeA, transposeB), { ...attrs, transposeA: false, transposeB: false }),
      );
    },
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
  kernels: (stock) => [batchMatMulConfig(stock, 'matmul-transpose', false)],
};

/**
 * matmul-transpose's kernel, plus the swap of a flagged product whose output is wider than tall. Registered after
 * matmul-transpose, over it (installed alone, it does matmul-transpose's job as well), so the bench and
 * RDL_WASM_PATCHES can switch the swap on and off by itself.
 */
export const matmulGradientSwap: WasmPatch = {
  id: 'matmul-gradient-swap',
  tfjs: TFJS,
  why:
    'XNNPACK packs a product\'s right operand into an operator that tfjs caches under that tensor, so a gradient ' +
    'as the right operand is packed afresh on every call: a dense layer\'s weight gradient xᵀ·dy, ' +
    '[3000,2]ᵀ×[3000,100] in the spiral exercise, took 2.7 ms as Transpose + pack dy (stock\'s loop: 1.2 ms). ' +
    'Patched (on top of matmul-transpose): a flagged product with no batch and an output wider than tall is ' +
    'computed as (dyᵀ·x)ᵀ, which packs x instead: 0.5 ms (npm run bench -- --kernels-only, on a busy machine).',
  kernels: (stock) => [batchMatMulConfig(stock, 'matmul-gradient-swap', true)],
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
    requireStock(stock, FUSED_KERNELS, 'fused-matmul');
    return [
      {
        kernelName: '_FusedMatMul',
        backendName: 'wasm',
        kernelFunc: ({ inputs, backend, attrs }) => {
          const { a, b, bias, preluActivationWeights: alpha } = inputs as _FusedMatMulInputs;
          const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as unknown as _FusedMatMulAttrs;
          return withStockRunner(stock, backend as BackendWasm, (r) => {
            const plain = unflagged(r, a, b, transposeA, transposeB);
            const flagsOff = { ...attrs, transposeA: false, transposeB: false };
            // The core op hands the kernel rank-3 operands: [batch, rows, inner] × [batch, inner, cols].
            const [batchA, rows] = plain.a.shape as [number, number, number];
            const [batchB, , cols] = plain.b.shape as [number, number, number];
            const onXnnPath =
              batchA === 1 &&
              batchB === 1 &&
              (bias == null || (bias.shape.length === 1 && bias.shape[0] === cols)) &&
              (alpha == null || preluBroadcastsAsRows(alpha.shape, [1, rows, cols]));
            if (onXnnPath) return r.run('_FusedMatMul', { ...inputs, ...plain }, flagsOff);
            let y = r.run('BatchMatMul', plain, flagsOff);
            if (bias != null) y = r.run('Add', { a: y, b: bias });
            if (activation === 'relu') y = r.run('Relu', { x: y });
            else if (activation === 'relu6') y = r.run('Relu6', { x: y });
            else if (activation === 'elu') y = r.run('Elu', { x: y });
            else if (activation === 'sigmoid') y = r.run('Sigmoid', { x: y });
            else if (activation === 'leakyrelu') y = r.run('LeakyRelu', { x: y }, { alpha: leakyreluAlpha ?? 0.2 });
            else if (activation === 'prelu') {
              if (alpha == null) throw new Error('_FusedMatMul with a prelu activation needs preluActivationWeights.');
              // Spelled out to full size when XNNPACK's per-row reading of alpha would not broadcast it right.
              const full = preluBroadcastsAsRows(alpha.shape, y.shape) ? alpha : r.run('Multiply', { a: r.run('OnesLike', { x: y }), b: alpha });
              y = r.run('Prelu', { x: y, alpha: full });
            } else if (activation !== 'linear' && activation != null) {
              // Same refusal as the stock kernel, for the same (unsupported) activations.
              throw new Error(`${activation} activation not yet supported for _FusedMatMul in the wasm backend.`);
            }
            return y;
          });
        },
      },
    ];
  },
};
