/**
 * The numbers behind the accurate-reductions, broadcast-binary and tile wasm patches (issue 11), on the CPU backend, stock
 * wasm and patched wasm:
 *   accuracy: the mean of 3M copies of 0.8645, a random 3M-value sum against its float64 sum, the product of 3M
 *             values near 1, a softmax over one row of 3M (unpatched: its outputs' total against 1), and stock
 *             wasm's error by reduce size (where LARGE_REDUCE comes from);
 *   speed:    Equal of [10000,5,9] against its keepDims max [10000,5,1], the gradient of logSumExp over axis 2 of
 *             [10000,5,9], Sum over 3M values, Tile, and a broadcasting tf.where; median ms of --runs runs, the
 *             three settings interleaved run by run.
 * `node scripts/with-node.mjs node scripts/measure-wasm-reductions.ts [--runs N]`. Prints numbers; asserts nothing.
 * The machine's load moves the absolute ms: quote the ratios.
 */
import { parseArgs } from 'node:util';
import { useNodeBackend } from '../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../src/runtime/wasm-patches/index.ts';
import { randomValues } from './wasm-kernels/random-values.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(args.runs);
const tf = await useNodeBackend('wasm');
type Setting = 'cpu' | 'stock' | 'patched';
const settings: Setting[] = ['cpu', 'stock', 'patched'];

async function on(setting: Setting): Promise<void> {
  await useNodeBackend(setting === 'cpu' ? 'cpu' : 'wasm');
  if (setting === 'stock') uninstallWasmPatches(tf);
  if (setting === 'patched') installWasmPatches(tf);
}

const N = 3_000_000;
const constant = Math.fround(0.8645);
const random = randomValues(N, 11, { uniform: true });
const nearOne = Float32Array.from(randomValues(N, 12), (v) => 1 + v * 1e-4);
const float64 = (xs: Float32Array, f: (acc: number, v: number) => number, init: number) => xs.reduce(f, init);
const exactSum = float64(random, (a, v) => a + v, 0);
const exactProd = float64(nearOne, (a, v) => a * v, 1);
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

console.log('accuracy over 3M values (relative error; float64 reference)');
for (const s of settings) {
  await on(s);
  const [mean, sum, prod] = tf.tidy(() => [
    tf.mean(tf.fill([1000, 3000], constant)),
    tf.sum(tf.tensor1d(random)),
    tf.prod(tf.tensor1d(nearOne)),
  ].map((t) => t.dataSync()[0]!));
  // Softmax is XNNPACK's kernel on wasm, not patched: how far its 3M outputs' float64 total is from 1.
  const softmaxTotal = tf.tidy(() => Array.from(tf.softmax(tf.tensor2d(random, [1, N]).mul(4)).dataSync()).reduce((a, v) => a + v, 0));
  console.log(`  ${s.padEnd(8)} mean(0.8645 ×3M) = ${mean!.toPrecision(7)} (err ${rel(mean!, constant).toExponential(1)})   sum err ${rel(sum!, exactSum).toExponential(1)}   prod err ${rel(prod!, exactProd).toExponential(1)}   softmax total err ${Math.abs(softmaxTotal - 1).toExponential(1)}`);
}

console.log('stock wasm error by reduce size (mean of a constant; sum of uniform values)');
await on('stock');
for (const R of [1024, 4096, 16384, 65536, 1 << 20]) {
  const xs = random.subarray(0, R);
  const want = float64(xs, (a, v) => a + v, 0);
  const [m, s] = tf.tidy(() => [tf.mean(tf.fill([R], constant)), tf.sum(tf.tensor1d(xs))].map((t) => t.dataSync()[0]!));
  console.log(`  R=${String(R).padEnd(8)} mean err ${rel(m!, constant).toExponential(1)}   sum err ${rel(s!, want).toExponential(1)}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Inputs live on the backend that uses them: a tensor read by another backend is copied over, inside the timing.
type Tensor = import('@tensorflow/tfjs').Tensor;
const inputs = new Map<string, { x: Tensor; big: Tensor }>();
for (const s of ['cpu', 'patched'] as const) {
  await on(s);
  inputs.set(tf.getBackend(), { x: tf.tensor3d(randomValues(10000 * 5 * 9, 13), [10000, 5, 9]), big: tf.tensor1d(random) });
}
const logSumExpGrad = tf.grad((v: Tensor) => tf.logSumExp(v, 2).sum());
const cases: Record<string, (i: { x: Tensor; big: Tensor }) => Tensor> = {
  'Equal [10000,5,9] vs keepDims max': ({ x }) => tf.tidy(() => tf.equal(x, tf.max(x, 2, true))),
  'grad of logSumExp(axis 2) [10000,5,9]': ({ x }) => logSumExpGrad(x),
  'Sum over 3M values': ({ big }) => tf.sum(big),
  'Tile [10000,5,1] by [1,1,9]': ({ x }) => tf.tidy(() => tf.tile(tf.max(x, 2, true), [1, 1, 9])),
  'where(x > keepDims mean, x, 0) [10000,5,9]': ({ x }) => tf.tidy(() => tf.where(x.greater(tf.mean(x, 2, true)), x, tf.zeros([1, 1, 9]))),
};
console.log(`speed: median ms of ${runs} runs (settings interleaved run by run)`);
for (const [name, f] of Object.entries(cases)) {
  const times: Record<Setting, number[]> = { cpu: [], stock: [], patched: [] };
  for (let r = -1; r < runs; r++) {
    for (const s of settings) {
      await on(s);
      const t0 = performance.now();
      const out = f(inputs.get(tf.getBackend())!);
      await out.data();
      const ms = performance.now() - t0;
      out.dispose();
      if (r >= 0) times[s].push(ms); // run -1 warms each setting up
    }
  }
  const [c, st, p] = settings.map((s) => median(times[s]));
  console.log(`  ${name.padEnd(40)} cpu ${c!.toFixed(1).padStart(6)}  stock ${st!.toFixed(1).padStart(6)}  patched ${p!.toFixed(1).padStart(6)}   stock/patched ${(st! / p!).toFixed(1)}×  patched/cpu ${(p! / c!).toFixed(2)}`);
}
await on('patched');
