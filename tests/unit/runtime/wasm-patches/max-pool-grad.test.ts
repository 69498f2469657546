import type { Tensor, Tensor4D } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, randomValues, onStockWasm } from '../../../helpers/kernel-conformance.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number;
type Tf = Awaited<ReturnType<typeof useNodeBackend>>;

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
/** The gradient of Σ maxPool(x)·r w.r.t. x, r a fixed seeded tensor. */
function poolGrad(tf: Tf, x: Tensor4D, k: number, s: number, pad: Pad): Tensor {
  return tf.grad((x: Tensor) => {
    const y = tf.maxPool(x as Tensor4D, k, s, pad);
    return y.mul(tf.tensor(randomValues(y.size, 2), y.shape)).sum();
  })(x);
}

beforeAll(async () => {
  installWasmPatches(await useNodeBackend('wasm'));
});

describe('MaxPoolGrad on wasm', () => {
  it('is wrong on stock tfjs 4.22 for windows of negatives (why the patch exists)', async () => {
    await onStockWasm(async (tf) => {
      const g = tf.tidy(() => poolGrad(tf, tf.tensor4d([1, 2, 3, 4, -1, -2, -3, -4], [2, 2, 2, 1]), 2, 2, 'valid'));
      // The second image's window is all negative: its gradient belongs to its maximum, the -1 at index 4, but the
      // stock kernel leaves 0 there (it went to index 0, in the first image).
      expect(Array.from(await g.data())[4]).toBe(0);
      g.dispose();
    });
  });

  // [input, pool size, strides, padding]: overlapping and disjoint windows, odd sizes, padding at the edges.
  const cases: [Shape4, number, number, Pad][] = [
    [[2, 8, 8, 3], 2, 2, 'valid'],
    [[2, 7, 7, 3], 2, 2, 'same'],
    [[1, 9, 6, 2], 3, 2, 'same'],
    [[2, 5, 5, 1], 3, 1, 'valid'],
    [[3, 6, 5, 4], 3, 1, 'same'],
    [[1, 7, 7, 2], 3, 3, 1],
  ];
  it.each(cases)('matches the CPU backend on normal noise: x %j, pool %i, strides %i, pad %j', async (xs, k, s, pad) => {
    await expectWasmMatchesCpu((tf) => poolGrad(tf, tf.tensor4d(randomValues(size(xs), 1), xs), k, s, pad), { rtol: 0, atol: 0 });
  });

  it.each(cases)('matches the CPU backend after a relu (windows of zeros) and on ties: x %j, pool %i, strides %i, pad %j', async (xs, k, s, pad) => {
    await expectWasmMatchesCpu((tf) => {
      const x = tf.tensor4d(randomValues(size(xs), 3), xs);
      return [poolGrad(tf, tf.relu(x), k, s, pad), poolGrad(tf, tf.round(x), k, s, pad)];
    }, { rtol: 0, atol: 0 });
  });
});
