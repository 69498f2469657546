/**
 * The float64 projection of images on their top principal components (ml-matrix's symmetric eigendecomposition of
 * the covariance): the yardstick a nonlinear embedding is compared with, e.g. 2-D PCA's trustworthiness beside
 * t-SNE's.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** x (n × d, row-major) centred and projected on its top `components` principal directions: n × components, float64. */
export function pcaProjection(x: ArrayLike<number>, n: number, d: number, components: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]! / n;
  const cov = Matrix.zeros(d, d);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const va = x[i * d + a]! - mean[a]!;
      if (va === 0) continue;
      for (let b = a; b < d; b++) cov.set(a, b, cov.get(a, b) + va * (x[i * d + b]! - mean[b]!));
    }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov.set(a, b, cov.get(b, a));
  const eig = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  // ml-matrix returns the eigenvalues in ascending order: the top components are the last columns.
  const vectors = eig.eigenvectorMatrix;
  const out = new Float64Array(n * components);
  for (let c = 0; c < components; c++) {
    const col = d - 1 - c;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j]! - mean[j]!) * vectors.get(j, col);
      out[i * components + c] = s;
    }
  }
  return out;
}
