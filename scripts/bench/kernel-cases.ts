/**
 * The micro-benchmark cases of `npm run bench` (the kernel table), keyed by the id of the WASM patch
 * (src/runtime/wasm-patches/) meant to speed each one up or make it run at all. The sizes are the ones issue 11
 * measured: the digits autoencoder's matMuls, a conv layer's filter gradient on 8×8 digits, the GMM/MDN losses'
 * logSumExp, Kernel PCA's 3M-value sums. A case whose patch is not in `wasmPatches` yet is timed on stock WASM
 * and CPU and shown as "not patched"; which patches touch a case is read from the kernels it runs, not from the
 * id, so a patch filed under another id is still found (kernels.ts).
 */
import type * as TF from '@tensorflow/tfjs';
import { makeRng } from '../../graders/rng.ts';

type Tf = typeof TF;

/** Full size for the bench; tiny for the unit test that checks every case runs (tests/unit/scripts/bench/). */
export type CaseSize = 'full' | 'tiny';

export interface KernelCase {
  /** Id of the patch meant for this case (WasmPatch.id). */
  patch: string;
  /** What is timed, with shapes. */
  name: string;
  /**
   * Set where the patch builds on another one registering the same kernel (matmul-gradient-swap over
   * matmul-transpose): the table then also times the case with every patch but this one, which is what it adds.
   */
  layered?: true;
  /** The public tf ops the step calls (checked to exist by the unit test). */
  ops: readonly string[];
  /**
   * Makes the inputs (seeded values, on the active backend) and returns the step to time, which computes and
   * frees its result inside tf.tidy, and `dispose` for the inputs.
   */
  setup(tf: Tf, size: CaseSize): { step: () => void; dispose: () => void };
}

/** A seeded normal tensor, so every backend times the same numbers. */
function normal(tf: Tf, shape: number[], stream: string): TF.Tensor {
  const rng = makeRng(7, `bench/${stream}`);
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  return tf.tensor(v, shape);
}

/** A case over inputs of the given shapes: `run` gets the input tensors and returns what to compute. */
function inputs(shapes: (size: CaseSize) => number[][], run: (tf: Tf, xs: TF.Tensor[]) => TF.TensorContainer): KernelCase['setup'] {
  return (tf, size) => {
    const xs = shapes(size).map((s, i) => normal(tf, s, `${i}`));
    return { step: () => tf.dispose(tf.tidy(() => run(tf, xs))), dispose: () => tf.dispose(xs) };
  };
}

const tiny = (size: CaseSize, full: number, small: number) => (size === 'full' ? full : small);

export const kernelCases: readonly KernelCase[] = [
  {
    patch: 'matmul-transpose',
    name: 'matMul [1797,64]×[64,1797], no flag (baseline)',
    ops: ['matMul'],
    setup: inputs((s) => [[tiny(s, 1797, 5), 64], [64, tiny(s, 1797, 5)]], (tf, [a, b]) => tf.matMul(a!, b!)),
  },
  {
    patch: 'matmul-transpose',
    name: 'matMul [1797,64]×[64,1797], transposeA',
    ops: ['matMul'],
    setup: inputs((s) => [[64, tiny(s, 1797, 5)], [64, tiny(s, 1797, 5)]], (tf, [a, b]) => tf.matMul(a!, b!, true, false)),
  },
  {
    patch: 'matmul-transpose',
    name: 'matMul [1797,64]×[64,1797], transposeB',
    ops: ['matMul'],
    setup: inputs((s) => [[tiny(s, 1797, 5), 64], [tiny(s, 1797, 5), 64]], (tf, [a, b]) => tf.matMul(a!, b!, false, true)),
  },
  {
    patch: 'matmul-transpose',
    name: "dense layer backward: x [1797,784]·W [784,128], grads of x and W",
    ops: ['grads', 'matMul', 'relu', 'sum'],
    setup: inputs((s) => [[tiny(s, 1797, 6), tiny(s, 784, 7)], [tiny(s, 784, 7), 128]], (tf, [x, w]) => tf.grads((a: TF.Tensor, b: TF.Tensor) => tf.sum(tf.relu(tf.matMul(a, b))))([x!, w!])),
  },
  {
    patch: 'matmul-gradient-swap',
    layered: true,
    // dy is made afresh each call, as a gradient is: XNNPACK's packed copy of the right operand is cached per tensor.
    name: "spiral's weight gradient xᵀ·dy: [3000,2]ᵀ×[3000,100] (transposeA), dy new each call",
    ops: ['matMul', 'mul'],
    setup: inputs((s) => [[tiny(s, 3000, 6), 2], [tiny(s, 3000, 6), 100]], (tf, [x, dy]) => tf.matMul(x!, tf.mul(dy!, 1), true, false)),
  },
  {
    patch: 'fused-matmul',
    name: 'fused.matMul [1797,64]×[128,64]ᵀ + bias, relu (transposeB)',
    ops: ['fused.matMul'],
    setup: inputs((s) => [[tiny(s, 1797, 5), 64], [128, 64], [128]], (tf, [a, b, bias]) => tf.fused.matMul({ a: a as TF.Tensor2D, b: b as TF.Tensor2D, transposeB: true, bias: bias!, activation: 'relu' })),
  },
  {
    patch: 'fused-matmul',
    name: 'fused.matMul [1797,64]×[64,128] + bias, relu (no flag)',
    ops: ['fused.matMul'],
    setup: inputs((s) => [[tiny(s, 1797, 5), 64], [64, 128], [128]], (tf, [a, b, bias]) => tf.fused.matMul({ a: a as TF.Tensor2D, b: b as TF.Tensor2D, bias: bias!, activation: 'relu' })),
  },
  {
    patch: 'conv-gradients',
    name: 'conv2d filter gradient: x [64,8,8,1], filter [3,3,1,16], same',
    ops: ['grad', 'conv2d', 'sum'],
    setup: inputs((s) => [[tiny(s, 64, 2), 8, 8, 1], [3, 3, 1, 16]], (tf, [x, f]) => tf.grad((w: TF.Tensor) => tf.sum(tf.conv2d(x as TF.Tensor4D, w as TF.Tensor4D, 1, 'same')))(f!)),
  },
  {
    patch: 'segment-sum',
    // Small: CPU's UnsortedSegmentSum loops over segments (params [1000,64] with 5000 indices took 67 s there).
    name: 'gather gradient: params [100,32], 2000 indices',
    ops: ['grad', 'gather', 'sum'],
    setup: (tf, size) => {
      const params = normal(tf, [tiny(size, 100, 10), 32], 'params');
      const rng = makeRng(7, 'bench/indices');
      const idx = tf.tensor1d(Int32Array.from({ length: tiny(size, 2000, 20) }, () => Math.floor(rng.uniform() * params.shape[0]!)), 'int32');
      return { step: () => tf.dispose(tf.tidy(() => tf.grad((p: TF.Tensor) => tf.sum(tf.gather(p, idx)))(params))), dispose: () => tf.dispose([params, idx]) };
    },
  },
  {
    patch: 'broadcast-binary',
    name: 'logSumExp gradient on [10000,5,9], axis 2',
    ops: ['grad', 'logSumExp', 'sum'],
    setup: inputs((s) => [[tiny(s, 10000, 4), 5, 9]], (tf, [x]) => tf.grad((t: TF.Tensor) => tf.sum(tf.logSumExp(t, 2)))(x!)),
  },
  {
    patch: 'accurate-reductions',
    name: 'sum over 3M values [3000000]',
    ops: ['sum'],
    setup: inputs((s) => [[tiny(s, 3_000_000, 100)]], (tf, [x]) => tf.sum(x!)),
  },
  {
    patch: 'accurate-reductions',
    name: 'mean over 3M values [1797,1797] → scalar',
    ops: ['mean'],
    setup: inputs((s) => [[tiny(s, 1797, 10), tiny(s, 1797, 10)]], (tf, [x]) => tf.mean(x!)),
  },
];
