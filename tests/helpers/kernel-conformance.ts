/**
 * Runs one tfjs computation on the patched WASM backend and on the pure-JS CPU backend and compares the results
 * to float32 tolerance; the conformance tests of src/runtime/wasm-patches/ use it for every patched kernel.
 * Inputs are made inside `compute` from seeded numbers (`randomValues`), so both backends see the same values.
 */
import { expect } from 'vitest';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { installedWasmPatches, installWasmPatches, uninstallWasmPatches } from '../../src/runtime/wasm-patches/index.ts';
export { randomValues } from '../../scripts/wasm-kernels/random-values.ts';

type Tf = Awaited<ReturnType<typeof useNodeBackend>>;
type Out = import('@tensorflow/tfjs').Tensor | import('@tensorflow/tfjs').Tensor[];

async function valuesOn(tf: Tf, compute: (tf: Tf) => Out): Promise<{ shapes: number[][]; values: Float32Array[] }> {
  const before = tf.memory().numTensors;
  const outs = tf.tidy(() => {
    const r = compute(tf);
    return Array.isArray(r) ? r : [r];
  });
  const values = await Promise.all(outs.map(async (t) => Float32Array.from(await t.data())));
  const shapes = outs.map((t) => t.shape);
  tf.dispose(outs);
  expect(tf.memory().numTensors, `tensors leaked on ${tf.getBackend()}`).toBe(before);
  return { shapes, values };
}

/**
 * Asserts that `compute` gives the same shapes and values on WASM (as patched by the installed patches) and on
 * the CPU backend: |wasm − cpu| ≤ atol + rtol·|cpu| elementwise (equal infinities and NaN against NaN agree). Leaves the WASM backend active.
 */
export async function expectWasmMatchesCpu(compute: (tf: Tf) => Out, { rtol = 1e-4, atol = 1e-5 } = {}): Promise<void> {
  const cpu = await valuesOn(await useNodeBackend('cpu'), compute);
  const wasm = await valuesOn(await useNodeBackend('wasm'), compute);
  expect(wasm.shapes).toEqual(cpu.shapes);
  cpu.values.forEach((c, k) => {
    const w = wasm.values[k]!;
    let worst = 0;
    let at = -1;
    for (let i = 0; i < c.length; i++) {
      // Equal values agree, infinities and NaNs included (∞ − ∞ would be NaN below).
      if (w[i] === c[i] || (Number.isNaN(w[i]) && Number.isNaN(c[i]))) continue;
      const excess = Math.abs(w[i]! - c[i]!) - (atol + rtol * Math.abs(c[i]!));
      if (!(excess <= worst)) [worst, at] = [Number.isNaN(excess) ? Infinity : excess, i];
    }
    expect(at, at < 0 ? '' : `output ${k}[${at}]: wasm ${w[at]} vs cpu ${c[at]}`).toBe(-1);
  });
}

/** Runs `f` on stock tfjs WASM (every patch uninstalled), then puts back the patches that were installed. */
export async function onStockWasm<T>(f: (tf: Tf) => T | Promise<T>): Promise<T> {
  const tf = await useNodeBackend('wasm');
  const installed = [...installedWasmPatches()];
  uninstallWasmPatches(tf);
  try {
    return await f(tf);
  } finally {
    installWasmPatches(tf, { only: installed });
  }
}
