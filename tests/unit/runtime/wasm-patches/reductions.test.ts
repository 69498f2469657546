import type { Tensor } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, randomValues, onStockWasm } from '../../../helpers/kernel-conformance.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';
import { LARGE_REDUCE } from '../../../../src/runtime/wasm-patches/reductions.ts';

type Tf = Awaited<ReturnType<typeof useNodeBackend>>;
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const exact = { rtol: 0, atol: 0 };

/** Every non-empty subset of the axes of a rank-`rank` tensor. */
const axisSubsets = (rank: number): number[][] =>
  Array.from({ length: 2 ** rank - 1 }, (_, m) => [...Array(rank).keys()].filter((d) => (m + 1) & (1 << d)));

/** The wasm backend's count of live tensor data: a kernel that forgets an intermediate shows up here. */
const wasmDataIds = (tf: Tf) => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();

beforeAll(async () => {
  installWasmPatches(await useNodeBackend('wasm'));
});

describe('large reductions and softmax rows on wasm (accurate-reductions)', () => {
  const N = 3_000_000;

  it('stock tfjs 4.22 loses 2 % on the mean of 3M equal values (why the patch exists)', async () => {
    await onStockWasm(async (tf) => {
      const m = tf.tidy(() => tf.mean(tf.fill([1000, 3000], 0.8645)).dataSync()[0]!);
      expect(Math.abs(m - 0.8645)).toBeGreaterThan(0.01);
    });
  });

  it('gives the mean and sum of 3M copies of 0.8645 exactly, to float32 rounding', async () => {
    const tf = await useNodeBackend('wasm');
    const c = Math.fround(0.8645);
    const [mean, sum, mean0, mean1] = tf.tidy(() => {
      const x = tf.fill([1000, 3000], c);
      return [tf.mean(x), tf.sum(x), tf.mean(x.reshape([6000, 500]), 0), tf.mean(x.reshape([300, 10000]), 1)].map((t) => t.dataSync());
    });
    expect(mean![0]).toBe(c);
    expect(sum![0]).toBe(Math.fround(c * N));
    expect(new Set(mean0)).toEqual(new Set([c]));
    expect(new Set(mean1)).toEqual(new Set([c]));
  });

  it('sums 3M random values within 1e-6 of their float64 sum, equal to the CPU backend', async () => {
    const xs = randomValues(N, 21, { uniform: true });
    const want = xs.reduce((a, v) => a + v, 0);
    const tf = await useNodeBackend('wasm');
    const got = tf.tidy(() => tf.sum(tf.tensor1d(xs)).dataSync()[0]!);
    expect(Math.abs(got - want) / want).toBeLessThan(1e-6);
    await expectWasmMatchesCpu((t) => [t.sum(t.tensor1d(xs)), t.mean(t.tensor1d(xs)), t.prod(t.tensor1d(xs.subarray(0, 5000)).add(0.5))], exact);
  });

  // An odd rank-4 shape whose axis subsets reduce from 3 to 28,542 values: those over LARGE_REDUCE take the float64
  // path and must equal the CPU backend bit for bit; the rest stay on the stock kernel.
  const shape = [71, 3, 67, 2];
  const large = (axes: number[]) => size(axes.map((d) => shape[d]!)) > LARGE_REDUCE;
  const rows = axisSubsets(shape.length).flatMap((axes) => [true, false].map((keepDims) => [axes, keepDims] as const));

  it.each(rows)('Sum, Mean and Prod over axes %j (keepDims %s) match the CPU backend', async (axes, keepDims) => {
    const tolerance = large([...axes]) ? exact : { rtol: 1e-5, atol: 1e-5 };
    await expectWasmMatchesCpu((tf) => {
      const x = tf.tensor(randomValues(size(shape), 22), shape);
      // Prod over thousands of values stays finite only near 1.
      const nearOne = x.mul(1e-3).add(1);
      return [tf.sum(x, [...axes], keepDims), tf.mean(x, [...axes], keepDims), tf.prod(nearOne, [...axes], keepDims)];
    }, tolerance);
  });

  it('leaves small reductions on the stock kernel, bit for bit', async () => {
    const tf = await useNodeBackend('wasm');
    const compute = () =>
      tf.tidy(() => {
        const x = tf.tensor(randomValues(size(shape), 23), shape);
        const wide = tf.tensor(randomValues(2 * LARGE_REDUCE, 24), [2, LARGE_REDUCE]);
        return [tf.sum(x, 2), tf.mean(x, [0, 1], true), tf.prod(x, 3), tf.sum(wide, 1), tf.softmax(wide)].map((t) => Array.from(t.dataSync()));
      });
    const patched = compute();
    uninstallWasmPatches(tf);
    try {
      expect(patched).toEqual(compute());
    } finally {
      installWasmPatches(tf);
    }
  });

  it('takes int32 and bool inputs as the CPU backend does (Mean through float32; int32 Sum stays exact)', async () => {
    await expectWasmMatchesCpu((tf) => {
      const ints = tf.tensor2d(Array.from(randomValues(3 * 9001, 24, { uniform: true, scale: 1e6 }), Math.floor), [3, 9001], 'int32');
      const bools = ints.greater(5e5);
      return [tf.mean(ints, 1), tf.sum(ints, 1), tf.mean(bools, 1), tf.sum(bools, 1), tf.mean(ints.transpose(), 0, true)];
    }, exact);
  });

  it('propagates NaN and Infinity as the CPU backend does, and handles a zero-sized output', async () => {
    // Compared with toEqual, not expectWasmMatchesCpu: its tolerance arithmetic reads Infinity − Infinity as a miss.
    const compute = (tf: Tf) =>
      tf.tidy(() => {
        const base = randomValues(2 * 5000, 25);
        base[17] = NaN;
        base[5000 + 3] = Infinity;
        const x = tf.tensor2d(base, [2, 5000]);
        return [tf.sum(x, 1), tf.mean(x, 1), tf.prod(x, 1), tf.sum(tf.zeros([0, 5000]), 1), tf.mean(tf.zeros([5000, 0]), 0)].map((t) => ({
          shape: t.shape,
          values: Array.from(t.dataSync()),
        }));
      });
    const cpu = compute(await useNodeBackend('cpu'));
    const wasm = compute(await useNodeBackend('wasm'));
    expect(wasm).toEqual(cpu);
    expect(wasm[0]!.values).toEqual([NaN, Infinity]);
  });

  it.each([
    ['mean', [2, 6000], 1],
    ['sum', [5000, 3], 0],
    ['mean', [40, 3, 50], [0, 2]],
  ] as ['mean' | 'sum', number[], number | number[]][])('gives tf.grad of %s over %j axis %j the CPU backend\'s gradient', async (op, shape, axis) => {
    await expectWasmMatchesCpu((tf) => {
      const x = tf.tensor(randomValues(size(shape), 26), shape);
      return tf.grad((v: Tensor) => tf[op](v.square(), axis).mul(tf.tensor(randomValues(tf[op](v, axis).size, 27), tf[op](v, axis).shape)).sum())(x);
    }, exact);
  });

  it('gives the same losses as the CPU backend for a log-sum-exp over a large axis and a centring', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = tf.tensor2d(randomValues(3 * 20000, 28, { scale: 3 }), [3, 20000]);
      const centred = x.sub(tf.mean(x, 0, true)).sub(tf.mean(x, 1, true));
      return [tf.logSumExp(x, 1), tf.mean(centred), tf.grad((v: Tensor) => tf.logSumExp(v, 1).sum())(x)];
    });
  });

  it('gives Softmax over rows longer than LARGE_REDUCE the CPU backend\'s values, and its outputs sum to 1', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = tf.tensor2d(randomValues(3 * 6001, 30, { scale: 4 }), [3, 6001]);
      return [tf.softmax(x), tf.softmax(x.reshape([3, 1, 6001])), tf.logSoftmax(x)];
    }, exact);
    const tf = await useNodeBackend('wasm');
    const total = tf.tidy(() => Array.from(tf.softmax(tf.tensor2d(randomValues(1 << 20, 31, { scale: 4 }), [1, 1 << 20])).dataSync()));
    expect(Math.abs(total.reduce((a, v) => a + v, 0) - 1)).toBeLessThan(1e-6);
  });

  it('gives Softmax\'s gradient, NaN rows and short rows as the CPU backend does', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = tf.tensor2d(randomValues(2 * 5000, 32), [2, 5000]);
      const w = tf.tensor2d(randomValues(2 * 5000, 33), [2, 5000]);
      return tf.grad((v: Tensor) => tf.softmax(v).mul(w).sum())(x);
    });
    const compute = (tf: Tf) =>
      tf.tidy(() => {
        const base = randomValues(2 * 5000, 34);
        base[4321] = NaN;
        return Array.from(tf.softmax(tf.tensor2d(base, [2, 5000])).dataSync());
      });
    const cpu = compute(await useNodeBackend('cpu'));
    expect(compute(await useNodeBackend('wasm'))).toEqual(cpu);
    await expectWasmMatchesCpu((tf) => tf.softmax(tf.tensor2d(randomValues(7 * 30, 35), [7, 30])));
  });

  it('frees its transposed intermediate: no tensor data left behind on wasm', async () => {
    const tf = await useNodeBackend('wasm');
    const x = tf.tensor(randomValues(size(shape), 29), shape);
    const before = wasmDataIds(tf);
    for (const axes of axisSubsets(shape.length)) tf.dispose([tf.sum(x, axes), tf.mean(x, axes, true), tf.prod(x, axes)]);
    tf.tidy(() => void tf.softmax(x.reshape([-1, 67 * 2 * 71])));
    expect(wasmDataIds(tf)).toBe(before);
    x.dispose();
  });
});
