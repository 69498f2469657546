/**
 * What each stage's input is worth to k-means: the clustering accuracy of k-means on raw pixels, on a 2-D PCA, on
 * autoencoder latents (2-d and 16-d), and after kernel PCA → t-SNE from pixels or from those latents, on the 8×8
 * digits and on Fashion-MNIST. Read from the reference results the repo ships (reference/results/exp7_digits.json
 * and exp7b_fashion_mnist.json: scikit-learn and PyTorch, means of seeds 0–2; reference/RESULTS.md §7, §7b), never
 * typed by hand.
 */
import digits from '../../../../../reference/results/exp7_digits.json';
import fashion from '../../../../../reference/results/exp7b_fashion_mnist.json';

type Summary = Record<string, { mean: number; min: number; max: number }>;

/** One stage's input and its accuracy on both data sets (mean of the reference's three seeds). */
export interface StageRow {
  /** What k-means clusters, as the figure names it. */
  label: string;
  /** The reference results' key, e.g. "all10_raw_kmeans_acc". */
  key: string;
  digits: number;
  fashion: number;
}

/** The stages, in the figure's order (worst inputs of the digits first would hide the story: pixels lead). */
export const stageKeys: readonly { label: string; key: string }[] = [
  { label: 'pixels → k-means', key: 'all10_raw_kmeans_acc' },
  { label: 'PCA 2-D → k-means', key: 'all10_pca2_kmeans_acc' },
  { label: 'AE 2-d latents → k-means', key: 'all10_ae2_kmeans_acc' },
  { label: 'AE 16-d latents → k-means', key: 'all10_ae16_kmeans_acc' },
  { label: 'AE 2-d → kPCA → t-SNE → k-means', key: 'all10_ae2_pipe_acc' },
  { label: 'AE 16-d → kPCA → t-SNE → k-means', key: 'all10_ae16_pipe_acc' },
  { label: 'pixels → kPCA → t-SNE → k-means', key: 'all10_pipe_acc' },
];

/** The rows of the figure, from the two reference files. */
export function stageRows(): StageRow[] {
  const d = digits.summary as Summary, f = fashion.summary as Summary;
  return stageKeys.map(({ label, key }) => {
    if (!d[key] || !f[key]) throw new Error(`the reference results have no "${key}"`);
    return { label, key, digits: d[key].mean, fashion: f[key].mean };
  });
}

/** A reference number by key: mean, min, max over the three seeds. */
export const digitsResult = (key: string) => (digits.summary as Summary)[key]!;
export const fashionResult = (key: string) => (fashion.summary as Summary)[key]!;
