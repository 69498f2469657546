/**
 * Measures tfjs's WASM matMul kernels with and without our patches (src/runtime/wasm-patches/matmul.ts):
 *   1. time of BatchMatMul [1797,64]×[64,1797] for each transpose combination (median ms of --runs calls);
 *   2. worst |wasm − cpu| of _FusedMatMul for transpose × bias × activation, against the CPU backend;
 *   3. ms per epoch of a 784-128-16-128-784 autoencoder (tf.layers.dense, Adam, batch 128), whose backward pass
 *      multiplies by a transposed operand twice in every layer.
 * Usage: node scripts/with-node.mjs node scripts/wasm-kernels/matmul.ts [--runs N] [--only stock|patched]
 *        [--skip-matmul] [--skip-fused] [--skip-epoch]
 * "patched" is every patch in wasmPatches; --only runs one column, so that two processes can be timed in turn.
 * Prints numbers; asserts nothing (tests/unit/runtime/wasm-patches/matmul.test.ts asserts the agreement).
 */
import { parseArgs } from 'node:util';
import { makeRng } from '../../graders/rng.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../src/runtime/wasm-patches/index.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    only: { type: 'string' },
    'skip-matmul': { type: 'boolean' },
    'skip-fused': { type: 'boolean' },
    'skip-epoch': { type: 'boolean' },
  },
});
const runs = Number(args.runs);
const modes = (['stock', 'patched'] as const).filter((m) => !args.only || args.only === m);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `n` seeded values, normal(0, scale) (uniform in [0, 1) with `uniform: true`). */
function randomValues(n: number, seed: number, { scale = 1, uniform = false } = {}): Float32Array {
  const rng = makeRng(seed, 'wasm-kernels/matmul');
  return Float32Array.from({ length: n }, () => (uniform ? rng.uniform() : rng.normal() * scale));
}

const tf = await useNodeBackend('wasm');
type Tf = typeof tf;

function use(mode: 'stock' | 'patched'): void {
  if (mode === 'stock') uninstallWasmPatches(tf);
  else installWasmPatches(tf);
}

/** Median ms of `runs` calls of matMul with the given flags (the operands are made once, outside the clock). */
async function timeMatMul(transposeA: boolean, transposeB: boolean): Promise<number> {
  const [m, k, n] = [1797, 64, 1797];
  const a = tf.tensor(randomValues(m * k, 1), transposeA ? [k, m] : [m, k]);
  const b = tf.tensor(randomValues(k * n, 2), transposeB ? [n, k] : [k, n]);
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b, transposeA, transposeB);
    c.dataSync();
    const dt = performance.now() - t0;
    c.dispose();
    if (i > 0) times.push(dt); // the first call pays for warm-up (kernel setup, XNNPACK packing of a new b)
  }
  tf.dispose([a, b]);
  return median(times);
}

const activations = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;

/** Worst |wasm − cpu| of one fused.matMul configuration, [m,k]×[k,n] with k > 48 (the stock loop's block). */
async function fusedError(transposeA: boolean, transposeB: boolean, bias: boolean, activation: (typeof activations)[number]): Promise<number> {
  const [m, k, n] = [37, 100, 23];
  const compute = (t: Tf) => {
    const a = t.tensor(randomValues(m * k, 3), transposeA ? [k, m] : [m, k]);
    const b = t.tensor(randomValues(k * n, 4), transposeB ? [n, k] : [k, n]);
    return t.fused.matMul({
      a,
      b,
      transposeA,
      transposeB,
      bias: bias ? t.tensor(randomValues(n, 5)) : undefined,
      activation,
      preluActivationWeights: activation === 'prelu' ? t.tensor(randomValues(n, 6, { scale: 0.3 })) : undefined,
      leakyreluAlpha: 0.1,
    });
  };
  await useNodeBackend('cpu');
  const cpu = tf.tidy(() => compute(tf).dataSync());
  await useNodeBackend('wasm');
  const wasm = tf.tidy(() => compute(tf).dataSync());
  let worst = 0;
  for (let i = 0; i < cpu.length; i++) worst = Math.max(worst, Math.abs(wasm[i]! - cpu[i]!));
  return worst;
}

/** Median ms per epoch of the autoencoder of issue 11 (1797 random 784-pixel images, batch 128). */
async function timeEpoch(): Promise<number> {
  const seedInit = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu', kernelInitializer: seedInit(1) }),
      tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: seedInit(2) }),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: seedInit(3) }),
      tf.layers.dense({ units: 784, activation: 'sigmoid', kernelInitializer: seedInit(4) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  const x = tf.tensor(randomValues(1797 * 784, 7, { uniform: true }), [1797, 784]);
  const times: number[] = [];
  for (let e = 0; e < Math.max(3, Math.ceil(runs / 3)) + 1; e++) {
    const t0 = performance.now();
    await model.fit(x, x, { epochs: 1, batchSize: 128, shuffle: false, verbose: 0 });
    if (e > 0) times.push(performance.now() - t0);
  }
  model.dispose();
  x.dispose();
  return median(times);
}

console.log(`tfjs ${tf.version.tfjs}, backend wasm, median of ${runs} runs`);
if (!args['skip-matmul']) {
  console.log('\nBatchMatMul [1797,64]×[64,1797], ms');
  console.log(`${'flags'.padEnd(24)} ${modes.map((m) => m.padStart(8)).join(' ')}`);
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    const cells: string[] = [];
    for (const mode of modes) {
      use(mode);
      cells.push((await timeMatMul(ta, tb)).toFixed(1).padStart(8));
    }
    console.log(`${`transposeA=${ta} B=${tb}`.padEnd(24)} ${cells.join(' ')}`);
  }
}

if (!args['skip-fused']) {
  console.log('\nfused.matMul [37,100]×[100,23]: worst |wasm − cpu|');
  console.log(`${'transpose, bias, activation'.padEnd(34)} ${modes.map((m) => m.padStart(10)).join(' ')}`);
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    for (const bias of [false, true]) {
      for (const act of activations) {
        const cells: string[] = [];
        for (const mode of modes) {
          use(mode);
          cells.push((await fusedError(ta, tb, bias, act)).toPrecision(3).padStart(10));
        }
        console.log(`${`A=${ta ? 'T' : '-'} B=${tb ? 'T' : '-'} ${bias ? 'bias' : '    '} ${act}`.padEnd(34)} ${cells.join(' ')}`);
      }
    }
  }
}

if (!args['skip-epoch']) {
  console.log('\nautoencoder 784-128-16-128-784, 1797 samples, batch 128: ms per epoch');
  for (const mode of modes) {
    use(mode);
    console.log(`${mode.padEnd(10)} ${(await timeEpoch()).toFixed(0).padStart(6)}`);
  }
}
uninstallWasmPatches(tf);
