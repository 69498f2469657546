/**
 * Principal angles between subspaces (graders/autoencoders/principal-angles.ts), on cases whose angles are known by
 * construction: a plane tilted by θ, two planes in R⁴ tilted by a and b independently, bases rotated, rescaled and
 * sign-flipped (angle 0), dependent columns (90°), and a tilt of 1e-7 rad, which acos alone would lose.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { columnsFromRows, columnsOf, largestPrincipalAngleDeg, orthonormalColumns, principalAnglesDeg } from '../../../../graders/autoencoders/principal-angles.ts';
import { makeRng } from '../../../../graders/rng.ts';

const deg = (rad: number) => (rad * 180) / Math.PI;
/** The columns given as rows, d entries each. */
const cols = (...vectors: number[][]) => new Matrix(vectors).transpose();

describe('principal angles', () => {
  it('a plane tilted by θ out of itself has angles 0 and θ', () => {
    for (const theta of [0.1, 0.7, 1.3]) {
      const a = cols([1, 0, 0], [0, 1, 0]);
      const b = cols([1, 0, 0], [0, Math.cos(theta), Math.sin(theta)]);
      const angles = principalAnglesDeg(a, b);
      expect(angles[0]).toBeCloseTo(0, 6);
      expect(angles[1]).toBeCloseTo(deg(theta), 9);
    }
  });

  it('two planes in R⁴ tilted by a and b have exactly the angles a and b, in any basis of either', () => {
    const [ta, tb] = [0.2, 0.9];
    const a = cols([1, 0, 0, 0], [0, 1, 0, 0]);
    const b = cols([Math.cos(ta), 0, Math.sin(ta), 0], [0, Math.cos(tb), 0, Math.sin(tb)]);
    // Another basis of span(b): mixed, rescaled, one sign flipped.
    const mixed = cols(
      [2 * Math.cos(ta) + Math.cos(tb) * 0, 3 * Math.cos(tb), 2 * Math.sin(ta), 3 * Math.sin(tb)],
      [-Math.cos(ta), 0, -Math.sin(ta), 0],
    );
    for (const other of [b, mixed]) {
      const angles = principalAnglesDeg(a, other);
      expect(angles[0]).toBeCloseTo(deg(ta), 9);
      expect(angles[1]).toBeCloseTo(deg(tb), 9);
    }
  });

  it('the same span in a rotated, rescaled, sign-flipped basis is 0°; a basis of random vectors against its own span too', () => {
    const rng = makeRng(3, 'angles');
    const a = new Matrix(Array.from({ length: 64 }, () => Array.from({ length: 5 }, () => rng.normal())));
    const mix = new Matrix(Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => rng.normal())));
    const b = a.mmul(mix).mul(-3.5);
    expect(largestPrincipalAngleDeg(a, b)).toBeLessThan(1e-9);
    expect(largestPrincipalAngleDeg(b, a)).toBeLessThan(1e-9);
  });

  it('keeps a tilt of 1e-7 rad (the largest angle comes from its sine, not acos of a cosine ≈ 1 − 5e-15)', () => {
    const t = 1e-7;
    const a = cols([1, 0, 0], [0, 1, 0]);
    const b = cols([1, 0, 0], [0, Math.cos(t), Math.sin(t)]);
    expect(largestPrincipalAngleDeg(a, b) / deg(t)).toBeCloseTo(1, 6);
  });

  it('dependent, zero or non-finite columns are 90°: their span cannot be the answer', () => {
    const a = cols([1, 0, 0], [0, 1, 0]);
    expect(largestPrincipalAngleDeg(a, cols([1, 0, 0], [2, 0, 0]))).toBe(90);
    expect(largestPrincipalAngleDeg(a, cols([0, 0, 0], [0, 0, 0]))).toBe(90);
    expect(largestPrincipalAngleDeg(a, cols([NaN, 0, 0], [0, 1, 0]))).toBe(90);
    expect(orthonormalColumns(cols([1, 1, 0], [1, 1, 1e-12]))).toBeUndefined();
  });

  it('orthonormalColumns gives QᵀQ = I; the row- and column-layout readers agree', () => {
    const rng = makeRng(4, 'angles');
    const a = new Matrix(Array.from({ length: 20 }, () => Array.from({ length: 4 }, () => rng.normal())));
    const q = orthonormalColumns(a)!;
    const qtq = q.transpose().mmul(q);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(qtq.get(i, j)).toBeCloseTo(i === j ? 1 : 0, 12);
    const flat = a.to1DArray(); // row-major 20×4: columnsOf reads its 4 columns
    const rows = a.transpose().to1DArray(); // 4 rows of 20: columnsFromRows reads them as columns
    expect(columnsOf(flat, 20, 4).to2DArray()).toEqual(a.to2DArray());
    expect(columnsFromRows(rows, 4, 20).to2DArray()).toEqual(a.to2DArray());
  });

  it('refuses subspaces of different shapes', () => {
    expect(() => principalAnglesDeg(cols([1, 0, 0]), cols([1, 0, 0], [0, 1, 0]))).toThrow(/different shapes/);
  });
});
