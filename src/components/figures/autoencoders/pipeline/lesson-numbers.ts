/**
 * The numbers the pipeline lesson quotes, read from the reference results the repo ships
 * (reference/results/exp7_digits.json, exp7b_fashion_mnist.json), from pipeline-variants.json
 * (scripts/autoencoders/pipeline-variants.ts) and from pipeline-contingency.json
 * (scripts/autoencoders/pipeline-figure.ts), so no number is typed into the page by hand.
 */
import contingency from './pipeline-contingency.json';
import measured from './pipeline-variants.json';
import { digitsResult, fashionResult } from './stage-accuracy-model.ts';

/** A measured variant's runs by the start of its name in scripts/autoencoders/pipeline-variants.ts. */
export function variantRuns(prefix: string): { seed: number; accuracy: number; status: string }[] {
  const name = Object.keys(measured.variants).find((v) => v.startsWith(prefix));
  if (!name) throw new Error(`pipeline-variants.json has no variant starting "${prefix}"`);
  return measured.variants[name as keyof typeof measured.variants];
}

const two = (v: number) => v.toFixed(2);
const three = (v: number) => v.toFixed(3);
/** "0.86–0.94": a variant's accuracy over the measured seeds. */
const span = (prefix: string) => {
  const a = variantRuns(prefix).map((r) => r.accuracy);
  return `${two(Math.min(...a))}–${two(Math.max(...a))}`;
};

export const pipelineNumbers = {
  /** The reference results (scikit-learn / PyTorch, all 1797 digits, mean of 3 seeds). */
  pipeline: three(digitsResult('all10_pipe_acc').mean),
  raw: three(digitsResult('all10_raw_kmeans_acc').mean),
  pca2: three(digitsResult('all10_pca2_kmeans_acc').mean),
  ae2: three(digitsResult('all10_ae2_kmeans_acc').mean),
  ae16: three(digitsResult('all10_ae16_kmeans_acc').mean),
  ae2Mse: three(digitsResult('all10_ae2_recon_mse').mean),
  ae16Mse: three(digitsResult('all10_ae16_recon_mse').mean),
  ae2Pipe: three(digitsResult('all10_ae2_pipe_acc').mean),
  ae16Pipe: three(digitsResult('all10_ae16_pipe_acc').mean),
  tsneTrust: three(digitsResult('all10_pipe_tsne_trust5').mean),
  tsneSeconds: digitsResult('all10_pipe_tsne_time_s').mean.toFixed(0),
  /** Fashion-MNIST (2000 images). */
  fashionPipe: three(fashionResult('all10_pipe_acc').mean),
  fashionRaw: three(fashionResult('all10_raw_kmeans_acc').mean),
  pulloverCoat: three(fashionResult('pullover_v_coat_pipe_acc').mean),
  trouserBag: three(fashionResult('trouser_v_bag_pipe_acc').mean),
  /** Our tfjs reference on the exercise's 1000 digits, over the measured seeds, and its wrong variants. */
  seeds: `${measured.variants[Object.keys(measured.variants)[0] as keyof typeof measured.variants][0]!.seed}–${measured.variants[Object.keys(measured.variants)[0] as keyof typeof measured.variants].at(-1)!.seed}`,
  ours: span('reference'),
  oursRaw: span('k-means on the raw pixels'),
  oursPca2: span('k-means on a 2-D PCA'),
  oursKpca: span('k-means on the 50 kernel-PCA'),
  oursOneStart: span('one start'),
  oursPlainOneStart: span('plain k-means++, one start'),
  oursK9: span('k = 9'),
  oursShuffled: span('the ids returned in a shuffled order'),
  /** The contingency figure's run (public seed). */
  figureAccuracy: three(contingency.accuracy),
};
