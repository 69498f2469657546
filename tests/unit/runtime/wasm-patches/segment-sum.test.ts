import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, randomValues, onStockWasm } from '../../../helpers/kernel-conformance.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';

/** `n` seeded segment ids in [0, k). */
const ids = (n: number, k: number, seed: number) => Array.from(randomValues(n, seed, { uniform: true, scale: k }), Math.floor);

beforeAll(async () => {
  installWasmPatches(await useNodeBackend('wasm'));
});

describe('UnsortedSegmentSum on wasm', () => {
  it('is missing on stock tfjs 4.22, so tf.gather has no gradient', async () => {
    await onStockWasm(async (tf) => {
      expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeUndefined();
      expect(() => tf.grad((p) => tf.gather(p, [0, 1]).sum())(tf.ones([3, 2]))).toThrow(/UnsortedSegmentSum' not registered/);
    });
  });

  // [x shape, numSegments]: 1-D and n-D rows, more segments than rows and fewer, empty segments.
  it.each([
    [[7], 3],
    [[10, 4], 6],
    [[5, 3, 2], 9],
    [[40, 17], 5],
  ] as [number[], number][])('matches the CPU backend exactly: x %j, %i segments', async (shape, k) => {
    await expectWasmMatchesCpu((tf) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return tf.unsortedSegmentSum(tf.tensor(randomValues(n, 1), shape), tf.tensor1d(ids(shape[0]!, k, 2), 'int32'), k);
    }, { rtol: 0, atol: 0 });
  });

  it('sums int32 values to the same numbers, as int32 (TensorFlow\'s rule; the CPU backend returns float32)', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2], 'int32');
      const s = tf.unsortedSegmentSum(x, tf.tensor1d([1, 0, 1, 1], 'int32'), 3);
      if (tf.getBackend() === 'wasm') expect(s.dtype).toBe('int32');
      return s;
    }, { rtol: 0, atol: 0 });
  });

  it('drops ids outside [0, numSegments) instead of crashing, as the CPU backend does', async () => {
    await expectWasmMatchesCpu((tf) => tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([0, -1, 7, 1], 'int32'), 2), {
      rtol: 0,
      atol: 0,
    });
  });

  it('takes n-D segment ids (the CPU backend cannot: checked against a 1-D call)', async () => {
    const tf = await useNodeBackend('wasm');
    const [a, b] = tf.tidy(() => {
      const x = tf.tensor(randomValues(24, 3), [2, 3, 4]);
      const s = [0, 2, 2, 1, 0, 2];
      return [tf.unsortedSegmentSum(x, tf.tensor2d(s, [2, 3], 'int32') as Tensor as Tensor1D, 3), tf.unsortedSegmentSum(x.reshape([6, 4]), tf.tensor1d(s, 'int32'), 3)];
    });
    expect(await a!.array()).toEqual(await b!.array());
    tf.dispose([a!, b!]);
  });

  it.each([
    [[12, 5], [0, 3, 3, 11, 7, 0, 0, 2]],
    [[6, 3, 2], [5, 5, 1]],
  ] as [number[], number[]][])('gives tf.gather its gradient: params %j, indices %j', async (shape, indices) => {
    await expectWasmMatchesCpu((tf) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const params = tf.tensor(randomValues(n, 4), shape);
      return tf.grad((p: Tensor) => {
        const g = tf.gather(p, tf.tensor1d(indices, 'int32'));
        return g.mul(tf.tensor(randomValues(g.size, 5), g.shape)).sum();
      })(params);
    }, { rtol: 0, atol: 0 });
  });

  it('trains an embedding layer to the CPU backend\'s losses', async () => {
    async function losses(tf: Awaited<ReturnType<typeof useNodeBackend>>): Promise<number[]> {
      const before = tf.memory().numTensors;
      const model = tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 10, outputDim: 3, inputLength: 4, embeddingsInitializer: tf.initializers.randomUniform({ seed: 1 }) }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        ],
      });
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      const xs = tf.tensor2d(ids(32 * 4, 10, 6), [32, 4]) as Tensor2D;
      const ys = tf.tensor2d(randomValues(32, 7), [32, 1]);
      const h = await model.fit(xs, ys, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
      tf.dispose([xs, ys]);
      model.optimizer.dispose();
      model.dispose();
      expect(tf.memory().numTensors, `tensors leaked on ${tf.getBackend()}`).toBe(before);
      return h.history.loss as number[];
    }
    const cpu = await losses(await useNodeBackend('cpu'));
    const wasm = await losses(await useNodeBackend('wasm'));
    wasm.forEach((l, i) => expect(Math.abs(l - cpu[i]!), `epoch ${i}: wasm ${l} vs cpu ${cpu[i]}`).toBeLessThan(1e-5 * cpu[i]! + 1e-7));
  });
});
