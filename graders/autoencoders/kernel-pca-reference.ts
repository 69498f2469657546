/**
 * Kernel PCA with an RBF kernel in float64, the reference the kernel PCA exercise grades against and the lesson's
 * figures use. It runs inside every grading, so it must be fast: a full eigendecomposition of the n×n centred kernel
 * is O(n³) with a large constant (ml-matrix takes seconds at n = 800), while only the top k eigenpairs are needed.
 * Subspace iteration with a Rayleigh–Ritz step finds them: multiply a block of b = k + oversampling vectors by K,
 * orthonormalise, and solve the small b×b eigenproblem (ml-matrix) to rotate the block onto the best approximations
 * of the eigenvectors inside it. Each sweep costs one n×n×b product; the error shrinks by λ_{b+1}/λ_k per sweep, and
 * the oversampling makes that ratio small even where λ_k and λ_{k+1} are close.
 */
import { Matrix } from 'ml-matrix';
import { makeRng } from '../rng.ts';
import { symmetricEigen } from './pca-reference.ts';

/** K[i][j] = exp(−γ ‖x_i − x_j‖²) for n rows of d values, row-major n×n. */
export function rbfKernel(x: ArrayLike<number>, n: number, d: number, gamma: number): Float64Array {
  const k = new Float64Array(n * n);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sq[i]! += x[i * d + j]! ** 2;
  for (let i = 0; i < n; i++) {
    k[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      let dot = 0;
      for (let f = 0; f < d; f++) dot += x[i * d + f]! * x[j * d + f]!;
      // ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b, floored at 0 against rounding.
      const v = Math.exp(-gamma * Math.max(0, sq[i]! + sq[j]! - 2 * dot));
      k[i * n + j] = v;
      k[j * n + i] = v;
    }
  }
  return k;
}

/** K x_iᵀ x_j, the linear kernel (kernel PCA with it is plain PCA): for the lesson and the wrong variants. */
export function linearKernel(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let dot = 0;
      for (let f = 0; f < d; f++) dot += x[i * d + f]! * x[j * d + f]!;
      k[i * n + j] = dot;
      k[j * n + i] = dot;
    }
  return k;
}

/**
 * Centres a kernel matrix in place, K̃ = K − 1K − K1 + 1K1 (1 the n×n matrix of 1/n): the kernel of the feature
 * vectors minus their mean. Row means first, then the mean of the row means, so no single sum runs over all n².
 */
export function centreKernel(k: Float64Array, n: number): Float64Array {
  const rowMean = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += k[i * n + j]!;
    rowMean[i] = s / n;
  }
  const total = rowMean.reduce((a, b) => a + b, 0) / n;
  // K is symmetric, so its column means are its row means.
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] = k[i * n + j]! - rowMean[i]! - rowMean[j]! + total;
  return k;
}

/** Orthonormalises the b columns of the row-major n×b block in place (modified Gram–Schmidt, twice). */
function orthonormaliseBlock(v: Float64Array, n: number, b: number): void {
  for (let j = 0; j < b; j++) {
    for (let pass = 0; pass < 2; pass++)
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < n; r++) dot += v[r * b + i]! * v[r * b + j]!;
        for (let r = 0; r < n; r++) v[r * b + j]! -= dot * v[r * b + i]!;
      }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += v[r * b + j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < n; r++) v[r * b + j]! /= norm;
  }
}

/** K (n×n, row-major) times the n×b block. */
function times(k: Float64Array, v: Float64Array, n: number, b: number): Float64Array {
  const out = new Float64Array(n * b);
  for (let i = 0; i < n; i++) {
    const o = i * b;
    for (let j = 0; j < n; j++) {
      const kij = k[i * n + j]!;
      const vj = j * b;
      for (let c = 0; c < b; c++) out[o + c]! += kij * v[vj + c]!;
    }
  }
  return out;
}

/** The top eigenpairs of a symmetric matrix, and how the iteration went. */
export interface TopEigen {
  /** The k largest eigenvalues, decreasing. */
  values: Float64Array;
  /** Row-major n×k: column c is the unit eigenvector of values[c]. */
  vectors: Float64Array;
  /** Sweeps taken. */
  sweeps: number;
  /** max over the k pairs of ‖K v − λ v‖ / λ₁ at the end. */
  residual: number;
}

/**
 * The top k eigenpairs of a symmetric positive semi-definite n×n matrix by subspace iteration with Rayleigh–Ritz
 * (block k + oversample), until every residual ‖K v − λ v‖ is below `tolerance` · λ₁ or `maxSweeps` pass.
 */
export function topEigenpairs(k: Float64Array, n: number, count: number, o: { oversample?: number; tolerance?: number; maxSweeps?: number; seed?: number } = {}): TopEigen {
  const b = Math.min(n, count + (o.oversample ?? 8));
  const tolerance = o.tolerance ?? 1e-9, maxSweeps = o.maxSweeps ?? 500;
  const rng = makeRng(o.seed ?? 1, 'top-eigenpairs');
  let v: Float64Array = Float64Array.from({ length: n * b }, () => rng.normal());
  orthonormaliseBlock(v, n, b);
  let kv = times(k, v, n, b);
  let values: Float64Array = new Float64Array(b);
  let residual = Infinity, sweeps = 0;
  while (sweeps < maxSweeps) {
    sweeps++;
    // Rayleigh–Ritz: H = Vᵀ K V (b×b), its eigenvectors U rotate V onto the Ritz vectors V U, with K V U = (K V) U.
    const h = new Matrix(b, b);
    for (let a = 0; a < b; a++)
      for (let c = a; c < b; c++) {
        let s = 0;
        for (let r = 0; r < n; r++) s += v[r * b + a]! * kv[r * b + c]!;
        h.set(a, c, s);
        h.set(c, a, s);
      }
    const eig = symmetricEigen(h);
    values = eig.values;
    const rotate = (m: Float64Array) => {
      const out = new Float64Array(n * b);
      for (let r = 0; r < n; r++)
        for (let c = 0; c < b; c++) {
          let s = 0;
          for (let a = 0; a < b; a++) s += m[r * b + a]! * eig.vectors.get(c, a);
          out[r * b + c] = s;
        }
      return out;
    };
    v = rotate(v);
    kv = rotate(kv);
    residual = 0;
    for (let c = 0; c < count; c++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (kv[r * b + c]! - values[c]! * v[r * b + c]!) ** 2;
      residual = Math.max(residual, Math.sqrt(s) / Math.max(values[0]!, 1e-300));
    }
    if (residual < tolerance) break;
    // The next sweep: multiply by K (already done: kv), orthonormalise, multiply again.
    v = kv;
    orthonormaliseBlock(v, n, b);
    kv = times(k, v, n, b);
  }
  const vectors = new Float64Array(n * count);
  for (let r = 0; r < n; r++) for (let c = 0; c < count; c++) vectors[r * count + c] = v[r * b + c]!;
  return { values: values.slice(0, count), vectors, sweeps, residual };
}

/** A kernel PCA embedding: n×k coordinates and the eigenvalues behind them. */
export interface KernelPcaEmbedding {
  /** Row-major n×k: point i's coordinate on component c is √λ_c · v_c[i]. */
  embedding: Float64Array;
  /** The k largest eigenvalues of the centred kernel, decreasing. */
  eigenvalues: Float64Array;
  sweeps: number;
}

/** The embedding from the top k eigenpairs of a centred kernel: each unit eigenvector scaled by √λ. */
export function embeddingFromKernel(centred: Float64Array, n: number, k: number): KernelPcaEmbedding {
  const top = topEigenpairs(centred, n, k);
  const embedding = new Float64Array(n * k);
  for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) embedding[r * k + c] = Math.sqrt(Math.max(top.values[c]!, 0)) * top.vectors[r * k + c]!;
  return { embedding, eigenvalues: top.values, sweeps: top.sweeps };
}

/** RBF kernel PCA of n rows of d values in float64: the kernel, centred, its top k eigenpairs, the embedding. */
export function kernelPcaReference(x: ArrayLike<number>, n: number, d: number, k: number, gamma: number): KernelPcaEmbedding {
  return embeddingFromKernel(centreKernel(rbfKernel(x, n, d, gamma), n), n, k);
}
