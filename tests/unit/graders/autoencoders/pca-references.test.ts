/**
 * The float64 references of the PCA and kernel PCA exercises (graders/autoencoders/pca-reference.ts,
 * kernel-pca-reference.ts): the covariance and its eigenpairs on data whose answer is known by construction, the
 * reconstruction-error identity, kernel centring against centring the features themselves (linear kernel: the
 * centred kernel is Xc Xcᵀ), and the subspace iteration's top eigenpairs against a full eigendecomposition.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { centreKernel, kernelPcaReference, linearKernel, rbfKernel, topEigenpairs } from '../../../../graders/autoencoders/kernel-pca-reference.ts';
import { covarianceOf, explainedVarianceRatio, pcaReference, reconstructionMse, symmetricEigen } from '../../../../graders/autoencoders/pca-reference.ts';
import { columnsOf, largestPrincipalAngleDeg } from '../../../../graders/autoencoders/principal-angles.ts';
import { makeRng } from '../../../../graders/rng.ts';

/** n points in d dimensions around 3, with independent coordinates of standard deviations `sd`. */
function gaussianCloud(n: number, sd: number[], seed: number): Float64Array {
  const rng = makeRng(seed, 'cloud');
  const d = sd.length;
  return Float64Array.from({ length: n * d }, (_, i) => 3 + sd[i % d]! * rng.normal());
}

describe('pcaReference', () => {
  it('finds the axes of an axis-aligned cloud, its variances, and ratios over the total', () => {
    const sd = [1, 4, 0.5, 2];
    const x = gaussianCloud(20000, sd, 1);
    const ref = pcaReference(x, 20000, 4);
    const order = [1, 3, 0, 2];
    order.forEach((axis, i) => {
      expect(Math.abs(ref.components.get(i, axis))).toBeCloseTo(1, 2);
      expect(ref.eigenvalues[i]! / sd[axis]! ** 2).toBeCloseTo(1, 1);
    });
    const total = sd.reduce((s, v) => s + v * v, 0);
    expect(explainedVarianceRatio(ref, 2)[0]! / (16 / total)).toBeCloseTo(1, 1);
    expect(ref.mean[0]).toBeCloseTo(3, 1);
  });

  it('the covariance is symmetric and its trace is the total variance', () => {
    const x = gaussianCloud(500, [1, 2, 3], 2);
    const c = covarianceOf(x, 500, 3);
    expect(c.get(0, 2)).toBe(c.get(2, 0));
    const ref = pcaReference(x, 500, 3);
    expect(ref.totalVariance).toBeCloseTo(c.trace(), 10);
  });

  it('the mean squared error of a k-component reconstruction is the remaining eigenvalues, (n − 1)/n · Σ_{i>k} λ_i / d', () => {
    const n = 400, d = 6;
    const x = gaussianCloud(n, [3, 2, 1.5, 1, 0.5, 0.2], 3);
    const ref = pcaReference(x, n, d);
    for (const k of [0, 1, 3, 5, 6]) {
      const rest = ref.eigenvalues.slice(k).reduce((a, b) => a + b, 0);
      expect(reconstructionMse(x, n, d, ref, k)).toBeCloseTo(((n - 1) / n) * (rest / d), 10);
    }
  });

  it('symmetricEigen sorts eigenpairs largest first, eigenvectors as rows', () => {
    const { values, vectors } = symmetricEigen(new Matrix([[2, 1], [1, 2]]));
    expect(Array.from(values)).toEqual([expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    expect(Math.abs(vectors.get(0, 0))).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors.get(0, 0) * vectors.get(0, 1)).toBeGreaterThan(0);
  });
});

describe('kernel PCA reference', () => {
  it('centring a linear kernel gives the kernel of the centred points, Xc Xcᵀ', () => {
    const n = 30, d = 4;
    const x = gaussianCloud(n, [1, 2, 3, 4], 4);
    const k = centreKernel(linearKernel(x, n, d), n);
    const ref = pcaReference(x, n, d);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let f = 0; f < d; f++) dot += (x[i * d + f]! - ref.mean[f]!) * (x[j * d + f]! - ref.mean[f]!);
        expect(k[i * n + j]).toBeCloseTo(dot, 9);
      }
  });

  it('the RBF kernel is 1 on the diagonal and exp(−γ‖a − b‖²) off it', () => {
    const x = [0, 0, 3, 4];
    const k = rbfKernel(x, 2, 2, 0.1);
    expect(Array.from(k)).toEqual([1, expect.closeTo(Math.exp(-2.5), 14), expect.closeTo(Math.exp(-2.5), 14), 1]);
  });

  it('subspace iteration with Rayleigh–Ritz finds the top eigenpairs a full eigendecomposition finds', () => {
    const n = 150, d = 8;
    const x = gaussianCloud(n, [2, 1.8, 1.5, 1, 1, 0.8, 0.5, 0.3], 5);
    const k = centreKernel(rbfKernel(x, n, d, 1 / d), n);
    const top = topEigenpairs(k, n, 4);
    const full = symmetricEigen(new Matrix(Array.from({ length: n }, (_, i) => Array.from(k.subarray(i * n, (i + 1) * n)))));
    for (let c = 0; c < 4; c++) expect(top.values[c]! / full.values[c]!).toBeCloseTo(1, 9);
    const fullTop = columnsOf(full.vectors.subMatrix(0, 3, 0, n - 1).transpose().to1DArray(), n, 4);
    expect(largestPrincipalAngleDeg(columnsOf(top.vectors, n, 4), fullTop)).toBeLessThan(1e-5);
    expect(top.residual).toBeLessThan(1e-9);
  });

  it('the embedding is the unit eigenvectors times √λ: column norms √λ, columns orthogonal', () => {
    const n = 120, d = 5;
    const x = gaussianCloud(n, [1, 1, 1, 1, 1], 6);
    const { embedding, eigenvalues } = kernelPcaReference(x, n, d, 3, 0.2);
    for (let c = 0; c < 3; c++) {
      let norm = 0, cross = 0;
      for (let r = 0; r < n; r++) {
        norm += embedding[r * 3 + c]! ** 2;
        cross += embedding[r * 3 + c]! * embedding[r * 3 + ((c + 1) % 3)]!;
      }
      expect(norm / eigenvalues[c]!).toBeCloseTo(1, 9);
      expect(cross).toBeCloseTo(0, 9);
    }
  });
});
