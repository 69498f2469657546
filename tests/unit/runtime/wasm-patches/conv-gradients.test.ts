import type { Tensor, Tensor4D } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, randomValues } from '../../../helpers/kernel-conformance.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';

type Tf = Awaited<ReturnType<typeof useNodeBackend>>;
type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
/** A seeded tensor of `shape`: the same values on both backends. */
const t4 = (tf: Tf, shape: Shape4, seed: number) => tf.tensor4d(randomValues(size(shape), seed), shape);

// Sums of a few hundred products: float32 agreement to ~1e-5 relative, and the CPU sums in another order.
const tol = { rtol: 1e-4, atol: 1e-4 };

beforeAll(async () => {
  installWasmPatches(await useNodeBackend('wasm'));
});

describe('stock tfjs 4.22 wasm', () => {
  it('lacks the three conv gradient kernels, so a conv filter has no gradient', async () => {
    const tf = await useNodeBackend('wasm');
    uninstallWasmPatches(tf);
    try {
      for (const k of ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'])
        expect(tf.getKernel(k, 'wasm'), k).toBeUndefined();
      const x = tf.ones([1, 4, 4, 1]) as Tensor4D;
      expect(() => tf.grad((w) => tf.conv2d(x, w as typeof x, 1, 'same').sum())(tf.ones([3, 3, 1, 1]))).toThrow(
        /Conv2DBackpropFilter' not registered/,
      );
    } finally {
      tf.disposeVariables();
      installWasmPatches(tf);
    }
  });
});

describe('Conv2DBackpropFilter and Conv2DBackpropInput on wasm match the CPU backend', () => {
  // [input NHWC, filter, strides, padding]: strides 1/2/3, every padding kind, odd sizes, 1 and several channels.
  const cases: [Shape4, Shape4, number | [number, number], Pad][] = [
    [[2, 5, 5, 3], [3, 3, 3, 4], 1, 'same'],
    [[2, 5, 5, 3], [3, 3, 3, 4], 2, 'valid'], // odd input, stride 2: the last row and column are never read
    [[2, 5, 5, 3], [2, 2, 3, 4], 2, 'valid'],
    [[1, 6, 7, 1], [3, 3, 1, 2], 2, 'same'],
    [[3, 7, 6, 2], [3, 2, 2, 3], [2, 1], [[0, 0], [1, 2], [0, 1], [0, 0]]],
    [[2, 9, 9, 2], [5, 5, 2, 2], 3, 'same'],
    [[1, 4, 4, 1], [4, 4, 1, 1], 1, 'valid'], // the filter covers the whole input: a 1×1 dy
    [[2, 5, 5, 2], [3, 3, 2, 3], 1, 2],
    [[1, 4, 4, 1], [2, 2, 1, 2], 2, 3], // padding wider than the filter: some outputs read only zeros
    [[4, 8, 8, 1], [3, 3, 1, 8], 1, 'same'], // the autoencoder's first layer on 8×8 digits
  ];
  it.each(cases)('tf.grad of conv2d w.r.t. filter and input: x %j, w %j, strides %j, pad %j', async (xs, ws, s, pad) => {
    await expectWasmMatchesCpu((tf) => {
      const loss = (x: Tensor, w: Tensor) => tf.conv2d(x as Tensor4D, w as Tensor4D, s, pad).square().sum();
      return tf.grads(loss)([t4(tf, xs, 1), t4(tf, ws, 2)]);
    }, tol);
  });

  it('runs both backprop kernels in NCHW with dimRoundingMode', async () => {
    // tfjs's wasm Conv2D refuses NCHW, so only the kernels themselves can meet NCHW (a direct call, as tfjs-core's op does).
    await expectWasmMatchesCpu((tf) => {
      const x = t4(tf, [2, 3, 7, 6], 3);
      const dy = t4(tf, [2, 4, 4, 4], 4);
      const attrs = { strides: 2, pad: 1, dataFormat: 'NCHW', dimRoundingMode: 'ceil' };
      return [
        tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: [3, 3, 3, 4] } as never) as Tensor,
        tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: t4(tf, [3, 3, 3, 4], 5) }, { ...attrs, inputShape: x.shape } as never) as Tensor,
      ];
    }, tol);
  });

  it('gives the filter and input gradients of conv2dTranspose (a decoder layer)', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = t4(tf, [2, 4, 4, 3], 5);
      const w = t4(tf, [3, 3, 2, 3], 6);
      return tf.grads((x: Tensor, w: Tensor) => tf.conv2dTranspose(x as Tensor4D, w as Tensor4D, [2, 8, 8, 2], 2, 'same').square().sum())([x, w]);
    }, tol);
  });
});

describe('depthwise gradients on wasm match the CPU backend', () => {
  // [input, filter (channel multiplier last), strides, padding]
  const cases: [Shape4, Shape4, number, Pad][] = [
    [[2, 5, 5, 3], [3, 3, 3, 1], 1, 'same'],
    [[2, 5, 5, 3], [3, 3, 3, 2], 2, 'valid'],
    [[1, 6, 7, 2], [3, 3, 2, 2], 2, 'same'],
    [[2, 9, 9, 2], [5, 5, 2, 1], 3, 'same'],
    [[2, 5, 5, 2], [3, 3, 2, 3], 1, 2],
    [[2, 6, 5, 2], [2, 2, 2, 1], 2, 3], // padding wider than the filter: some outputs read only zeros
  ];
  it.each(cases)('tf.grad of depthwiseConv2d w.r.t. filter and input: x %j, w %j, strides %j, pad %j', async (xs, ws, s, pad) => {
    await expectWasmMatchesCpu((tf) => {
      const x = t4(tf, xs, 7);
      const w = t4(tf, ws, 8);
      return tf.grads((x: Tensor, w: Tensor) => tf.depthwiseConv2d(x as Tensor4D, w as Tensor4D, s, pad).square().sum())([x, w]);
    }, tol);
  });

  it.each([
    ['same', 2],
    ['valid', 2],
    [[[0, 0], [2, 1], [1, 0], [0, 0]], 3],
  ] as [Pad, number][])('runs both kernels with dilation (pad %j, dilation %i)', async (pad, d) => {
    // tfjs-core's gradient refuses dilation > 1 and the CPU kernels ignore it, so the reference is the same
    // convolution written without dilation: the filter with d − 1 zeros between taps, its gradient read every d-th tap.
    const [kh, kw, c, m] = [3, 2, 3, 2];
    const w = randomValues(kh * kw * c * m, 10);
    const [khd, kwd] = [(kh - 1) * d + 1, (kw - 1) * d + 1];
    const wd = new Float32Array(khd * kwd * c * m);
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        wd.set(w.subarray((i * kw + j) * c * m, (i * kw + j + 1) * c * m), (i * d * kwd + j * d) * c * m);
    await expectWasmMatchesCpu((tf) => {
      const x = t4(tf, [2, 9, 8, c], 9);
      const dilated = tf.tensor4d(wd, [khd, kwd, c, m]);
      const dy = tf.depthwiseConv2d(x, dilated, 1, pad).mul(0.5);
      const run = (name: string, inputs: object, attrs: object) =>
        tf.engine().runKernel(name, inputs as never, { strides: 1, pad, ...attrs } as never) as Tensor;
      if (tf.getBackend() === 'wasm') {
        const filter = tf.tensor4d(w, [kh, kw, c, m]);
        return [
          run('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { dilations: d, filterShape: filter.shape }),
          run('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { dilations: d, inputShape: x.shape }),
        ];
      }
      const dW = run('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { dilations: 1, filterShape: dilated.shape });
      return [
        tf.stridedSlice(dW, [0, 0, 0, 0], dW.shape, [d, d, 1, 1]),
        run('DepthwiseConv2dNativeBackpropInput', { dy, filter: dilated }, { dilations: 1, inputShape: x.shape }),
      ];
    }, tol);
  });

  it('gives the gradients of separableConv2d', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = t4(tf, [2, 6, 6, 3], 11);
      const dw = t4(tf, [3, 3, 3, 2], 12);
      const pw = t4(tf, [1, 1, 6, 4], 13);
      return tf.grads((x: Tensor, dw: Tensor, pw: Tensor) =>
        tf.separableConv2d(x as Tensor4D, dw as Tensor4D, pw as Tensor4D, 1, 'same').square().sum(),
      )([x, dw, pw]);
    }, tol);
  });
});

describe('a convolutional autoencoder trains on wasm', () => {
  /** Losses of a few SGD steps of a tiny conv autoencoder (conv → maxPool → conv2dTranspose / upSampling → conv). */
  async function losses(tf: Tf, decoder: 'transpose' | 'upsampling'): Promise<number[]> {
    const before = tf.memory().numTensors;
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        decoder === 'transpose'
          ? tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(2) })
          : tf.layers.upSampling2d({ size: [2, 2] }),
        tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', kernelInitializer: init(3) }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    const xs = tf.tensor4d(randomValues(16 * 64, 14, { uniform: true }), [16, 8, 8, 1]);
    // Batches of one: the CPU backend's ResizeNearestNeighborGrad (upSampling2d's gradient) reads dy at the wrong
    // offset for every image after the first (it steps dy by the input's batch stride), so it is wrong for batch > 1.
    const h = await model.fit(xs, xs, { epochs: 4, batchSize: decoder === 'upsampling' ? 1 : 8, shuffle: false, verbose: 0 });
    xs.dispose();
    model.optimizer.dispose(); // model.dispose() leaves an optimizer passed in by the caller
    model.dispose();
    expect(tf.memory().numTensors, `tensors leaked on ${tf.getBackend()}`).toBe(before);
    return h.history.loss as number[];
  }

  it.each(['transpose', 'upsampling'] as const)('with a %s decoder: its losses match the CPU backend\'s', async (decoder) => {
    const cpu = await losses(await useNodeBackend('cpu'), decoder);
    const wasm = await losses(await useNodeBackend('wasm'), decoder);
    expect(wasm[3]!).toBeLessThan(wasm[0]!); // it learns
    wasm.forEach((l, i) => expect(Math.abs(l - cpu[i]!), `epoch ${i}: wasm ${l} vs cpu ${cpu[i]}`).toBeLessThan(1e-4 * cpu[i]! + 1e-6));
  });
});

describe('the rest of a conv autoencoder\'s backward pass on wasm matches the CPU backend', () => {
  // Stock kernels a conv autoencoder's training also needs (MaxPoolGrad is patched by max-pool-grad).
  const grads: [string, (tf: Tf) => Tensor | Tensor[]][] = [
    ['Conv2DBackpropInput (conv2d w.r.t. x, strides 2)', (tf) => tf.grad((x: Tensor) => tf.conv2d(x as Tensor4D, t4(tf, [3, 3, 2, 3], 2), 2, 'same').square().sum())(t4(tf, [2, 7, 7, 2], 1))],
    ['MaxPoolGrad', (tf) => tf.grad((x: Tensor) => tf.maxPool(x as Tensor4D, 2, 2, 'same').square().sum())(t4(tf, [2, 7, 7, 3], 1))],
    ['AvgPoolGrad', (tf) => tf.grad((x: Tensor) => tf.avgPool(x as Tensor4D, 3, 2, 'same').square().sum())(t4(tf, [2, 7, 7, 3], 1))],
    // Batch 1: the CPU backend's ResizeNearestNeighborGrad is wrong for batch > 1 (see the autoencoder test above).
    ['ResizeNearestNeighborGrad (upSampling2d)', (tf) => tf.grad((x: Tensor) => tf.image.resizeNearestNeighbor(x as Tensor4D, [8, 8]).square().sum())(t4(tf, [1, 4, 4, 3], 1))],
    ['ResizeBilinearGrad', (tf) => tf.grad((x: Tensor) => tf.image.resizeBilinear(x as Tensor4D, [9, 7]).square().sum())(t4(tf, [2, 4, 4, 3], 1))],
    ['batchNorm w.r.t. x, mean, variance, offset, scale', (tf) => {
      const v = tf.tensor1d(randomValues(3, 4, { uniform: true })).add(0.5);
      return tf.grads((x: Tensor, m: Tensor, v: Tensor, o: Tensor, s: Tensor) =>
        tf.batchNorm(x, m, v, o, s, 1e-3).square().sum(),
      )([t4(tf, [2, 4, 4, 3], 1), tf.tensor1d(randomValues(3, 2)), v, tf.tensor1d(randomValues(3, 3)), tf.tensor1d(randomValues(3, 5))]);
    }],
  ];
  it.each(grads)('%s', async (_name, compute) => {
    await expectWasmMatchesCpu(compute, tol);
  });
});

describe('the patched kernels free their intermediates', () => {
  // They run stock kernels below tfjs's engine, so numTensors cannot see their intermediates: count wasm buffers.
  it('leaves no wasm data buffer behind, strided, padded and not', async () => {
    const tf = await useNodeBackend('wasm');
    const step = () =>
      tf.tidy(() => {
        const x = t4(tf, [2, 7, 7, 3], 1);
        const w = t4(tf, [3, 3, 3, 4], 2);
        const dw = t4(tf, [3, 3, 3, 2], 3);
        const conv = (s: number, pad: Pad) => tf.grads((x: Tensor, w: Tensor) => tf.conv2d(x as Tensor4D, w as Tensor4D, s, pad).sum())([x, w]);
        const depthwise = (s: number, pad: Pad) => tf.grads((x: Tensor, w: Tensor) => tf.depthwiseConv2d(x as Tensor4D, w as Tensor4D, s, pad).sum())([x, dw]);
        return [conv(1, 'same'), conv(2, 'valid'), conv(2, 4), depthwise(1, 'same'), depthwise(2, 'valid'), depthwise(2, 4)].flat().map((g) => g.sum());
      });
    tf.dispose(step()); // the first call may allocate what stays (e.g. cached scalars)
    const before = tf.memory();
    tf.dispose(step());
    const after = tf.memory();
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
    expect(after.numTensors).toBe(before.numTensors);
  });
});
