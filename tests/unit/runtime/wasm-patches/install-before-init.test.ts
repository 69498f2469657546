import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect, it } from 'vitest';
import { installWasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';

// Vitest runs each test file in its own fork, so the wasm backend is not initialised yet when this file starts.
// tfjs runs a kernel's setupFunc only for the configs registered when the backend initialises; a patched config
// that wraps a stock kernel must pass the stock setupFunc on, or the stock wasm function it calls is never bound.
it('patched kernels still reach the stock ones when installed before the wasm backend starts', async () => {
  expect(tf.findBackend('wasm')).toBeNull();
  installWasmPatches(tf, { only: ['accurate-reductions', 'broadcast-binary', 'tile'] });
  tf.env().set('PROD', true);
  expect(await tf.setBackend('wasm')).toBe(true);
  const [small, large, eq, same, tiled, soft] = tf.tidy(() => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    return [
      [tf.sum(x, 1), tf.mean(x), tf.prod(x)],
      [tf.mean(tf.fill([2, 5000], 0.25), 1)],
      [tf.equal(x, tf.tensor2d([1, 5], [2, 1])), tf.add(x.toInt(), tf.tensor2d([1, 5], [2, 1], 'int32'))],
      [tf.equal(x, x)],
      [tf.tile(x, [1, 2])],
      [tf.softmax(tf.tensor1d([0, Math.log(3)])), tf.softmax(tf.zeros([1, 5000])).sum()],
    ].map((ts) => ts.map((t) => Array.from(t.dataSync())));
  });
  expect(small).toEqual([[6, 15], [3.5], [720]]);
  expect(large).toEqual([[0.25, 0.25]]);
  expect(eq).toEqual([[1, 0, 0, 0, 1, 0], [2, 3, 4, 9, 10, 11]]);
  expect(same).toEqual([[1, 1, 1, 1, 1, 1]]);
  expect(tiled).toEqual([[1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6]]);
  expect(soft![0]![1]).toBeCloseTo(0.75, 6);
  expect(soft![1]![0]).toBeCloseTo(1, 6);
});
