import type { DataType, Tensor } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, randomValues } from '../../../helpers/kernel-conformance.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';

type Tf = Awaited<ReturnType<typeof useNodeBackend>>;
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const exact = { rtol: 0, atol: 0 };

function values(tf: Tf, shape: number[], dtype: DataType, seed: number): Tensor {
  const v = randomValues(size(shape), seed);
  if (dtype === 'bool') return tf.tensor(Array.from(v, (u) => (u > 0 ? 1 : 0)), shape, 'int32').cast('bool');
  return dtype === 'int32' ? tf.tensor(Array.from(v, (u) => Math.round(u * 1000)), shape, 'int32') : tf.tensor(v, shape);
}

beforeAll(async () => {
  installWasmPatches(await useNodeBackend('wasm'));
});

describe('Tile on wasm (tile)', () => {
  it('replaces the stock kernel', async () => {
    const tf = await useNodeBackend('wasm');
    const patched = tf.getKernel('Tile', 'wasm')?.kernelFunc;
    uninstallWasmPatches(tf);
    const stock = tf.getKernel('Tile', 'wasm')?.kernelFunc;
    installWasmPatches(tf);
    expect(stock).toBeDefined();
    expect(patched).not.toBe(stock);
  });

  // [shape, reps]: size-1 axes repeated (a keepDims reduction broadcast back), whole rows repeated, both, odd
  // sizes, repeat counts of 1 everywhere, a scalar-like shape, rank 5, and zero-sized input and reps.
  const cases: [number[], number[]][] = [
    [[7, 5, 1], [1, 1, 9]],
    [[1, 9], [6, 1]],
    [[3, 4], [2, 3]],
    [[2, 1, 3], [3, 4, 2]],
    [[5, 3, 7], [1, 1, 1]],
    [[1], [11]],
    [[1, 1, 1], [2, 3, 4]],
    [[2, 3, 1, 2, 1], [1, 2, 3, 1, 5]],
    [[0, 3], [2, 2]],
    [[3, 2], [0, 1]],
  ];
  it.each(cases.flatMap(([s, r]) => (['float32', 'int32', 'bool'] as const).map((d) => [s, r, d] as const)))(
    'tiles %j by %j (%s) as the CPU backend does',
    async (shape, reps, dtype) => {
      await expectWasmMatchesCpu((tf) => tf.tile(values(tf, [...shape], dtype, 1), [...reps]), exact);
    },
  );

  it('broadcasts for tf.broadcastTo and for tf.where with operands of different shapes', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = values(tf, [6, 4, 5], 'float32', 2);
      const condition = x.greater(tf.mean(x, 2, true));
      return [tf.broadcastTo(values(tf, [4, 1], 'float32', 3), [3, 4, 5]), tf.where(condition, x, tf.zeros([1, 1, 5])), tf.where(condition.slice([0, 0, 0], [6, 4, 1]), x, tf.scalar(-1))];
    }, exact);
  });

  it('gives tf.tile and tf.where their CPU gradients', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = values(tf, [3, 1, 4], 'float32', 4);
      const mask = tf.tidy(() => values(tf, [1, 5, 4], 'bool', 5));
      const w = values(tf, [6, 5, 4], 'float32', 6);
      return [
        tf.grad((v: Tensor) => tf.tile(v, [2, 5, 1]).mul(w).sum())(x),
        tf.grad((v: Tensor) => tf.where(mask, v, v.square()).sum())(x),
      ];
    });
  });

  it('leaves no tensor data behind on wasm', async () => {
    const tf = await useNodeBackend('wasm');
    const x = values(tf, [7, 5, 1], 'float32', 7);
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const before = backend.numDataIds();
    tf.tidy(() => void tf.tile(x, [2, 1, 9]).add(1));
    expect(backend.numDataIds()).toBe(before);
    x.dispose();
  });
});
