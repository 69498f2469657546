/**
 * Principal components in float64 (ml-matrix's symmetric eigendecomposition of the covariance), the reconstruction
 * of images from the top k of them, and the principal angles between two subspaces: the linear baseline every
 * autoencoder is measured against, and the check that a *linear* autoencoder finds the PCA subspace. Grader- and
 * script-side only: the learner's code never sees it (the PCA lesson teaches finding components in tfjs).
 */
import { Matrix, SVD } from 'ml-matrix';
import { pcaReference } from './pca-reference.ts';

/** The top-k principal components of n×d row-major data: its mean and an orthonormal d×k basis (column j = component j). */
export interface PcaBasis {
  mean: Float64Array;
  /** d×k, column-major by component: components[j] is component j, d values of unit length. */
  components: Float64Array[];
  /** The covariance's eigenvalues, largest first (all d of them; rounding's tiny negatives clipped to 0). */
  eigenvalues: Float64Array;
}

/** The top-k principal components of n rows of d values (the covariance divides by n − 1; the basis does not care). */
export function pcaBasis(x: ArrayLike<number>, n: number, d: number, k: number): PcaBasis {
  if (n < 2 || x.length !== n * d || k < 1 || k > d) throw new Error(`pcaBasis: ${x.length} values for ${n}×${d}, k = ${k}`);
  const ref = pcaReference(x, n, d);
  return { mean: ref.mean, components: Array.from({ length: k }, (_, c) => Float64Array.from(ref.components.getRow(c))), eigenvalues: ref.eigenvalues };
}

/** Mean squared error per pixel of reconstructing m rows of `x` (d values each) from their projection on the basis. */
export function pcaReconstructionMse(basis: PcaBasis, x: ArrayLike<number>, m: number): number {
  const d = basis.mean.length;
  const c = new Float64Array(d);
  let se = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < d; j++) c[j] = x[i * d + j]! - basis.mean[j]!;
    const r = new Float64Array(d);
    for (const v of basis.components) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += v[j]! * c[j]!;
      for (let j = 0; j < d; j++) r[j]! += dot * v[j]!;
    }
    for (let j = 0; j < d; j++) se += (r[j]! - c[j]!) ** 2;
  }
  return se / (m * d);
}

/**
 * Principal angles (radians, smallest first) between the spans of two sets of d-vectors (as columns): the arc
 * cosines of the singular values of Qaᵀ Qb, with Qa, Qb orthonormal bases of the spans (thin QR by SVD's U). The
 * spans are equal exactly when every angle is 0, whatever basis each side uses: robust to the sign flips, rotations
 * and rescalings by which an autoencoder's decoder differs from the principal components.
 */
export function principalAngles(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number[] {
  const orth = (cols: readonly ArrayLike<number>[]) => new SVD(new Matrix(cols.map((c) => Array.from(c))).transpose(), { autoTranspose: true }).leftSingularVectors.subMatrix(0, cols[0]!.length - 1, 0, cols.length - 1);
  const qa = orth(a), qb = orth(b);
  const s = new SVD(qa.transpose().mmul(qb), { autoTranspose: true }).diagonal;
  return s.map((v) => Math.acos(Math.min(1, Math.max(-1, v)))).sort((p, q) => p - q);
}
