/**
 * Every number the PCA lesson quotes, computed here from: our float64 PCA of all 1797 digits (pca-figure.json, from
 * scripts/autoencoders/pca-figure.ts), the exercise's variants graded on WASM (pca-variants.json, from
 * scripts/autoencoders/pca-variants.ts), and scikit-learn's re-run of the source (reference/results/exp7_digits.json).
 * The page and its test (tests/unit/lessons/pca.test.ts) read the same values. No tfjs, no DOM.
 */
import original from '../../../../../reference/results/exp7_digits.json';
import figure from './pca-figure.json';
import variantsFile from './pca-variants.json';
import { keptVariance } from './pca-model.ts';
import { variantRange, type VariantsFile } from '../variant-ranges.ts';

const variants = variantsFile as unknown as VariantsFile;
const pct = (v: number, digits = 1) => `${(100 * v).toFixed(digits)}%`;
/** "a to b" for a measured range, each printed by `f`. */
const span = ([a, b]: [number, number], f: (v: number) => string) => `${f(a)} to ${f(b)}`;
const deg = (name: string) => variantRange(variants, name, 'maxAngleDeg');
const ratio = (name: string) => variantRange(variants, name, 'ratioError');
const plain = (v: number) => (v < 0.01 ? v.toExponential(1).replace(/-/g, '−') : v.toFixed(2));
const angleText = (v: number) => (v < 0.01 ? v.toExponential(1).replace(/-/g, '−') : v < 1 ? v.toFixed(2) : v.toFixed(1));

export const pcaNumbers = {
  n: figure.n,
  /** The first two and the first ten components' shares, and 20 and 40. */
  ratio1: pct(figure.ratios[0]!),
  ratio2: pct(figure.ratios[1]!),
  kept2: pct(keptVariance(figure.ratios, 2)),
  kept10: pct(keptVariance(figure.ratios, 10), 0),
  kept20: pct(keptVariance(figure.ratios, 20), 0),
  kept40: pct(keptVariance(figure.ratios, 40), 0),
  /** Mean squared error per pixel from 0 (the mean image), 2, 10 components, and from all 64. */
  mse0: figure.mse[0]!.toFixed(4),
  mse2: figure.mse[2]!.toFixed(4),
  mse10: figure.mse[10]!.toFixed(4),
  /** λ2/λ1 and λ11/λ10 on all digits: the gaps that set the iteration's speed. */
  gap21: (figure.ratios[1]! / figure.ratios[0]!).toFixed(2),
  gap1110: (figure.ratios[10]! / figure.ratios[9]!).toFixed(2),
  /** The share of the error one power-iteration step removes at that gap, 1 − λ2/λ1. */
  stepRemoves: pct(1 - figure.ratios[1]! / figure.ratios[0]!, 0),
  /** scikit-learn on the source's data: 2-D PCA's trustworthiness (k = 5) and k-means accuracy on it, and on raw pixels. */
  trust2d: original.summary.all10_pca_trust5.mean.toFixed(2),
  kmeans2d: original.summary.all10_pca2_kmeans_acc.mean.toFixed(2),
  kmeansRaw: original.summary.all10_raw_kmeans_acc.mean.toFixed(2),
  /** The exercise's variants (seeds of pca-variants.json): largest principal angle in degrees and ratio error. */
  seeds: `${variants.seeds[0]}–${variants.seeds.at(-1)}`,
  referenceAngle: span(deg('reference (subspace iteration, 150 sweeps of C²)'), angleText),
  referenceRatio: span(ratio('reference (subspace iteration, 150 sweeps of C²)'), plain),
  deflationAngle: span(deg('power iteration with deflation (right)'), angleText),
  sweeps3Angle: span(deg('3 sweeps'), angleText),
  sweeps10Angle: span(deg('10 sweeps'), angleText),
  sumOfEntriesRatio: span(ratio('total = the sum of every covariance entry, not the trace'), plain),
  notCentredAngle: span(deg('not centred'), angleText),
  signAngle: span(deg('deflation with a sign error (C + λvvᵀ)'), angleText),
  noGramSchmidtAngle: span(deg('no Gram–Schmidt (plain power iteration on the block)'), angleText),
  topKRatio: span(ratio('ratios over the top k, not the total'), plain),
} as const;

export { pct, span };
