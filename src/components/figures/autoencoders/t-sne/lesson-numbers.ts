/**
 * The numbers the "t-SNE" lesson quotes, read from the files that measured them (no number is typed into the page):
 * scikit-learn's runs on all 1797 digits (reference/results/exp7_digits.json), our float64 maps and demonstrations
 * (tsne-maps.json, scripts/autoencoders/tsne-figure.ts) and the exercise's reference and wrong variants graded for
 * real on tfjs WASM (tsne-variants.json, scripts/autoencoders/tsne-variants.ts).
 */
import exp7 from '../../../../../reference/results/exp7_digits.json';
import maps from './tsne-maps.json';
import variantsFile from './tsne-variants.json';

/** One graded run of a variant (scripts/autoencoders/tsne-variants.ts). */
export interface VariantRow {
  seed: number;
  trustworthiness: number | null;
  pcaTrustworthiness: number | null;
  status: string;
  seconds: number;
  error?: string;
}

export const variants = variantsFile.variants as unknown as Record<string, VariantRow[]>;

/** Names of the variants the page quotes (keys of tsne-variants.json). */
export const variantNames = {
  reference: 'reference',
  noExaggeration: 'no early exaggeration',
  gaussian: 'Gaussian Q (symmetric SNE: exp(−d²) kernel and its gradient)',
  fixedSigma: 'fixed σ (β = 1 for every point, no perplexity search)',
  iterations150: 'too few iterations: 150 (100 exaggerated)',
  iterations50: 'too few iterations: 50 (all exaggerated)',
  plainDescent: 'plain gradient descent (no momentum, no gains)',
  asymmetric: 'asymmetric P (p_j|i / n, not symmetrised)',
} as const;

/** "a–b" over values at d decimals (one value when they round alike). */
export function span(values: number[], d: number): string {
  const [lo, hi] = [Math.min(...values).toFixed(d), Math.max(...values).toFixed(d)];
  return lo === hi ? lo : `${lo}–${hi}`;
}

/** A variant's trustworthiness over its seeds as "a–b" (3 decimals); "failed" for a run that ended in an error. */
export function variantSpan(key: keyof typeof variantNames): string {
  const rows = variants[variantNames[key]]!;
  const ok = rows.filter((r) => r.trustworthiness !== null && Number.isFinite(r.trustworthiness));
  return ok.length === rows.length ? span(ok.map((r) => r.trustworthiness!), 3) : 'failed';
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const ref = variants[variantNames.reference]!;
const byPerplexity = (p: number) => maps.digits.maps.find((m) => m.perplexity === p)!;

export const tsneNumbers = {
  /** scikit-learn 1.2 t-SNE on all 1797 digits (after kernel PCA), trustworthiness against the pixels: mean of 3 seeds. */
  sklearnTrust: mean(exp7.runs.map((r) => r.all10_pipe_tsne_trust5)).toFixed(3),
  /** 2-D PCA on all 1797 digits. */
  sklearnPcaTrust: exp7.runs[0]!.all10_pca_trust5.toFixed(2),
  /** Our float64 maps of 300 digits. */
  figureN: maps.digits.n,
  figurePcaTrust: maps.digits.pca.trustworthiness.toFixed(3),
  trust5: byPerplexity(5).trustworthiness.toFixed(3),
  trust30: byPerplexity(30).trustworthiness.toFixed(3),
  trust100: byPerplexity(100).trustworthiness.toFixed(3),
  /** k-nearest-neighbour P against all pairs. */
  allPairs: maps.cost.allPairs.toLocaleString('en'),
  knnPairs: maps.cost.knn.toLocaleString('en'),
  knnSaving: (maps.cost.allPairs / maps.cost.knn).toFixed(0),
  /** The float32 perplexity search. */
  searchN: maps.search.n,
  searchUnconverged32: maps.search.unconvergedFloat32,
  /** Sizes and gaps. */
  radiusA: maps.sizes.inData.radius[0]!.toFixed(2),
  radiusB: maps.sizes.inData.radius[1]!.toFixed(2),
  mapRadiusA: maps.sizes.inMap.radius[0]!.toFixed(1),
  mapRadiusB: maps.sizes.inMap.radius[1]!.toFixed(1),
  gapAB: maps.sizes.inData.gapAB.toFixed(1),
  gapBC: maps.sizes.inData.gapBC.toFixed(1),
  mapGapAB: maps.sizes.inMap.gapAB.toFixed(1),
  mapGapBC: maps.sizes.inMap.gapBC.toFixed(1),
  /** The exercise's reference and variants (seeds of tsne-variants.json). */
  variantSeeds: ref.map((r) => r.seed).join(', '),
  reference: variantSpan('reference'),
  exercisePcaTrust: span(ref.map((r) => r.pcaTrustworthiness!), 3),
  noExaggeration: variantSpan('noExaggeration'),
  gaussian: variantSpan('gaussian'),
  fixedSigma: variantSpan('fixedSigma'),
  iterations150: variantSpan('iterations150'),
  iterations50: variantSpan('iterations50'),
  plainDescent: variantSpan('plainDescent'),
  asymmetric: variantSpan('asymmetric'),
};
