/**
 * PCA in float64, the reference the PCA exercise and the lesson's figures are measured against: the mean, the
 * covariance, and its full eigendecomposition (ml-matrix's symmetric solver: on a 64×64 covariance it takes about a
 * millisecond, so no need for anything iterative here; the learner, in tfjs, has no eig and iterates instead).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A float64 PCA of n points in d dimensions: every component, largest variance first. */
export interface PcaReference {
  /** The d per-feature means. */
  mean: Float64Array;
  /** Row i is component i (a unit vector of d entries), in order of decreasing variance. */
  components: Matrix;
  /** eigenvalues[i]: the variance along component i (covariance with 1/(n − 1), as scikit-learn), decreasing. */
  eigenvalues: Float64Array;
  /** The sum of all d variances: the trace of the covariance. */
  totalVariance: number;
}

/** The per-feature means of n rows of d values. */
export function featureMeans(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  return mean;
}

/** The d×d covariance of n rows of d values, centred on their means, divided by n − 1. */
export function covarianceOf(x: ArrayLike<number>, n: number, d: number, mean = featureMeans(x, n, d)): Matrix {
  const c = new Matrix(d, d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) {
      const ra = row[a]!;
      if (ra === 0) continue;
      for (let b = a; b < d; b++) c.set(a, b, c.get(a, b) + ra * row[b]!);
    }
  }
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      const v = c.get(a, b) / (n - 1);
      c.set(a, b, v);
      c.set(b, a, v);
    }
  return c;
}

/** The eigenpairs of a symmetric matrix, largest eigenvalue first: eigenvectors as the rows of the result. */
export function symmetricEigen(m: Matrix): { values: Float64Array; vectors: Matrix } {
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const v = eig.eigenvectorMatrix;
  const vectors = new Matrix(order.length, m.rows);
  order.forEach((col, i) => {
    for (let r = 0; r < m.rows; r++) vectors.set(i, r, v.get(r, col));
  });
  return { values: Float64Array.from(order, (i) => values[i]!), vectors };
}

/** PCA of n rows of d values (float32 or float64), in float64. */
export function pcaReference(x: ArrayLike<number>, n: number, d: number): PcaReference {
  const mean = featureMeans(x, n, d);
  const { values, vectors } = symmetricEigen(covarianceOf(x, n, d, mean));
  // Rounding can leave the smallest eigenvalues of a singular covariance (blank corner pixels) a hair below 0.
  const eigenvalues = values.map((v) => Math.max(v, 0));
  return { mean, components: vectors, eigenvalues, totalVariance: eigenvalues.reduce((a, b) => a + b, 0) };
}

/** The share of the total variance along each of the first k components. */
export function explainedVarianceRatio(ref: PcaReference, k: number): Float64Array {
  return ref.eigenvalues.slice(0, k).map((v) => v / ref.totalVariance);
}

/**
 * The mean squared reconstruction error per pixel of the n rows from their first k components: the sum of the
 * remaining eigenvalues (n − 1)/n · Σ_{i>k} λ_i / d, the identity the lesson states (computed directly here, so the
 * lesson test can check it).
 */
export function reconstructionMse(x: ArrayLike<number>, n: number, d: number, ref: PcaReference, k: number): number {
  let sum = 0;
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = x[i * d + j]! - ref.mean[j]!;
    const back = new Float64Array(d);
    for (let c = 0; c < k; c++) {
      let t = 0;
      for (let j = 0; j < d; j++) t += centred[j]! * ref.components.get(c, j);
      for (let j = 0; j < d; j++) back[j]! += t * ref.components.get(c, j);
    }
    for (let j = 0; j < d; j++) sum += (centred[j]! - back[j]!) ** 2;
  }
  return sum / (n * d);
}

/**
 * The n rows of x (n × d, row-major) centred and projected on their first k principal components: n × k, float64.
 * The grader's own 2-D views (a clustering's plot, 2-D PCA's trustworthiness beside t-SNE's) use it.
 */
export function pcaProjection(x: ArrayLike<number>, n: number, d: number, k: number, ref: PcaReference = pcaReference(x, n, d)): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j]! - ref.mean[j]!) * ref.components.get(c, j);
      out[i * k + c] = s;
    }
  return out;
}
