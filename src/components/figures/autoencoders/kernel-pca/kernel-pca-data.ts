/**
 * The shape of kernel-pca-figure.json (written by scripts/autoencoders/kernel-pca-figure.ts), which the kernel PCA
 * lesson's figures, its numbers and its test read. No code beyond the types and the import.
 */
import stored from './kernel-pca-figure.json';
import type { Provenance } from '../../kit/provenance.ts';

/** One way of computing the kernel's grand mean, and what its error does. */
export interface AccumulationWay {
  mean: number;
  /** The mean minus the float64 mean. */
  error: number;
  /** n · |error|: the eigenvalue the error adds to the centred kernel along the constant vector. */
  spuriousEigenvalue: number;
}

export interface KernelPcaFigureData {
  provenance: Provenance;
  rings: {
    outer: number;
    inner: number;
    noise: number;
    perRing: number;
    /** Point i is (points[2i], points[2i + 1]). */
    points: number[];
    /** 0: outer ring, 1: inner ring. */
    labels: number[];
    /** The best straight-line split's accuracy on the raw 2-D points. */
    inputSplitAccuracy: number;
    /** Per γ: the first two kernel PCA coordinates (flat n×2), the two eigenvalues, the best straight split's accuracy. */
    panels: { gamma: number; points: number[]; eigenvalues: number[]; splitAccuracy: number }[];
  };
  accumulation: {
    n: number;
    entries: number;
    gamma: number;
    ways: Record<'float64' | 'float32Running' | 'float32RowsFirst' | 'float32Pairwise' | 'stockWasmMean' | 'patchedWasmMean', AccumulationWay>;
  };
  /** Squared distances between distinct digits (pixels in [0, 1]): quantiles, and the share of pairs whose kernel would be below e^−20 on raw 0–16 grey levels. */
  distances: { p10: number; p50: number; p90: number; rawShareBelowEMinus20: number };
  speed: {
    n: number;
    k: number;
    tfjsSubspaceSeconds: number;
    referenceSubspaceSeconds: number;
    referenceSweeps: number;
    fullN: number;
    kernelAtFullNSeconds: number;
    subspaceAtFullNSeconds: number;
    subspaceSweeps: number;
    fullEigSeconds: number;
    topEigenvalueAgreement: number;
    loadAverage: number;
  };
}

export const kernelPcaFigure = stored as unknown as KernelPcaFigureData;
