/**
 * The bench's kernel cases (scripts/bench/kernel-cases.ts) stay runnable: each names real tf ops, runs at its tiny
 * size on CPU and on WASM (where a kernel stock WASM lacks may fail, with tfjs's "not registered" error and only
 * that), and frees every tensor it makes.
 */
import { describe, expect, it } from 'vitest';
import { kernelCases } from '../../../../scripts/bench/kernel-cases.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';

describe.each(kernelCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it('names real tf ops', async () => {
    const tf = await useNodeBackend('cpu');
    for (const op of c.ops) expect(typeof op.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], tf), op).toBe('function');
  });

  it.each(['cpu', 'wasm'] as const)('runs at its tiny size on %s without leaking', async (backend) => {
    const tf = await useNodeBackend(backend);
    const before = tf.memory().numTensors;
    const made = c.setup(tf, 'tiny');
    try {
      made.step();
    } catch (e) {
      // Stock WASM lacks some gradient kernels (the reason for their patches): that failure, and no other.
      expect(backend).toBe('wasm');
      expect(String((e as Error).message)).toMatch(/Kernel '\w+' not registered for backend 'wasm'/);
      made.dispose();
      return;
    }
    made.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
