import type { DataType, Tensor } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, randomValues } from '../../../helpers/kernel-conformance.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { broadcastBinaryKernels } from '../../../../src/runtime/wasm-patches/broadcast-binary.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';

type Tf = Awaited<ReturnType<typeof useNodeBackend>>;
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Seeded values of `dtype` with many ties (so Equal and friends see both answers): small integers, or 0/1. */
function values(tf: Tf, shape: number[], dtype: DataType, seed: number): Tensor {
  const ints = Array.from(randomValues(size(shape), seed, { uniform: true, scale: 4 }), Math.floor);
  if (dtype === 'bool') return tf.tensor(ints.map((v) => v % 2), shape, 'int32').cast('bool');
  // Float operands get a fractional part on half the values, and stay positive where Pow or Mod need it.
  if (dtype === 'float32') return tf.tensor(ints.map((v, i) => (i % 2 ? v + 0.5 : v) + 1), shape, 'float32');
  return tf.tensor(ints.map((v) => v + 1), shape, 'int32');
}

/** The dtypes each stock wasm binary kernel accepts (others it refuses with a warning, patched or not). */
const dtypesOf = (kernel: string): DataType[] => {
  if (kernel.startsWith('Logical')) return ['bool'];
  if (kernel === 'BitwiseAnd') return ['int32'];
  if (kernel === 'Atan2') return ['float32'];
  if (['Maximum', 'Minimum', 'Mod', 'FloorDiv', 'Pow'].includes(kernel)) return ['float32', 'int32'];
  if (['Add', 'Sub', 'Multiply', 'RealDiv', 'SquaredDifference'].includes(kernel)) return ['float32', 'int32'];
  return ['float32', 'int32', 'bool'];
};

/**
 * Operand shape pairs: a keepDims reduction against its input, both operands stretched, a lower-rank operand
 * stretched, a scalar, odd sizes, and a zero-sized output.
 */
const shapePairs: [number[], number[]][] = [
  [[7, 5, 9], [7, 5, 1]],
  [[7, 1, 9], [7, 5, 9]],
  [[3, 1, 5], [1, 4, 1]],
  [[2, 1, 3, 1], [5, 1, 7]],
  [[1], [3, 5]],
  [[4, 1], [6]],
  [[], [3, 1]],
  [[0, 3], [1, 3]],
];

/** Asserts that `f` leaves no wasm tensor data behind but the `kept` it returns (intermediates freed by the kernel). */
async function expectNoWasmLeak(tf: Tf, f: () => Promise<void> | void, kept = 0): Promise<void> {
  const backend = tf.backend() as unknown as { numDataIds(): number };
  const before = backend.numDataIds();
  await f();
  expect(backend.numDataIds()).toBe(before + kept);
}

beforeAll(async () => {
  installWasmPatches(await useNodeBackend('wasm'));
});

describe('binary kernels broadcasting a size-1 axis on wasm', () => {
  // Stock answers are right, only slow (scripts/measure-wasm-reductions.ts), so the tests below would pass on stock
  // kernels too: this one checks that the patched kernels are the ones tfjs runs.
  it('replaces every stock binary kernel that has the slow loop', async () => {
    const tf = await useNodeBackend('wasm');
    const current = () => broadcastBinaryKernels.map((k) => tf.getKernel(k, 'wasm')?.kernelFunc);
    const patched = current();
    uninstallWasmPatches(tf);
    const stock = current();
    installWasmPatches(tf);
    broadcastBinaryKernels.forEach((k, i) => {
      expect(stock[i], k).toBeDefined();
      expect(patched[i], k).not.toBe(stock[i]);
    });
  });

  const rows = broadcastBinaryKernels.flatMap((kernel) =>
    dtypesOf(kernel).flatMap((dtype) => shapePairs.flatMap(([a, b]) => [[kernel, dtype, a, b], [kernel, dtype, b, a]] as const)),
  );

  it.each(rows)('%s %s %j with %j: the stock kernel\'s answer on pre-broadcast operands, bit for bit', async (kernel, dtype, aShape, bShape) => {
    const tf = await useNodeBackend('wasm');
    const run = (a: Tensor, b: Tensor) => tf.engine().runKernel(kernel, { a, b }, {}) as Tensor;
    const [a, b] = [values(tf, [...aShape], dtype, 1), values(tf, [...bShape], dtype, 2)];
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    let patched: Tensor | undefined;
    await expectNoWasmLeak(tf, () => {
      patched = run(a, b);
    }, 1);
    uninstallWasmPatches(tf);
    try {
      // Stock, on operands already the output's shape: its plain loop, which computes the right answer.
      const stock = tf.tidy(() => run(tf.broadcastTo(a, outShape), tf.broadcastTo(b, outShape)));
      expect(patched!.shape).toEqual(stock.shape);
      expect(patched!.dtype).toBe(stock.dtype);
      expect(Array.from(await patched!.data())).toEqual(Array.from(await stock.data()));
      tf.dispose([stock, patched!]);
    } finally {
      installWasmPatches(tf);
      tf.dispose([a, b]);
    }
  });

  it.each(['Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Maximum', 'Minimum'])(
    '%s matches the CPU backend on float32 and int32, both directions',
    async (kernel) => {
      for (const dtype of ['float32', 'int32'] as const) {
        for (const [aShape, bShape] of shapePairs) {
          await expectWasmMatchesCpu(
            (tf) => tf.engine().runKernel(kernel, { a: values(tf, aShape, dtype, 3), b: values(tf, bShape, dtype, 4) }, {}) as Tensor,
            { rtol: 0, atol: 0 },
          );
        }
      }
    },
  );

  it('keeps NaN semantics: NaN equals nothing, and Maximum propagates it as the stock kernel does', async () => {
    const tf = await useNodeBackend('wasm');
    const [eq, ne, mx] = tf.tidy(() => {
      const a = tf.tensor2d([NaN, 1, 2, NaN, 5, 6], [2, 3]);
      const b = tf.tensor2d([NaN, 5], [2, 1]);
      return [tf.equal(a, b), tf.notEqual(a, b), tf.maximum(a, b)];
    });
    expect(Array.from(await eq!.data())).toEqual([0, 0, 0, 0, 1, 0]);
    expect(Array.from(await ne!.data())).toEqual([1, 1, 1, 1, 0, 1]);
    const stockMax = tf.tidy(() => {
      uninstallWasmPatches(tf);
      try {
        return tf.maximum(tf.tensor2d([NaN, 1, 2, NaN, 5, 6], [2, 3]), tf.tensor2d([NaN, NaN, NaN, 5, 5, 5], [2, 3]));
      } finally {
        installWasmPatches(tf);
      }
    });
    expect(Array.from(await mx!.data())).toEqual(Array.from(await stockMax.data()));
    tf.dispose([eq!, ne!, mx!, stockMax]);
  });
});

describe('gradients through the broadcast comparisons on wasm, against the CPU backend', () => {
  const x = (tf: Tf, shape: number[], seed = 5) => tf.tensor(randomValues(size(shape), seed), shape);
  // Ties in the maximum (repeated values) are where tf.max's gradient depends on Equal: each tied element gets dy.
  const tied = (tf: Tf, shape: number[]) => tf.tensor(Array.from(randomValues(size(shape), 6, { uniform: true, scale: 3 }), Math.floor), shape);

  it.each([
    [[6, 5, 9], 2],
    [[6, 5, 9], [0, 2]],
    [[7, 3], 0],
    [[4, 3, 2, 5], [1, 3]],
  ] as [number[], number | number[]][])('logSumExp over %j axis %j', async (shape, axis) => {
    await expectWasmMatchesCpu((tf) => tf.grad((v: Tensor) => tf.logSumExp(v, axis).square().sum())(x(tf, shape)));
    await expectWasmMatchesCpu((tf) => tf.grad((v: Tensor) => tf.logSumExp(v, axis, true).mul(x(tf, [1], 7)).sum())(x(tf, shape)));
  });

  it.each([
    [[6, 5, 9], 2],
    [[6, 5, 9], [0, 1]],
    [[8, 7], 1],
  ] as [number[], number | number[]][])('max and min over %j axis %j, with ties', async (shape, axis) => {
    for (const op of ['max', 'min'] as const) {
      await expectWasmMatchesCpu((tf) => tf.grad((v: Tensor) => tf[op](v, axis).mul(x(tf, tf[op](v, axis).shape, 8)).sum())(tied(tf, shape)), {
        rtol: 0,
        atol: 0,
      });
    }
  });

  it('a tf.where mask against a keepDims mean, and a softmax cross-entropy loss', async () => {
    // The mask comes from a copy of x: tfjs has no gradient for Greater, so the watched x must not reach it.
    await expectWasmMatchesCpu((tf) => {
      const mask = tf.tidy(() => tf.greater(x(tf, [9, 7]), tf.mean(x(tf, [9, 7]), 1, true)));
      return tf.grad((v: Tensor) => tf.where(mask, v.square(), v.mul(0.1)).sum())(x(tf, [9, 7]));
    });
    await expectWasmMatchesCpu((tf) =>
      tf.grad((v: Tensor) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0, 2, 1, 2, 0], 'int32'), 3), v))(x(tf, [5, 3])),
    );
  });

  it('leaves no tensor behind on the wasm backend', async () => {
    const tf = await useNodeBackend('wasm');
    const v = x(tf, [6, 5, 9]);
    await expectNoWasmLeak(tf, () => tf.grad((u: Tensor) => tf.logSumExp(u, 2).sum())(v).dispose());
    v.dispose();
  });
});
