/**
 * The list of WASM patches (src/runtime/wasm-patches/index.ts) and what the README says about it: the README's
 * table is this list (ids, kernels, why, tfjs version), and every patch was measured on the tfjs we run, so an
 * upgrade makes someone re-measure each patch and drop the ones tfjs has fixed.
 * After adding or changing a patch: `RDL_WRITE_README_TABLE=1 node scripts/with-node.mjs vitest run <this file>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { wasmPatches, type WasmPatch } from '../../../../src/runtime/wasm-patches/index.ts';

const readme = path.resolve(import.meta.dirname, '../../../../README.md');
const START = '<!-- wasm-patches table: generated from wasmPatches by tests/unit/runtime/wasm-patches/index.test.ts -->';
const END = '<!-- /wasm-patches table -->';

/** The kernels a patch replaces, read from the configs it builds (over the stock kernels, as at install). */
function kernelNames(p: WasmPatch): string[] {
  const stock = new Map(tf.getKernelsForBackend('wasm').map((k) => [k.kernelName, k]));
  return p.kernels(stock, tf).map((k) => k.kernelName);
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The README's table, one row per patch in install order. */
function table(patches: readonly WasmPatch[]): string {
  return [
    '| Patch | Kernels | Problem, as measured (and the fix) | Measured on tfjs | Drop it when |',
    '|---|---|---|---|---|',
    ...patches.map((p) =>
      [
        `\`${p.id}\``,
        kernelNames(p).map((k) => `\`${k}\``).join(', '),
        cell(p.why),
        p.tfjs,
        `its \`${p.id}:\` cases pass with \`RDL_WASM_PATCHES=off\` and the measurement no longer shows the problem`,
      ].join(' | '),
    ).map((row) => `| ${row} |`),
  ].join('\n');
}

describe('wasmPatches', () => {
  it('has unique ids, each with a why and the tfjs version it was measured on', () => {
    const ids = wasmPatches.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of wasmPatches) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.why.length, p.id).toBeGreaterThan(40);
      expect(p.tfjs, p.id).toMatch(/^\d+\.\d+\.\d+$/);
      expect(kernelNames(p).length, p.id).toBeGreaterThan(0);
    }
  });

  it.each(wasmPatches.map((p) => [p.id, p.tfjs] as const))('%s was measured on the tfjs we run (%s)', (id, version) => {
    expect(version, `tfjs is now ${tf.version.tfjs}: re-measure ${id} (README, "What we patch in tfjs's WebAssembly backend")`).toBe(tf.version.tfjs);
  });

  it("is the README's table of patches", () => {
    const text = readFileSync(readme, 'utf8');
    const [start, end] = [text.indexOf(START), text.indexOf(END)];
    expect(start, `README.md has no "${START}" marker`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const want = `${START}\n${table(wasmPatches)}\n${END}`;
    if (process.env.RDL_WRITE_README_TABLE) writeFileSync(readme, text.slice(0, start) + want + text.slice(end + END.length));
    const now = readFileSync(readme, 'utf8');
    expect(now.slice(start, now.indexOf(END) + END.length), 'rerun this test with RDL_WRITE_README_TABLE=1 to rewrite the table').toBe(want);
  });
});
