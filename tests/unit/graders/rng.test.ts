/**
 * The grading seed (graders/rng.ts): numeric seeds keep their streams bit for bit (the bounds in exercise.yaml
 * were measured on them); secret seeds give every stream its own HMAC-derived state.
 */
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { cubicShape } from '../../../graders/datasets/cubic.ts';
import { classVariant } from '../../../graders/datasets/secret-variant.ts';
import { makeProblem } from '../../../graders/problems/index.ts';
import { deriveSeed, forExercise, makeRng, SecretSeed, seedLabel } from '../../../graders/rng.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';

// Recorded from graders/rng.ts before secret seeds existed (commit 353dea3), by the loop below: the first three
// uniforms, a normal and an int(1000) of each seed and stream, and deriveSeed(seed, 'learner').
const golden = JSON.parse(readFileSync('tests/fixtures/rng/numeric-streams.json', 'utf8')) as Record<string, number[] | number>;

describe('numeric seeds keep the streams they always had', () => {
  it('first draws of seeds 0 … 2^53 − 1 (including ≥ 2^32) on several streams', () => {
    let n = 0;
    for (const seed of [0, 7, 42, 4294967295, 2 ** 32, 123456789012345, Number.MAX_SAFE_INTEGER])
      for (const stream of ['', 'cubic/train', 'blobs/test']) {
        const r = makeRng(seed, stream);
        expect([r.uniform(), r.uniform(), r.uniform(), r.normal(), r.int(1000)], `${seed}|${stream}`).toEqual(golden[`${seed}|${stream}`]);
        n++;
      }
    for (const seed of [0, 42, 2 ** 40 + 5]) expect(deriveSeed(seed, 'learner'), `derive ${seed}`).toBe(golden[`derive ${seed}`]);
    expect(n).toBe(21);
  });
});

const keyHex = '00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef';
const key = Uint8Array.from(keyHex.match(/../g)!, (h) => parseInt(h, 16));
const secret = SecretSeed.fromKey(key);
const draws = (seed: Parameters<typeof makeRng>[0], stream: string) => {
  const r = makeRng(seed, stream);
  return Array.from({ length: 4 }, () => r.uniform());
};

describe('secret seeds', () => {
  it('derive each stream from HMAC-SHA-256(secret, its label): the state is the MAC, not a mix of the key', () => {
    // sfc32's state (a, b, c, d) is the first 16 bytes of HMAC(key, "rdl/v1/stream/<name>"), so another stream's
    // state or the key would need HMAC's preimage. Pinned, so a change of construction is noticed.
    const mac = hmac(sha256, key, new TextEncoder().encode('rdl/v1/stream/cubic/train'));
    expect(Array.from(secret.mac('stream/cubic/train'))).toEqual(Array.from(mac));
    expect(draws(secret, 'cubic/train')).toEqual(draws(SecretSeed.fromKey(key), 'cubic/train'));
    expect(draws(secret, 'cubic/train')[0]).toBe(0.3050629480276257);
  });

  it('differ per stream, per secret and per exercise, and from the integer streams', () => {
    const other = SecretSeed.fromKey(Uint8Array.from(key, (b, i) => (i === 0 ? b ^ 1 : b)));
    const a = draws(secret, 'cubic/train');
    expect(draws(secret, 'cubic/test')).not.toEqual(a);
    expect(draws(other, 'cubic/train')).not.toEqual(a);
    expect(draws(forExercise(secret, 'x/one'), 'cubic/train')).not.toEqual(draws(forExercise(secret, 'x/two'), 'cubic/train'));
    expect(draws(forExercise(secret, 'x/one'), 'cubic/train')).not.toEqual(a);
    expect(forExercise(42, 'x/one')).toBe(42);
    expect(deriveSeed(secret, 'learner')).not.toBe(deriveSeed(other, 'learner'));
    expect(deriveSeed(secret, 'learner')).not.toBe(deriveSeed(secret, 'other'));
    for (const s of [secret, other]) {
      const d = deriveSeed(s, 'learner');
      expect(Number.isInteger(d) && d >= 0 && d < 2 ** 31).toBe(true);
    }
  });

  it('have a stable fingerprint that is not the secret, and never print the secret', () => {
    expect(secret.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(secret.fingerprint).toBe(Array.from(hmac(sha256, key, new TextEncoder().encode('rdl/v1/fingerprint')).slice(0, 6), (b) => b.toString(16).padStart(2, '0')).join(''));
    expect(keyHex).not.toContain(secret.fingerprint);
    expect(forExercise(secret, 'x/one')).toMatchObject({ fingerprint: secret.fingerprint });
    expect(seedLabel(secret)).toBe(`secret ${secret.fingerprint}`);
    expect(seedLabel(7)).toBe(7);
    for (const shown of [JSON.stringify({ secret }), inspect(secret, { showHidden: true, depth: 5 }), `${secret}`, String(forExercise(secret, 'a/b'))]) {
      expect(shown).not.toContain(keyHex.slice(0, 8));
      expect(shown).not.toContain('0,17,34,51'); // the key's bytes as a list
    }
  });

  it('refuse keys under 128 bits', () => {
    expect(() => SecretSeed.fromKey(new Uint8Array(15))).toThrow(/at least 128 bits, got 120/);
  });
});

describe('hidden task parameters under a secret', () => {
  it('06-cubic keeps y = x³ on integer seeds and varies a, b under a secret, with |a − 1| ≥ 0.3', () => {
    expect(cubicShape(42)).toEqual({ a: 1, b: 0 });
    const shapes = Array.from({ length: 50 }, (_, i) => cubicShape(SecretSeed.fromKey(new Uint8Array(16).fill(i))));
    for (const { a, b } of shapes) {
      expect(Math.abs(a - 1)).toBeGreaterThanOrEqual(0.3);
      expect(Math.abs(a - 1)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(b)).toBeLessThanOrEqual(0.3);
    }
    expect(new Set(shapes.map((s) => s.a)).size).toBe(50);
  });

  it('the integer-seed data of every exercise is untouched by the secret variants', () => {
    expect(classVariant(7, 'blobs', 4)).toBeUndefined();
    const cubic = loadExercise('04-activation-depth/06-cubic').meta.data;
    const train = makeProblem(cubic, 42).calls[0]!.arg as { x: Float32Array; y: Float32Array };
    // The first training point of the public seed, as it was before secret seeds (x³ + 0.3·u exactly).
    const r = makeRng(42, 'cubic/train');
    const x0 = Math.fround(-1 + 2 * r.uniform());
    expect(train.x[0]).toBe(x0);
    expect(train.y[0]).toBe(Math.fround(x0 * x0 * x0 + 0.3 * r.uniform()));
  });

  it('blobs and spiral are turned and relabelled under a secret (shift never 0)', () => {
    for (let i = 0; i < 30; i++) {
      const v = classVariant(SecretSeed.fromKey(new Uint8Array(16).fill(i)), 'blobs', 4)!;
      expect(v.shift).toBeGreaterThanOrEqual(1);
      expect(v.shift).toBeLessThanOrEqual(3);
    }
  });
});
