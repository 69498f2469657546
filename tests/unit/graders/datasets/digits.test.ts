/** The shipped digits: the file is what SOURCE.md says, reads back whole, draws reproducibly, and stays closed to the grading child. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDigits, encodeDigits } from '../../../../graders/datasets/digits-format.ts';
import { drawDigits, loadedImageSet, loadImageSet, SECRET_PIXEL_NOISE } from '../../../../graders/datasets/digits.ts';
import { loadProblemData } from '../../../../graders/problems/index.ts';
import { SecretSeed } from '../../../../graders/rng.ts';
import { sandboxNodeFlags } from '../../../../src/runtime/sandbox.ts';

const file = 'data/digits/digits-8x8.bin';

describe('data/digits/digits-8x8.bin', () => {
  it('has the SHA-256 its SOURCE.md records', () => {
    const recorded = /SHA-256:\*\* `([0-9a-f]{64})`/.exec(readFileSync('data/digits/SOURCE.md', 'utf8'))?.[1];
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(recorded);
  });

  it('loads as scikit-learn\'s digits: 1797 images of 8×8, levels 0–16, about 180 of each digit', async () => {
    const set = await loadImageSet('digits-8x8');
    expect([set.n, set.rows, set.cols, set.maxValue]).toEqual([1797, 8, 8, 16]);
    const counts = Array.from({ length: 10 }, (_, d) => set.labels.filter((l) => l === d).length);
    // load_digits().target's class counts.
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    // load_digits().images[0], the first row of the CSV.
    expect(Array.from(set.pixels.subarray(0, 16))).toEqual([0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]);
    expect(loadedImageSet('digits-8x8')).toBe(set);
  });

  it('a generator\'s datasets load through loadProblemData; one without any resolves at once', async () => {
    await expect(loadProblemData({ generator: 'blobs' })).resolves.toBeUndefined();
  });

  it('refuses a truncated, foreign or out-of-range file, saying what is wrong', () => {
    const good = readFileSync(file);
    expect(() => decodeDigits(new TextEncoder().encode('<html>'), 'x.bin')).toThrow(/x\.bin is not a course image set: it does not start with "RDLI"/);
    expect(() => decodeDigits(good.subarray(0, 5000), 'x.bin')).toThrow(/5000 bytes where 1797 images of 8×8 take 116817/);
    const bright = encodeDigits({ n: 1, rows: 2, cols: 2, maxValue: 16, labels: Uint8Array.of(3), pixels: Uint8Array.of(0, 17, 0, 0) });
    expect(() => decodeDigits(bright, 'x.bin')).toThrow(/pixel 1 of image 0 is 17, above the maximum 16/);
    const back = decodeDigits(encodeDigits({ n: 1, rows: 2, cols: 2, maxValue: 16, labels: Uint8Array.of(3), pixels: Uint8Array.of(0, 16, 0, 4) }), 'x.bin');
    expect([back.n, back.labels[0], Array.from(back.pixels)]).toEqual([1, 3, [0, 16, 0, 4]]);
  });

  it('draws disjoint, reproducible groups scaled to [0, 1]; the public seed keeps the shipped pixels exactly', async () => {
    const set = await loadImageSet('digits-8x8');
    const [a, b] = drawDigits(set, [500, 300], 7);
    const [a2] = drawDigits(set, [500], 7);
    expect(a!.x).toEqual(a2!.x);
    expect(new Set([...a!.index, ...b!.index]).size).toBe(800);
    const row = a!.index[0]!;
    expect(Array.from(a!.x.subarray(0, 64))).toEqual(Array.from(set.pixels.subarray(row * 64, row * 64 + 64), (v) => v / 16));
    expect(a!.labels[0]).toBe(set.labels[row]);
    expect(() => drawDigits(set, [1000, 1000], 7)).toThrow(/cannot draw 1000 \+ 1000 images from a set of 1797/);
  });

  it('under a secret every drawn image differs from its shipped pixels by small keyed noise', async () => {
    const set = await loadImageSet('digits-8x8');
    const secret = SecretSeed.fromKey(Uint8Array.from({ length: 16 }, (_, i) => i * 7 + 1));
    const [d] = drawDigits(set, [200], secret);
    let sq = 0, exact = 0;
    for (let i = 0; i < d!.n; i++) {
      const row = d!.index[i]!;
      let same = true;
      for (let j = 0; j < 64; j++) {
        const delta = d!.x[i * 64 + j]! - set.pixels[row * 64 + j]! / 16;
        sq += delta * delta;
        if (Math.abs(delta) > 1e-7) same = false;
      }
      if (same) exact++;
    }
    expect(exact).toBe(0);
    // Clipping at 0 and 1 halves the noise on blank and full pixels, so the RMS lies below σ but near it.
    expect(Math.sqrt(sq / (d!.n * 64))).toBeGreaterThan(SECRET_PIXEL_NOISE * 0.5);
    expect(Math.sqrt(sq / (d!.n * 64))).toBeLessThan(SECRET_PIXEL_NOISE * 1.05);
  });

  it('a sandboxed grading child may not read it (the labels stay with the grader)', () => {
    const probe = `try { require('node:fs').readFileSync(${JSON.stringify(path.resolve(file))}); console.log('read') } catch (e) { console.log(e.code) }`;
    const r = spawnSync(process.execPath, [...sandboxNodeFlags(), '-e', probe], { encoding: 'utf8', timeout: 30_000, env: {} });
    expect(r.stdout.trim()).toBe('ERR_ACCESS_DENIED');
  });
});
