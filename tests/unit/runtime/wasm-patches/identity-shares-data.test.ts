/**
 * Conformance of the identity-shares-data patch (src/runtime/wasm-patches/identity-shares-data.ts): tf.clone and a
 * same-dtype cast return the input's values, sharing its data (no new buffer, and each outlives the other), while
 * casts that change the dtype still convert as the CPU backend does.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { expectWasmMatchesCpu, randomValues } from '../../../helpers/kernel-conformance.ts';

type Tf = typeof tfjs;
const exact = { rtol: 0, atol: 0 };

/**
 * A [3,4] tensor of `dtype`, made directly: stock wasm's Cast to bool stores a float's low byte (−3 → 253, not 1),
 * a bug of its own that this patch leaves alone.
 */
function input(tf: Tf, dtype: 'float32' | 'int32' | 'bool', seed: number) {
  const v = randomValues(12, seed, { scale: 5 });
  if (dtype === 'bool') return tf.tensor(Array.from(v, (x) => x > 0), [3, 4], 'bool');
  return tf.tensor(dtype === 'int32' ? Int32Array.from(v, Math.trunc) : v, [3, 4], dtype);
}

describe('identity-shares-data: values agree with CPU exactly', () => {
  it.each(['float32', 'int32', 'bool'] as const)('tf.clone and a same-dtype cast of a %s tensor', async (dtype) => {
    await expectWasmMatchesCpu((tf) => {
      const x = input(tf, dtype, 1);
      return [tf.clone(x), tf.cast(x, dtype)];
    }, exact);
  });

  it.each([
    ['float32', 'int32'],
    ['int32', 'float32'],
    ['bool', 'float32'],
  ] as const)('a cast from %s to %s still converts', async (from, to) => {
    await expectWasmMatchesCpu((tf) => {
      const x = input(tf, from, 2);
      const y = tf.cast(x, to);
      expect(y.dtype).toBe(to);
      return y;
    }, exact);
  });

  it('gradients that pass dy through (tf.grads of a sum of clones)', async () => {
    await expectWasmMatchesCpu((tf) => tf.grads((a) => tf.clone(a).mul(tf.clone(a)).sum())([tf.tensor(randomValues(20, 3), [4, 5])]), exact);
  });
});

describe('identity-shares-data: sharing', () => {
  it('a clone makes no new data; original and clone each outlive the other', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.engine().backend.numDataIds();
    const x = tf.tensor(randomValues(6, 4), [2, 3]);
    const want = x.dataSync().slice();
    const c = tf.clone(x);
    const same = tf.cast(c, 'float32');
    expect(tf.engine().backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(c.dataSync()).toEqual(want);
    c.dispose();
    expect(same.dataSync()).toEqual(want);
    same.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(before);
  });

  it('a clone of a string tensor still works (strings live outside the wasm heap)', async () => {
    const tf = await useNodeBackend('wasm');
    const s = tf.tensor1d(['a', 'bc']);
    const c = tf.clone(s);
    s.dispose();
    expect(c.dataSync()).toEqual(['a', 'bc']);
    c.dispose();
  });
});
