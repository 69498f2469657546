/**
 * useNodeBackend (src/runtime/node-backend.ts), the one door to tfjs in Node (grading child, in-process runner,
 * tests, scripts): the first switch to WASM installs our fixes of its kernels, and RDL_WASM_PATCHES chooses them.
 */
import { describe, expect, it } from 'vitest';
import { useNodeBackend, wasmPatchSelection } from '../../../src/runtime/node-backend.ts';
import { installedWasmPatches, installWasmPatches, uninstallWasmPatches, wasmPatches } from '../../../src/runtime/wasm-patches/index.ts';

const ids = wasmPatches.map((p) => p.id);

describe('useNodeBackend', () => {
  it('installs every WASM patch on the first switch to WASM, not before', async () => {
    delete process.env.RDL_WASM_PATCHES;
    await useNodeBackend('cpu');
    expect(installedWasmPatches()).toEqual([]);
    const tf = await useNodeBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(installedWasmPatches()).toEqual(ids);
    expect(ids).toEqual(expect.arrayContaining(['matmul-transpose', 'fused-matmul']));
  });

  it('leaves the patches as a measurement set them on later calls', async () => {
    const tf = await useNodeBackend('wasm');
    uninstallWasmPatches(tf);
    await useNodeBackend('cpu');
    await useNodeBackend('wasm');
    expect(installedWasmPatches()).toEqual([]);
    installWasmPatches(tf);
  });
});

describe('wasmPatchSelection (RDL_WASM_PATCHES)', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['off', { only: [] }],
    [' off ', { only: [] }],
    ['matmul-transpose', { only: ['matmul-transpose'] }],
    ['fused-matmul, matmul-transpose', { only: ['fused-matmul', 'matmul-transpose'] }],
  ])('%j → %j', (value, want) => {
    expect(wasmPatchSelection(value)).toEqual(want);
  });

  it('names the patches when given an unknown id', () => {
    expect(() => wasmPatchSelection('matmul-transpos')).toThrow(/no patch matmul-transpos; the patches are: .*matmul-transpose/);
  });
});
