/**
 * The PCA lesson's figure maths, on the numbers scripts/autoencoders/pca-figure.ts stored (pca-figure.json): a
 * digit rebuilt from its first k components, x̂ = μ + Σ_{i<k} ((x − μ)·v_i) v_i, and the share of the variance the
 * first k components keep. Plain TypeScript, so the build and the page's slider compute the same.
 */

/** What pca-figure.json holds (after its provenance record). */
export interface PcaFigureData {
  n: number;
  features: number;
  totalVariance: number;
  /** ratios[i]: the share of the total variance along component i, decreasing. */
  ratios: number[];
  /** mse[k]: the mean squared reconstruction error per pixel over all n digits from k components, k = 0 … 64. */
  mse: number[];
  mean: number[];
  /** components[i]: component i, a unit vector of 64 pixels. */
  components: number[][];
  examples: { label: number; pixels: number[] }[];
  projection: { points: number[][]; labels: number[] };
}

/** A digit rebuilt from its first k components (k = 0: the mean image). */
export function reconstruct(data: Pick<PcaFigureData, 'mean' | 'components'>, pixels: readonly number[], k: number): number[] {
  const out = data.mean.slice();
  for (let c = 0; c < k; c++) {
    const v = data.components[c]!;
    let t = 0;
    for (let j = 0; j < out.length; j++) t += (pixels[j]! - data.mean[j]!) * v[j]!;
    for (let j = 0; j < out.length; j++) out[j]! += t * v[j]!;
  }
  return out;
}

/** The share of the total variance the first k components keep. */
export const keptVariance = (ratios: readonly number[], k: number) => ratios.slice(0, k).reduce((a, b) => a + b, 0);
