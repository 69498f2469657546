/**
 * A 2-D view of images that the grader computes itself: the projection of the centred pixels on their top two
 * principal axes, in float64 (ml-matrix's symmetric eigendecomposition of the covariance, not our own eig). Plots
 * use it to show a learner's clusters without needing the learner's own map.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** The n rows of x (n×d, row-major) projected on the top two principal axes: n×2, row-major. */
export function pcaView2d(x: ArrayLike<number>, n: number, d: number): Float32Array {
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
  // Eigenvalues come in ascending order: the last two columns are the top two axes.
  const vectors = eig.eigenvectorMatrix;
  const axes = [d - 1, d - 2];
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++)
    axes.forEach((col, c) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j]! - mean[j]!) * vectors.get(j, col);
      out[2 * i + c] = s;
    });
  return out;
}
