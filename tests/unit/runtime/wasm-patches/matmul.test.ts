/**
 * Conformance of the matmul-transpose and fused-matmul patches (src/runtime/wasm-patches/matmul.ts): every call
 * below runs on the patched WASM backend and on the CPU backend and must agree to float32 tolerance, without
 * leaking a tensor. Shapes cross the stock loop's 48-wide blocks and include 1s, odd sizes, batch dimensions and
 * broadcast batch dimensions; gradients run through tf.grads and through a tf.layers.dense model.
 */
import * as tfjs from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../graders/rng.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { installedWasmPatches, installWasmPatches, uninstallWasmPatches, wasmPatches } from '../../../../src/runtime/wasm-patches/index.ts';
import { swapPays } from '../../../../src/runtime/wasm-patches/matmul.ts';
import { expectWasmMatchesCpu, randomValues } from '../../../helpers/kernel-conformance.ts';

type Tf = typeof tfjs;
type Activation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid' | 'leakyrelu' | 'prelu';

// Captured before anything installs the patches (useNodeBackend does, on its first switch to WASM).
const stockMatMul = tfjs.getKernel('BatchMatMul', 'wasm');
const stockFused = tfjs.getKernel('_FusedMatMul', 'wasm');

/** Sums of up to 100 float32 products, added in another order than on CPU: a few ulps of the largest terms. */
const tol = { rtol: 1e-4, atol: 1e-4 };
const flags = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;
const activations: Activation[] = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'];

/** The operand of shape `batch ++ [rows, cols]`, stored transposed (…, cols, rows) when `transposed`. */
function operand(tf: Tf, batch: number[], rows: number, cols: number, transposed: boolean, seed: number) {
  const shape = [...batch, ...(transposed ? [cols, rows] : [rows, cols])];
  return tf.tensor(randomValues(shape.reduce((x, y) => x * y, 1), seed), shape);
}

interface Case {
  a: number[]; // batch dims of a
  b: number[]; // batch dims of b
  m: number;
  k: number;
  n: number;
}
const fixed: Case[] = [
  { a: [], b: [], m: 1, k: 1, n: 1 },
  { a: [], b: [], m: 1, k: 64, n: 97 }, // one row: a dense layer on a single example
  { a: [], b: [], m: 37, k: 100, n: 23 }, // k crosses the stock loop's 48-wide blocks twice
  { a: [], b: [], m: 50, k: 49, n: 1 },
  { a: [3], b: [3], m: 5, k: 53, n: 7 },
  { a: [3], b: [], m: 6, k: 50, n: 4 }, // b broadcast over a's batch
  { a: [], b: [4], m: 3, k: 9, n: 11 }, // a broadcast over b's batch
  { a: [1], b: [4], m: 7, k: 61, n: 2 },
  { a: [2, 3], b: [], m: 4, k: 51, n: 5 }, // rank 4 × rank 2
  { a: [2, 3], b: [2, 3], m: 3, k: 2, n: 9 },
];
/** Seeded random shapes on top of the fixed ones: odd sizes drawn from 1–70, sometimes with a batch of 2–3. */
const drawn: Case[] = (() => {
  const rng = makeRng(11, 'matmul-conformance-shapes');
  const size = () => 1 + Math.floor(rng.uniform() * 70);
  return Array.from({ length: 8 }, (_, i) => {
    const batch = i % 2 ? [2 + Math.floor(rng.uniform() * 2)] : [];
    return { a: batch, b: i % 4 === 1 ? [] : batch, m: size(), k: size(), n: size() };
  });
})();
const cases = [...fixed, ...drawn];
/** Runs `body` on the stock kernels, then puts back exactly the patches that were installed. */
function onStock<T>(tf: Tf, body: () => T): T {
  const installed = [...installedWasmPatches()];
  uninstallWasmPatches(tf);
  try {
    return body();
  } finally {
    installWasmPatches(tf, { only: installed });
  }
}
/** `t` with its last two axes swapped (an explicit transpose, not a flag). */
function swapLastTwoAxes(tf: Tf, t: tfjs.Tensor): tfjs.Tensor {
  const perm = t.shape.map((_, i) => i);
  perm.splice(-2, 2, perm.length - 1, perm.length - 2);
  return tf.transpose(t, perm);
}
const show = (c: Case) => `[${[...c.a, c.m, c.k]}]×[${[...c.b, c.k, c.n]}]`;

describe('patched WASM kernels are installed', () => {
  it('useNodeBackend("wasm") installs the matmul patches over the stock kernels', async () => {
    const tf = await useNodeBackend('wasm');
    expect(installedWasmPatches()).toEqual(expect.arrayContaining(['matmul-transpose', 'fused-matmul', 'matmul-gradient-swap']));
    expect(tf.getKernel('BatchMatMul', 'wasm')).not.toBe(stockMatMul);
    expect(tf.getKernel('_FusedMatMul', 'wasm')).not.toBe(stockFused);
  });
});

describe('matmul-transpose: BatchMatMul agrees with CPU', () => {
  it.each(cases.flatMap((c) => flags.map(([ta, tb]) => [show(c), ta, tb, c] as const)))('%s transposeA=%s transposeB=%s', async (_, ta, tb, c) => {
    await expectWasmMatchesCpu((tf) => tf.matMul(operand(tf, c.a, c.m, c.k, ta, 1), operand(tf, c.b, c.k, c.n, tb, 2), ta, tb), tol);
  });

  it('without flags hands the call to the stock kernel unchanged (bit-identical)', async () => {
    const tf = await useNodeBackend('wasm');
    const a = operand(tf, [], 37, 100, false, 1);
    const b = operand(tf, [], 100, 23, false, 2);
    const patched = tf.matMul(a, b).dataSync();
    const stock = onStock(tf, () => tf.matMul(a, b).dataSync());
    tf.dispose([a, b]);
    expect(patched).toEqual(stock);
  });
});

describe('matmul-gradient-swap: a flagged product wider than tall is computed as (Bᵀ·Aᵀ)ᵀ', () => {
  // The spiral's first-layer weight gradient xᵀ·dy is [3000,2]ᵀ×[3000,100]: m = 2, n = 100.
  it.each([
    ['xᵀ·dy, m 2 < n 100', [3000, 2], [3000, 100], true, false, true],
    ['dy·Wᵀ, m 3000 > n 2', [3000, 100], [2, 100], false, true, false],
    ['both flags, m 3 < n 5', [4, 3], [5, 4], true, true, true],
    ['m = n: no gain, no swap', [4, 6], [4, 6], true, false, false],
    ['no batch dimension of size > 1 (rank 3, batch 1)', [1, 4, 2], [1, 4, 9], true, false, true],
    ['batch 3: not on the XNNPACK path, no swap', [3, 4, 2], [3, 4, 9], true, false, false],
    ['b batched, a not', [1, 4, 2], [2, 4, 9], true, false, false],
  ] as const)('%s', (_, a, b, ta, tb, expected) => {
    expect(swapPays(a, b, ta, tb)).toBe(expected);
  });

  /** Shapes on both sides of the rule (n > m swaps), odd sizes, K across the stock loop's blocks. */
  const sides: Case[] = [
    { a: [], b: [], m: 2, k: 300, n: 100 }, // swapped: the spiral's weight gradient, smaller
    { a: [], b: [], m: 100, k: 300, n: 2 }, // not swapped: the same, transposed
    { a: [], b: [], m: 7, k: 53, n: 8 }, // swapped by one column
    { a: [], b: [], m: 8, k: 53, n: 8 }, // square: not swapped
    { a: [], b: [], m: 1, k: 97, n: 64 }, // one row
    { a: [1], b: [1], m: 3, k: 49, n: 41 }, // batch of 1: swapped
    { a: [3], b: [3], m: 3, k: 49, n: 41 }, // batch of 3: not swapped
  ];
  it.each(sides.flatMap((c) => flags.map(([ta, tb]) => [show(c), ta, tb, c] as const)))('%s transposeA=%s transposeB=%s agrees with CPU', async (_, ta, tb, c) => {
    await expectWasmMatchesCpu((tf) => tf.matMul(operand(tf, c.a, c.m, c.k, ta, 12), operand(tf, c.b, c.k, c.n, tb, 13), ta, tb), tol);
  });

  it('agrees with CPU on a dense layer\'s gradients, the spiral network\'s shapes (2 → 100 → 3 on 300 points)', async () => {
    await expectWasmMatchesCpu((tf) => {
      const x = tf.tensor(randomValues(300 * 2, 50), [300, 2]);
      const w1 = tf.tensor(randomValues(2 * 100, 51, { scale: 0.7 }), [2, 100]);
      const w2 = tf.tensor(randomValues(100 * 3, 52, { scale: 0.1 }), [100, 3]);
      const loss = (a: tfjs.Tensor, b: tfjs.Tensor) => tf.relu(tf.matMul(x, a)).matMul(b).logSoftmax().mean().neg();
      return tf.grads(loss)([w1, w2]);
    }, tol);
  });

  it('leaves batched products to matmul-transpose (bit-identical with and without the swap)', async () => {
    const tf = await useNodeBackend('wasm');
    const c = sides[6]!;
    const run = () => tf.tidy(() => tf.matMul(operand(tf, c.a, c.m, c.k, true, 1), operand(tf, c.b, c.k, c.n, false, 2), true, false).dataSync());
    const installed = [...installedWasmPatches()];
    const withSwap = run();
    installWasmPatches(tf, { only: installed.filter((id) => id !== 'matmul-gradient-swap') });
    try {
      expect(withSwap).toEqual(run());
    } finally {
      installWasmPatches(tf, { only: installed });
    }
  });

  it('installed alone, also does matmul-transpose\'s job', async () => {
    const tf = await useNodeBackend('wasm');
    const installed = [...installedWasmPatches()];
    installWasmPatches(tf, { only: ['matmul-gradient-swap'] });
    try {
      for (const c of sides)
        for (const [ta, tb] of flags) {
          const [wasm, ref] = tf.tidy(() => {
            const a = operand(tf, c.a, c.m, c.k, ta, 3);
            const b = operand(tf, c.b, c.k, c.n, tb, 4);
            // The unflagged product of explicitly transposed operands is the stock kernel's XNNPACK path.
            const plain = tf.matMul(ta ? swapLastTwoAxes(tf, a) : a, tb ? swapLastTwoAxes(tf, b) : b);
            return [tf.matMul(a, b, ta, tb).dataSync(), plain.dataSync()];
          });
          expect(Math.max(...wasm.map((v, i) => Math.abs(v - ref[i]!))), `${show(c)} ${ta} ${tb}`).toBeLessThan(1e-4);
        }
    } finally {
      installWasmPatches(tf, { only: installed });
    }
  });

  it('registers over matmul-transpose: it comes after it in wasmPatches', () => {
    const ids = wasmPatches.map((p) => p.id);
    expect(ids.indexOf('matmul-gradient-swap')).toBeGreaterThan(ids.indexOf('matmul-transpose'));
  });
});

describe('fused-matmul: _FusedMatMul agrees with CPU', () => {
  /** A fused product with the given bias and PReLU-weights shapes (null: none). */
  const fused =
    (c: Case, ta: boolean, tb: boolean, activation: Activation, biasShape: number[] | null, alphaShape: number[] = [c.n]) =>
    (tf: Tf) =>
      tf.fused.matMul({
        a: operand(tf, c.a, c.m, c.k, ta, 3),
        b: operand(tf, c.b, c.k, c.n, tb, 4),
        transposeA: ta,
        transposeB: tb,
        bias: biasShape ? tf.tensor(randomValues(biasShape.reduce((x, y) => x * y, 1), 5), biasShape) : undefined,
        activation,
        preluActivationWeights: activation === 'prelu' ? tf.tensor(randomValues(alphaShape.reduce((x, y) => x * y, 1), 6, { scale: 0.3 }), alphaShape) : undefined,
        leakyreluAlpha: 0.1,
      });
  const big = fixed[2]!;

  it.each(flags.flatMap(([ta, tb]) => [null, [big.n], [1]].flatMap((bias) => activations.map((act) => [ta, tb, JSON.stringify(bias), act, bias] as const))))(
    '[37,100]×[100,23] transposeA=%s transposeB=%s bias %s %s',
    async (ta, tb, _, act, bias) => {
      await expectWasmMatchesCpu(fused(big, ta, tb, act, bias), tol);
    },
  );

  it.each(cases.filter((c) => c.a.length || c.b.length).flatMap((c) => (['relu', 'prelu', 'sigmoid'] as const).map((act) => [show(c), act, c] as const)))(
    'batch dims %s, bias, %s, transposeB',
    async (_, act, c) => {
      await expectWasmMatchesCpu(fused(c, false, true, act, [c.n]), tol);
    },
  );

  it.each([
    ['a bias per element [37,23]', [37, 23], [23]],
    ['PReLU weights per row [37,1]', [23], [37, 1]],
    ['one PReLU weight [1]', [23], [1]],
    ['PReLU weights per element [37,23]', null, [37, 23]],
  ] as const)('shapes the stock kernel misreads: %s', async (_, bias, alpha) => {
    await expectWasmMatchesCpu(fused(big, false, false, 'prelu', bias ? [...bias] : null, [...alpha]), tol);
    await expectWasmMatchesCpu(fused(big, true, false, 'prelu', bias ? [...bias] : null, [...alpha]), tol);
  });

  it('on its XNNPACK path hands the call to the stock kernel unchanged (bit-identical)', async () => {
    const tf = await useNodeBackend('wasm');
    const run = () => tf.tidy(() => fused(big, false, false, 'relu', [big.n])(tf).dataSync());
    expect(run()).toEqual(onStock(tf, run));
  });
});

describe('matmul-transpose: gradients agree with CPU', () => {
  // Batch dims equal on both sides: tfjs-core's BatchMatMul gradient does not sum over a broadcast batch dim (on
  // every backend: "The gradient of input 'b' has shape '3,64,8', which does not match … '64,8'").
  it.each(flags.flatMap(([ta, tb]) => [fixed[2]!, fixed[4]!, fixed[9]!].map((c) => [show(c), ta, tb, c] as const)))(
    'tf.grads of a loss through matMul %s transposeA=%s transposeB=%s',
    async (_, ta, tb, c) => {
      await expectWasmMatchesCpu((tf) => {
        const loss = (a: tfjs.Tensor, b: tfjs.Tensor) => tf.matMul(a, b, ta, tb).square().mean();
        return tf.grads(loss)([operand(tf, c.a, c.m, c.k, ta, 7), operand(tf, c.b, c.k, c.n, tb, 8)]);
      }, tol);
    },
  );

  it('gradients of a tf.layers.dense model (its backward pass is transposed matMuls)', async () => {
    await expectWasmMatchesCpu((tf) => {
      const sizes = [30, 64, 16, 64, 30];
      const model = tf.sequential();
      for (let i = 1; i < sizes.length; i++) {
        const [fanIn, units] = [sizes[i - 1]!, sizes[i]!];
        const weights = [tf.tensor(randomValues(fanIn * units, 20 + i, { scale: 1 / Math.sqrt(fanIn) }), [fanIn, units]), tf.tensor(randomValues(units, 30 + i, { scale: 0.1 }))];
        model.add(tf.layers.dense({ ...(i === 1 && { inputShape: [fanIn] }), units, activation: i === sizes.length - 1 ? 'sigmoid' : 'relu', weights }));
      }
      const x = tf.tensor(randomValues(57 * 30, 40, { uniform: true }), [57, 30]);
      const vars = model.trainableWeights.map((w) => w.read() as tfjs.Variable);
      const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(x, model.apply(x) as tfjs.Tensor) as tfjs.Scalar, vars);
      const out = [value, ...vars.map((v) => grads[v.name]!)];
      model.dispose();
      return out;
    }, tol);
  });
});

describe('fused-matmul: gradients agree with CPU', () => {
  it.each(activations.filter((a) => a !== 'prelu'))('tf.grads through fused.matMul with a bias and %s, both transposed', async (act) => {
    await expectWasmMatchesCpu((tf) => {
      const big = fixed[2]!;
      const loss = (a: tfjs.Tensor, b: tfjs.Tensor, bias: tfjs.Tensor) =>
        tf.fused.matMul({ a, b, bias, transposeA: true, transposeB: true, activation: act, leakyreluAlpha: 0.1 }).square().mean();
      return tf.grads(loss)([operand(tf, [], big.m, big.k, true, 9), operand(tf, [], big.k, big.n, true, 10), tf.tensor(randomValues(big.n, 11))]);
    }, tol);
  });
});

describe('the patched kernels free what they make', () => {
  it('leaves no data on the WASM backend after flagged and decomposed calls', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.engine().backend.numDataIds();
    for (const [ta, tb] of flags) {
      tf.tidy(() => {
        const c = fixed[5]!; // batch dims: the fused call is decomposed
        tf.matMul(operand(tf, c.a, c.m, c.k, ta, 1), operand(tf, c.b, c.k, c.n, tb, 2), ta, tb).dataSync();
        tf.matMul(operand(tf, [], 2, 30, ta, 1), operand(tf, [], 30, 9, tb, 2), ta, tb).dataSync(); // swapped when flagged
        const alpha = tf.tensor(randomValues(c.m, 3), [c.m, 1]); // spelled out to full size
        const a = operand(tf, c.a, c.m, c.k, ta, 1);
        const b = operand(tf, c.b, c.k, c.n, tb, 2);
        tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias: tf.ones([c.n]), activation: 'prelu', preluActivationWeights: alpha }).dataSync();
      });
    }
    expect(tf.engine().backend.numDataIds()).toBe(before);
  });

  it('frees its intermediates when the stock kernel throws (int32 operands)', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.engine().backend.numDataIds();
    tf.tidy(() => {
      const a = tf.ones([3, 4], 'int32');
      expect(() => tf.matMul(a, a, true, false)).toThrow(/float32/);
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
  });
});

describe('uninstallWasmPatches', () => {
  it('restores the stock kernels, bug included, and installing again fixes it', async () => {
    const tf = await useNodeBackend('wasm');
    const big = fixed[2]!;
    const worstError = async () => {
      const compute = (t: Tf) => t.fused.matMul({ a: operand(t, [], big.m, big.k, true, 1), b: operand(t, [], big.k, big.n, false, 2), transposeA: true, bias: t.ones([big.n]), activation: 'relu' });
      await useNodeBackend('cpu');
      const cpu = tf.tidy(() => compute(tf).dataSync());
      await useNodeBackend('wasm');
      const wasm = tf.tidy(() => compute(tf).dataSync());
      return Math.max(...cpu.map((v, i) => Math.abs(v - wasm[i]!)));
    };
    const installed = [...installedWasmPatches()];
    uninstallWasmPatches(tf);
    expect(installedWasmPatches()).toEqual([]);
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(stockMatMul);
    expect(tf.getKernel('_FusedMatMul', 'wasm')).toBe(stockFused);
    expect(await worstError()).toBeGreaterThan(1); // the stock loop adds the bias once per 48-wide block
    installWasmPatches(tf, { only: installed });
    expect(await worstError()).toBeLessThan(1e-4);
  });
});
