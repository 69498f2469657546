/**
 * The numbers behind the gradient patches of src/runtime/wasm-patches/ (conv-gradients, segment-sum, max-pool-grad):
 *
 *   errors: how wrong the stock kernels are (and the one CPU kernel the tests work around), against a
 *           reference written out in this file;
 *   speed:  each patched kernel on realistic sizes (a conv autoencoder on 8×8 digits, batch 64; MNIST-like 28×28,
 *           batch 32), patched WASM vs the CPU backend, median ms per call over interleaved blocks, and
 *           UnsortedSegmentSum's loop vs a one-hot matmul on WASM.
 *
 * Usage: node scripts/with-node.mjs node scripts/wasm-kernels/grad-kernels.ts [--errors] [--speed] [--blocks N]
 * [--only TEXT] (both parts when neither is named; --only keeps the speed cases whose name contains TEXT). The CPU
 * backend's conv filter gradient takes seconds per call at 28×28: the whole speed part takes minutes. Prints numbers; asserts nothing. Timings on a loaded machine are noisy: the
 * ratios, taken block by block, are what to quote.
 */
import { parseArgs } from 'node:util';
import type { NamedAttrMap, NamedTensorMap, Tensor, Tensor4D } from '@tensorflow/tfjs';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { randomValues } from './random-values.ts';

type Tf = Awaited<ReturnType<typeof useNodeBackend>>;
const { values: args } = parseArgs({ options: { errors: { type: 'boolean' }, speed: { type: 'boolean' }, blocks: { type: 'string', default: '5' }, only: { type: 'string' } } });
const both = !args.errors && !args.speed;
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return e;
};

async function errors(): Promise<void> {
  const tf = await useNodeBackend('wasm');
  uninstallWasmPatches(tf);
  // Stock Conv3DBackpropFilterV2 with stride 2 (why conv-gradients does not build on it): vs the CPU backend.
  const conv3d = async (backend: 'cpu' | 'wasm') => {
    const t = await useNodeBackend(backend);
    const x = t.tensor5d(randomValues(2 * 5 * 5 * 2, 1), [2, 1, 5, 5, 2]);
    const w = t.tensor5d(randomValues(3 * 3 * 2 * 3, 2), [1, 3, 3, 2, 3]);
    return t.tidy(() => t.grad((w: Tensor) => t.conv3d(x, w as typeof x, 2, 'valid').square().sum())(w)).data();
  };
  console.log(`stock wasm Conv3DBackpropFilterV2, x [2,1,5,5,2], stride 2, valid: max |wasm − cpu| = ${maxAbsDiff(await conv3d('wasm'), await conv3d('cpu')).toFixed(2)}`);

  // Stock MaxPoolGrad: vs the gradient written out here (each window's first maximum gets its dy).
  const X = randomValues(2 * 8 * 8 * 3, 1);
  const DY = randomValues(2 * 4 * 4 * 3, 2);
  const ref = new Float32Array(X.length);
  for (let n = 0; n < 2; n++)
    for (let oh = 0; oh < 4; oh++)
      for (let ow = 0; ow < 4; ow++)
        for (let c = 0; c < 3; c++) {
          let [best, at] = [-Infinity, -1];
          for (let i = 0; i < 2; i++)
            for (let j = 0; j < 2; j++) {
              const k = ((n * 8 + oh * 2 + i) * 8 + ow * 2 + j) * 3 + c;
              if (X[k]! > best) [best, at] = [X[k]!, k];
            }
          ref[at]! += DY[((n * 4 + oh) * 4 + ow) * 3 + c]!;
        }
  for (const backend of ['wasm', 'cpu'] as const) {
    const t = await useNodeBackend(backend);
    const g = t.tidy(() => t.grad((x: Tensor) => t.maxPool(x as Tensor4D, 2, 2, 'valid').mul(t.tensor4d(DY, [2, 4, 4, 3])).sum())(t.tensor4d(X, [2, 8, 8, 3])));
    console.log(`stock ${backend} MaxPoolGrad, 2×2 pool of normal noise [2,8,8,3]: max error ${maxAbsDiff(await g.data(), ref).toFixed(2)}`);
    g.dispose();
  }

  // The CPU backend's ResizeNearestNeighborGrad (upSampling2d's gradient) for batch 2: vs the sum over each 2×2 block.
  const Y = randomValues(2 * 8 * 8 * 3, 2);
  const small = randomValues(2 * 4 * 4 * 3, 1);
  const ref2 = new Float32Array(small.length);
  for (let n = 0; n < 2; n++)
    for (let i = 0; i < 8; i++)
      for (let j = 0; j < 8; j++)
        for (let c = 0; c < 3; c++) ref2[((n * 4 + (i >> 1)) * 4 + (j >> 1)) * 3 + c]! += Y[((n * 8 + i) * 8 + j) * 3 + c]!;
  for (const backend of ['wasm', 'cpu'] as const) {
    const t = await useNodeBackend(backend);
    const g = t.tidy(() => t.grad((x: Tensor) => t.image.resizeNearestNeighbor(x as Tensor4D, [8, 8]).mul(t.tensor4d(Y, [2, 8, 8, 3])).sum())(t.tensor4d(small, [2, 4, 4, 3])));
    console.log(`${backend} ResizeNearestNeighborGrad, 4→8, batch 2: max error ${maxAbsDiff(await g.data(), ref2).toFixed(2)}`);
    g.dispose();
  }

  // The first layer's filter gradient of a conv autoencoder (conv tanh → maxPool → conv2dTranspose), batch 8:
  // tanh, not relu: after a relu a misrouted gradient mostly lands on a zero, whose relu gradient is 0.
  // stock wasm MaxPoolGrad (with the conv gradients patched, else there is none) vs the CPU backend.
  const aeGrad = async (backend: 'cpu' | 'wasm') => {
    const t = await useNodeBackend(backend);
    const x = t.tensor4d(randomValues(8 * 64, 14), [8, 8, 8, 1]);
    const w1 = t.tensor4d(randomValues(36, 15, { scale: 0.5 }), [3, 3, 1, 4]);
    const w2 = t.tensor4d(randomValues(36, 16, { scale: 0.5 }), [3, 3, 1, 4]);
    const loss = (w: Tensor) => {
      const h = t.maxPool(t.tanh(t.conv2d(x, w as Tensor4D, 1, 'same')), 2, 2, 'valid');
      return t.conv2dTranspose(h, w2, [8, 8, 8, 1], 2, 'same').sub(x).square().mean();
    };
    return t.tidy(() => t.grad(loss)(w1)).data();
  };
  installWasmPatches(tf, { only: ['conv-gradients'] });
  console.log(`conv (tanh) autoencoder [8,8,8,1], first-layer filter gradient, stock MaxPoolGrad: max |wasm − cpu| = ${maxAbsDiff(await aeGrad('wasm'), await aeGrad('cpu')).toExponential(1)}`);
  installWasmPatches(tf);
  console.log(`  the same with every patch: ${maxAbsDiff(await aeGrad('wasm'), await aeGrad('cpu')).toExponential(1)}`);
}

interface Case {
  name: string;
  kernel: string;
  inputs: (tf: Tf) => NamedTensorMap;
  attrs: NamedAttrMap;
}
const t4 = (tf: Tf, shape: [number, number, number, number], seed: number) => tf.tensor4d(randomValues(size(shape), seed), shape);
const ids = (n: number, k: number, seed: number) => Array.from(randomValues(n, seed, { uniform: true, scale: k }), Math.floor);

const cases: Case[] = [
  // Conv autoencoder on 8×8 digits, batch 64: encoder conv 1→8, second conv 8→16 (after a 2×2 pool), decoder
  // conv2dTranspose 16→8 stride 2 (its filter gradient is a Conv2DBackpropFilter with x and dy swapped).
  { name: 'Conv2DBackpropFilter  8×8 b64 3×3 1→8', kernel: 'Conv2DBackpropFilter', inputs: (tf) => ({ x: t4(tf, [64, 8, 8, 1], 1), dy: t4(tf, [64, 8, 8, 8], 2) }), attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 8] } },
  { name: 'Conv2DBackpropFilter  4×4 b64 3×3 8→16', kernel: 'Conv2DBackpropFilter', inputs: (tf) => ({ x: t4(tf, [64, 4, 4, 8], 1), dy: t4(tf, [64, 4, 4, 16], 2) }), attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 8, 16] } },
  { name: 'Conv2DBackpropFilter  transpose 4→8 b64 s2', kernel: 'Conv2DBackpropFilter', inputs: (tf) => ({ x: t4(tf, [64, 8, 8, 8], 1), dy: t4(tf, [64, 4, 4, 16], 2) }), attrs: { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 8, 16] } },
  // MNIST-like, batch 32: conv 1→32 on 28×28, conv 32→64 on 14×14.
  { name: 'Conv2DBackpropFilter  28×28 b32 3×3 1→32', kernel: 'Conv2DBackpropFilter', inputs: (tf) => ({ x: t4(tf, [32, 28, 28, 1], 1), dy: t4(tf, [32, 28, 28, 32], 2) }), attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 32] } },
  { name: 'Conv2DBackpropFilter  14×14 b32 3×3 32→64', kernel: 'Conv2DBackpropFilter', inputs: (tf) => ({ x: t4(tf, [32, 14, 14, 32], 1), dy: t4(tf, [32, 14, 14, 64], 2) }), attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 32, 64] } },
  { name: 'Conv2DBackpropInput   14×14 b32 3×3 32→64', kernel: 'Conv2DBackpropInput', inputs: (tf) => ({ dy: t4(tf, [32, 14, 14, 64], 1), filter: t4(tf, [3, 3, 32, 64], 2) }), attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [32, 14, 14, 32] } },
  { name: 'Conv2DBackpropInput   transpose 4→8 b64 s2', kernel: 'Conv2DBackpropInput', inputs: (tf) => ({ dy: t4(tf, [64, 4, 4, 16], 1), filter: t4(tf, [3, 3, 8, 16], 2) }), attrs: { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [64, 8, 8, 8] } },
  { name: 'Conv2D (forward, for scale) 14×14 b32 3×3 32→64', kernel: 'Conv2D', inputs: (tf) => ({ x: t4(tf, [32, 14, 14, 32], 1), filter: t4(tf, [3, 3, 32, 64], 2) }), attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 } },
  { name: 'DepthwiseBackpropFilter 28×28 b32 3×3 ×16', kernel: 'DepthwiseConv2dNativeBackpropFilter', inputs: (tf) => ({ x: t4(tf, [32, 28, 28, 16], 1), dy: t4(tf, [32, 28, 28, 16], 2) }), attrs: { strides: 1, dilations: 1, pad: 'same', filterShape: [3, 3, 16, 1] } },
  { name: 'DepthwiseBackpropInput  28×28 b32 3×3 ×16', kernel: 'DepthwiseConv2dNativeBackpropInput', inputs: (tf) => ({ dy: t4(tf, [32, 28, 28, 16], 1), filter: t4(tf, [3, 3, 16, 1], 2) }), attrs: { strides: 1, dilations: 1, pad: 'same', inputShape: [32, 28, 28, 16] } },
  { name: 'MaxPoolGrad           28×28 b32 ×32 2×2', kernel: 'MaxPoolGrad', inputs: (tf) => ({ dy: t4(tf, [32, 14, 14, 32], 1), input: t4(tf, [32, 28, 28, 32], 2), output: t4(tf, [32, 14, 14, 32], 3) }), attrs: { filterSize: 2, strides: 2, pad: 'valid' } },
  { name: 'MaxPoolGrad           8×8 b64 ×8 2×2', kernel: 'MaxPoolGrad', inputs: (tf) => ({ dy: t4(tf, [64, 4, 4, 8], 1), input: t4(tf, [64, 8, 8, 8], 2), output: t4(tf, [64, 4, 4, 8], 3) }), attrs: { filterSize: 2, strides: 2, pad: 'valid' } },
  // tf.gather's gradient for an embedding of 1000 words × 32, batch 32 of 20 tokens.
  { name: 'UnsortedSegmentSum    640×32 → 1000', kernel: 'UnsortedSegmentSum', inputs: (tf) => ({ x: tf.tensor2d(randomValues(640 * 32, 1), [640, 32]), segmentIds: tf.tensor1d(ids(640, 1000, 2), 'int32') }), attrs: { numSegments: 1000 } },
];

/** Median ms per call of `f` over `calls` calls (after one warm-up call unless `calls` is 1: the slow ones). */
async function timeCalls(tf: Tf, f: () => Tensor, calls: number): Promise<number> {
  if (calls > 1) tf.dispose(f());
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    const out = f();
    await out.data();
    times.push(performance.now() - t0);
    out.dispose();
  }
  return median(times);
}

async function speed(blocks: number): Promise<void> {
  console.log(`${'kernel'.padEnd(44)} ${'wasm ms'.padStart(8)} ${'cpu ms'.padStart(8)} ${'cpu/wasm'.padStart(9)}  (per-block ratios)`);
  for (const c of cases.filter((c) => !args.only || c.name.includes(args.only))) {
    const ms: Record<'wasm' | 'cpu', number[]> = { wasm: [], cpu: [] };
    const ratios: number[] = [];
    for (let b = 0; b < blocks; b++) {
      for (const backend of ['wasm', 'cpu'] as const) {
        const tf = await useNodeBackend(backend);
        if (backend === 'wasm') installWasmPatches(tf);
        const inputs = c.inputs(tf);
        const calls = backend === 'cpu' && /(28×28|14×14) b32 3×3 \d+→/.test(c.name) ? 1 : 5;
        ms[backend].push(await timeCalls(tf, () => tf.engine().runKernel(c.kernel, inputs, c.attrs) as Tensor, calls));
        tf.dispose(Object.values(inputs));
      }
      ratios.push(ms.cpu.at(-1)! / ms.wasm.at(-1)!);
    }
    console.log(`${c.name.padEnd(44)} ${median(ms.wasm).toFixed(2).padStart(8)} ${median(ms.cpu).toFixed(2).padStart(8)} ${median(ratios).toFixed(1).padStart(8)}×  (${ratios.map((r) => r.toFixed(1)).join(', ')})`);
  }

  const tf = await useNodeBackend('wasm');
  // The kernels stock wasm has but a patch replaces (MaxPoolGrad: wrong; Conv2DBackpropInput: slow), patched vs stock.
  for (const c of cases.filter((c) => /^(MaxPoolGrad|Conv2DBackpropInput)$/.test(c.kernel) && (!args.only || c.name.includes(args.only)))) {
    const patched: number[] = [];
    const stock: number[] = [];
    for (let b = 0; b < blocks; b++) {
      const inputs = c.inputs(tf);
      const run = () => tf.engine().runKernel(c.kernel, inputs, c.attrs) as Tensor;
      patched.push(await timeCalls(tf, run, 5));
      uninstallWasmPatches(tf);
      stock.push(await timeCalls(tf, run, 5));
      installWasmPatches(tf);
      tf.dispose(Object.values(inputs));
    }
    console.log(`${c.name}: patched ${median(patched).toFixed(2)} ms, stock wasm ${median(stock).toFixed(2)} ms`);
  }

  // UnsortedSegmentSum as a one-hot matmul on WASM (the alternative the loop was chosen over).
  const seg = cases.find((c) => c.kernel === 'UnsortedSegmentSum')!;
  const loopMs: number[] = [];
  const matmulMs: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const { x, segmentIds } = seg.inputs(tf) as { x: Tensor; segmentIds: Tensor };
    loopMs.push(await timeCalls(tf, () => tf.engine().runKernel('UnsortedSegmentSum', { x, segmentIds }, seg.attrs) as Tensor, 5));
    matmulMs.push(await timeCalls(tf, () => tf.tidy(() => tf.matMul(tf.transpose(tf.oneHot(segmentIds as never, 1000)), x as never)), 5));
    tf.dispose([x, segmentIds]);
  }
  console.log(`UnsortedSegmentSum on wasm: loop ${median(loopMs).toFixed(2)} ms, one-hot matmul ${median(matmulMs).toFixed(2)} ms`);
}

if (both || args.errors) await errors();
if (both || args.speed) await speed(Number(args.blocks));
