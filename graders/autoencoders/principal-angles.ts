/**
 * Principal angles between two subspaces, in float64: how the PCA and kernel PCA exercises compare the learner's
 * components (or embedding columns) with the reference's. An eigenvector is defined only up to sign, and inside a
 * pair of (nearly) equal eigenvalues only up to a rotation, so comparing vectors one by one would fail right answers;
 * the subspaces they span are what is determined, and the angles between subspaces measure exactly that.
 *
 * With Q₁, Q₂ orthonormal bases (d×k) of the two spans, the singular values of Q₁ᵀQ₂ are the cosines of the
 * principal angles. The largest angle is taken from its sine instead, the largest singular value of
 * Q₂ − Q₁(Q₁ᵀQ₂) (the part of span 2 outside span 1): acos loses half the digits near 0, asin does not.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/** Degrees in a radian. */
const DEG = 180 / Math.PI;

/**
 * Columns below this share of the largest column's norm, after removing what earlier columns span, count as
 * dependent: the span has fewer dimensions than columns (e.g. the same eigenvector found twice), which is 90°.
 */
const RANK_TOLERANCE = 1e-8;

/**
 * An orthonormal basis of the columns of `a` (d×k) by modified Gram–Schmidt, each column orthogonalised twice (once
 * is not enough in floating point when columns are nearly dependent), or undefined when the columns are dependent
 * (or not finite).
 */
export function orthonormalColumns(a: Matrix): Matrix | undefined {
  const d = a.rows, k = a.columns;
  const q = a.clone();
  let largest = 0;
  for (let j = 0; j < k; j++) largest = Math.max(largest, q.getColumnVector(j).norm());
  if (!(largest > 0) || !Number.isFinite(largest)) return undefined;
  for (let j = 0; j < k; j++) {
    for (let pass = 0; pass < 2; pass++)
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < d; r++) dot += q.get(r, i) * q.get(r, j);
        for (let r = 0; r < d; r++) q.set(r, j, q.get(r, j) - dot * q.get(r, i));
      }
    let norm = 0;
    for (let r = 0; r < d; r++) norm += q.get(r, j) ** 2;
    norm = Math.sqrt(norm);
    if (!(norm > RANK_TOLERANCE * largest)) return undefined;
    for (let r = 0; r < d; r++) q.set(r, j, q.get(r, j) / norm);
  }
  return q;
}

/** The matrix whose columns are the k rows of a row-major k×d array (components as the learner returns them). */
export function columnsFromRows(rows: ArrayLike<number>, k: number, d: number): Matrix {
  const m = new Matrix(d, k);
  for (let i = 0; i < k; i++) for (let r = 0; r < d; r++) m.set(r, i, rows[i * d + r]!);
  return m;
}

/** The matrix whose columns are the k columns of a row-major n×k array (an embedding, one point per row). */
export function columnsOf(values: ArrayLike<number>, n: number, k: number): Matrix {
  const m = new Matrix(n, k);
  for (let r = 0; r < n; r++) for (let i = 0; i < k; i++) m.set(r, i, values[r * k + i]!);
  return m;
}

/**
 * Every principal angle between span(a) and span(b) (both d×k, same k), in degrees, smallest first; all 90° when
 * either set of columns is dependent or not finite (its span is not k-dimensional, so it cannot be the answer).
 */
export function principalAnglesDeg(a: Matrix, b: Matrix): number[] {
  if (a.rows !== b.rows || a.columns !== b.columns) throw new Error(`subspaces of different shapes: ${a.rows}×${a.columns} and ${b.rows}×${b.columns}`);
  const qa = orthonormalColumns(a), qb = orthonormalColumns(b);
  if (!qa || !qb) return new Array<number>(a.columns).fill(90);
  const cosines = new SingularValueDecomposition(qa.transpose().mmul(qb), { computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal;
  // The singular values come largest first, so the angles smallest first.
  const angles = cosines.map((c) => Math.acos(Math.min(1, Math.max(-1, c))) * DEG);
  angles[angles.length - 1] = largestAngleDeg(qa, qb);
  return angles;
}

/** The largest principal angle between the spans of orthonormal qa and qb, from its sine (accurate near 0°). */
function largestAngleDeg(qa: Matrix, qb: Matrix): number {
  const outside = qb.clone().sub(qa.mmul(qa.transpose().mmul(qb)));
  const sine = new SingularValueDecomposition(outside, { computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal[0] ?? 0;
  return Math.asin(Math.min(1, sine)) * DEG;
}

/** The largest principal angle between span(a) and span(b), in degrees: 0 when the spans agree, 90 at worst. */
export function largestPrincipalAngleDeg(a: Matrix, b: Matrix): number {
  const angles = principalAnglesDeg(a, b);
  return angles[angles.length - 1]!;
}
