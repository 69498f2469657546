/**
 * Conformance of the gather-in-order patch (src/runtime/wasm-patches/gather-in-order.ts): a gather of every slice
 * in order shares the input's data and equals the CPU backend's gather exactly; every other gather (partial,
 * shuffled, repeated, batched, out of range) still goes to the stock kernel; model.fit on a full batch in order
 * trains to the same numbers with and without the patch.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { takesAllInOrder } from '../../../../src/runtime/wasm-patches/gather-in-order.ts';
import { installedWasmPatches, installWasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';
import { expectWasmMatchesCpu, randomValues } from '../../../helpers/kernel-conformance.ts';

type Tf = typeof tfjs;
const exact = { rtol: 0, atol: 0 };
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const x3 = (tf: Tf) => tf.tensor(randomValues(4 * 5 * 6, 1), [4, 5, 6]);

/** Runs `body` with every installed patch but gather-in-order, then puts them back. */
async function withoutPatch<T>(body: (tf: Tf) => T | Promise<T>): Promise<T> {
  const tf = await useNodeBackend('wasm');
  const installed = [...installedWasmPatches()];
  installWasmPatches(tf, { only: installed.filter((id) => id !== 'gather-in-order') });
  try {
    return await body(tf);
  } finally {
    installWasmPatches(tf, { only: installed });
  }
}

describe('takesAllInOrder', () => {
  it.each([
    [[0, 1, 2], 3, true],
    [[], 0, true],
    [[0, 1], 3, false], // a partial batch
    [[0, 2, 1], 3, false], // shuffled
    [[0, 1, 1], 3, false],
    [[1, 2, 3], 3, false],
  ] as const)('%j of %i slices: %s', (indices, n, expected) => {
    expect(takesAllInOrder(indices, n)).toBe(expected);
  });
});

describe('gather-in-order: GatherV2 agrees with CPU exactly', () => {
  it.each([
    ['every slice in order, axis 0', 0, range(4)],
    ['every slice in order, axis 1', 1, range(5)],
    ['every slice in order, axis −1', -1, range(6)],
    ['a partial batch', 0, [0, 1, 2]],
    ['shuffled', 1, [4, 0, 3, 1, 2]],
    ['repeated', 2, [0, 0, 5, 5, 1, 2]],
    ['more indices than slices', 0, [0, 1, 2, 3, 0]],
  ] as const)('%s', async (_, axis, indices) => {
    await expectWasmMatchesCpu((tf) => tf.gather(x3(tf), tf.tensor1d([...indices], 'int32'), axis), exact);
  });

  it('indices of rank 2 covering the axis in order are a real gather (new axis)', async () => {
    await expectWasmMatchesCpu((tf) => tf.gather(x3(tf), tf.tensor2d([0, 1, 2, 3], [1, 4], 'int32'), 0), exact);
  });

  it('with batchDims goes to the stock kernel (bit-identical with and without the patch)', async () => {
    const tf = await useNodeBackend('wasm');
    // Indices that take each batch's whole axis in order, the case a batchDims-blind check would get wrong.
    const run = (t: Tf) => t.tidy(() => Array.from(t.gather(x3(t), t.tensor2d(range(20).map((i) => i % 5), [4, 5], 'int32'), 1, 1).dataSync()));
    expect(run(tf)).toEqual(await withoutPatch(run));
  });

  it('int32 and bool tensors', async () => {
    await expectWasmMatchesCpu((tf) => [tf.gather(tf.tensor1d([5, -2, 7], 'int32'), [0, 1, 2]), tf.gather(tf.tensor1d([true, false], 'bool'), [0, 1])], exact);
  });

  it('the gradient of an in-order gather', async () => {
    await expectWasmMatchesCpu((tf) => tf.grad((p: tfjs.Tensor) => tf.gather(p, range(4)).square().sum())(x3(tf)), exact);
  });

  it('an index out of range still throws, as on stock wasm', async () => {
    const tf = await useNodeBackend('wasm');
    expect(() => tf.tidy(() => tf.gather(x3(tf), [0, 1, 2, 4]))).toThrow(/not in \[0, 3\]/);
  });
});

describe('gather-in-order: sharing', () => {
  it('an in-order gather makes no new data, and the result outlives its input', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.engine().backend.numDataIds();
    const x = x3(tf);
    const want = x.dataSync().slice();
    const g = tf.gather(x, range(4)); // a regular array: the indices tensor is the op's own
    expect(tf.engine().backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(g.dataSync()).toEqual(want);
    g.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(before);
  });

  it('model.fit on the full batch in order trains to the same weights, bit for bit, as without the patch', async () => {
    const train = async (tf: Tf) => {
      const xs = tf.tensor2d(randomValues(64 * 2, 3), [64, 2]);
      const ys = tf.oneHot(tf.tensor1d(range(64).map((i) => i % 3), 'int32'), 3);
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, activation: 'relu', inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }), tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })] });
      model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
      const h = await model.fit(xs, ys, { epochs: 5, batchSize: 64, shuffle: false, verbose: 0 });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      tf.dispose([xs, ys]);
      model.dispose();
      return { loss: h.history.loss, weights };
    };
    const patched = await train(await useNodeBackend('wasm'));
    expect(patched).toEqual(await withoutPatch(train));
  });
});
