/**
 * Trustworthiness against scikit-learn's own values (tests/fixtures/autoencoders/trustworthiness-sklearn.json, made
 * by scripts/autoencoders/trustworthiness-sklearn.py) and against its definition by sorting.
 */
import { describe, expect, it } from 'vitest';
import { nearestNeighbours, trustworthiness } from '../../../../graders/autoencoders/trustworthiness.ts';
import { makeRng } from '../../../../graders/rng.ts';
import fixture from '../../../fixtures/autoencoders/trustworthiness-sklearn.json';

/** The formula written the slow way: sort every row (stably), then sum the intruders' rank excesses. */
function bySorting(x: number[], d: number, emb: number[], e: number, k: number): number {
  const n = x.length / d;
  const dist = (a: number[], w: number, i: number, j: number) => a.slice(i * w, i * w + w).reduce((s, v, f) => s + (v - a[j * w + f]!) ** 2, 0);
  const order = (a: number[], w: number, i: number) =>
    [...Array(n).keys()].filter((j) => j !== i).sort((p, q) => dist(a, w, i, p) - dist(a, w, i, q) || p - q);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const ranks = order(x, d, i);
    for (const j of order(emb, e, i).slice(0, k)) t += Math.max(ranks.indexOf(j) + 1 - k, 0);
  }
  return 1 - (t * 2) / (n * k * (2 * n - 3 * k - 1));
}

describe('trustworthiness', () => {
  const untied = fixture.cases.filter((c) => !c.ties);
  it.each(untied.flatMap((c) => Object.entries(c.trust).map(([k, value]) => ({ name: c.name, k: Number(k), value, c }))))(
    "matches scikit-learn's on untied points: $name, k = $k",
    ({ k, value, c }) => {
      expect(trustworthiness(c.x, c.d, c.embedded, 2, k)).toBeCloseTo(value, 12);
    },
  );

  it("stays within a tie's worth of scikit-learn's on integer digits, where distances tie", () => {
    const c = fixture.cases.find((v) => v.ties)!;
    const n = c.x.length / c.d;
    for (const [k, value] of Object.entries(c.trust)) {
      // One tied pair ordered the other way moves the sum by at most 1 per tie: bound it by a few such swaps.
      const perSwap = 2 / (n * Number(k) * (2 * n - 3 * Number(k) - 1));
      expect(Math.abs(trustworthiness(c.x, c.d, c.embedded, 2, Number(k)) - value)).toBeLessThanOrEqual(5 * perSwap);
    }
  });

  it('equals the formula computed by sorting, ties included', () => {
    const rng = makeRng(3, 'trust-test');
    const x = Array.from({ length: 30 * 4 }, () => Math.round(rng.normal() * 2)); // integers: many ties
    const emb = Array.from({ length: 30 * 2 }, () => rng.normal());
    for (const k of [1, 3, 7]) expect(trustworthiness(x, 4, emb, 2, k)).toBeCloseTo(bySorting(x, 4, emb, 2, k), 12);
  });

  it('is 1 for an embedding that keeps every neighbourhood, and throws when k ≥ n / 2 or sizes differ', () => {
    const c = untied[0]!;
    expect(trustworthiness(c.x, c.d, c.x, c.d, 5)).toBe(1);
    expect(() => trustworthiness(c.x, c.d, c.embedded, 2, 30)).toThrow(/less than n \/ 2/);
    expect(() => trustworthiness(c.x, c.d, c.embedded.slice(2), 2, 5)).toThrow(/rows/);
  });

  it('nearestNeighbours lists each point’s k nearest, nearest first, never itself', () => {
    const nn = nearestNeighbours([0, 1, 3, 7, 8], 5, 1, 2);
    expect(Array.from(nn)).toEqual([1, 2, 0, 2, 1, 0, 4, 2, 3, 2]);
  });
});
