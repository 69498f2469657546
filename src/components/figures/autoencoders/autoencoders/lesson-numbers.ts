/**
 * The numbers the Autoencoders lesson quotes, read from the files that measured them (no number is typed into the
 * page): the PyTorch re-run of the source's autoencoders (reference/results/exp7_digits.json), our tfjs runs of
 * linear autoencoders and of three learning rates (autoencoder-figures.json, scripts/autoencoders/autoencoder-figures.ts),
 * the exercise's reference and wrong variants graded for real (dense-variants.json,
 * scripts/autoencoders/dense-autoencoder-variants.ts), and the convolutional autoencoder on the 28×28 images
 * (conv-autoencoder.json, scripts/autoencoders/conv-autoencoder.ts; reference/results/exp7b_fashion_mnist.json) and
 * its exercise's reference and variants graded for real (conv-variants.json, scripts/autoencoders/conv-autoencoder-variants.ts).
 */
import rerun from '../../../../../reference/results/exp7_digits.json';
import fashionRerun from '../../../../../reference/results/exp7b_fashion_mnist.json';
import figures from './autoencoder-figures.json';
import conv from './conv-autoencoder.json';
import convVariantsFile from './conv-variants.json';
import variantsFile from './dense-variants.json';

/** One graded run of a variant. */
export interface VariantRow {
  seed: number;
  heldoutMse: number;
  pcaMse: number;
  status: string;
  seconds: number;
  cpuSeconds: number;
}

export const variants = variantsFile.variants as unknown as Record<string, VariantRow[]>;
/** The convolutional exercise's graded runs (conv-variants.json), each with its graded ratio. */
export const convVariants = convVariantsFile.variants as unknown as Record<string, (VariantRow & { mseOverPca: number })[]>;

/** Names of the variants the page quotes (keys of dense-variants.json). */
export const variantNames = {
  reference: 'reference',
  fewEpochs: 'too few epochs: 5',
  adam3: "Adam 1e-3 (the PyTorch re-run's rate), same epochs",
  adam5: "Adam 1e-5 (the source's rate), same epochs",
  tanh: 'tanh output on [0, 1] pixels',
  mismatch: '[−1, 1] targets with a sigmoid output, mapped back by (y + 1) / 2',
  code2: '2-unit bottleneck',
  code32: '32-unit bottleneck (wider than asked)',
  identity: 'no bottleneck: the model returns its input',
  linear: 'linear autoencoder (no ReLU, linear output)',
  best16: 'best 16-unit network we tried: 128 hidden, 200 epochs',
} as const;

/** Names of the convolutional exercise's variants the page and the exercise quote (keys of conv-variants.json). */
export const convVariantNames = {
  reference: 'reference',
  fewEpochs: 'too few epochs: 3',
  untrained: 'no training: 0 epochs',
  adam3: 'Adam 1e-3, same epochs',
  linearOutput: 'linear output (no sigmoid)',
  tanh: 'tanh output on [0, 1] pixels',
  code2: '2-unit code',
  code32: '32-unit code (wider than asked)',
  identity: 'no bottleneck: the model returns its input',
  moreEpochs: 'more epochs: 20',
  denseOnly: 'dense only, no convolutions: 784-32-16-32-784, same training',
  pooled: "max-pooling encoder (the lesson's measured network: stride-1 convolutions, then 2×2 max-pools)",
  best16: 'best 16-unit network we tried: 16/32 filters, 40 epochs',
} as const;

/** "a–b" over values, at d decimals (one value when they round alike). */
export function span(values: number[], d: number): string {
  const [lo, hi] = [Math.min(...values).toFixed(d), Math.max(...values).toFixed(d)];
  return lo === hi ? lo : `${lo}–${hi}`;
}
const mse = (name: keyof typeof variantNames) => span(variants[variantNames[name]]!.map((r) => r.heldoutMse), 4);
const convRatio = (name: keyof typeof convVariantNames) => span(convVariants[convVariantNames[name]]!.map((r) => r.mseOverPca), 2);
const convCpu = (name: keyof typeof convVariantNames) => median(convVariants[convVariantNames[name]]!.map((r) => r.cpuSeconds)).toFixed(1);
const linearAt = (k: number) => figures.linear.find((l) => l.k === k)!;
const rate = (lr: number) => figures.rates.find((r) => r.learningRate === lr)!;
const summary = rerun.summary as Record<string, { mean: number; min: number; max: number }>;
const fashionSummary = fashionRerun.summary as Record<string, { mean: number }>;
/** The median of `values`. */
export const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Every number the page shows, as the text it shows. */
export const lessonNumbers = {
  // The PyTorch re-run (reference/results/exp7_digits.json): MSE on the data it trained on.
  rerunEpochs: String(rerun.config.ae_epochs),
  rerun16Mse: summary.all10_ae16_recon_mse!.mean.toFixed(4),
  rerun2Mse: summary.all10_ae2_recon_mse!.mean.toFixed(3),
  // Linear autoencoders against PCA (autoencoder-figures.json).
  linearSteps: String(figures.linear[0]!.steps),
  linearKs: figures.linear.map((l) => l.k).join(', '),
  linearMaxAngle: Math.max(...figures.linear.map((l) => l.maxAngleDeg)).toFixed(1),
  linear16Mse: linearAt(16).autoencoderMse.toFixed(5),
  linearPca16Mse: linearAt(16).pcaMse.toFixed(5),
  linear2Mse: linearAt(2).autoencoderMse.toFixed(4),
  linearPca2Mse: linearAt(2).pcaMse.toFixed(4),
  // The figure's run (seed 1).
  pca2Mse: linearAt(2).pcaMse.toFixed(4),
  pca16Mse: linearAt(16).pcaMse.toFixed(4),
  ae16FigureMse: rate(1e-2).heldoutMse.toFixed(4),
  meanOnlyMse: figures.meanOnlyMse.toFixed(3),
  adam5FinalLoss: rate(1e-5).trainLoss.at(-1)!.toFixed(3),
  adam5FirstLoss: rate(1e-5).trainLoss[0]!.toFixed(3),
  adam3FinalLoss: rate(1e-3).trainLoss.at(-1)!.toFixed(4),
  adam2FinalLoss: rate(1e-2).trainLoss.at(-1)!.toFixed(4),
  rateEpochs: String(rate(1e-2).epochs),
  // The exercise's variants, seeds 1–5 (dense-variants.json).
  variantSeeds: String(variants[variantNames.reference]!.length),
  referenceMse: mse('reference'),
  pcaMse: span(variants[variantNames.reference]!.map((r) => r.pcaMse), 4),
  fewEpochsMse: mse('fewEpochs'),
  adam3Mse: mse('adam3'),
  adam5Mse: mse('adam5'),
  tanhMse: mse('tanh'),
  mismatchMse: mse('mismatch'),
  code2Mse: mse('code2'),
  code32Mse: mse('code32'),
  linearVariantMse: mse('linear'),
  best16Mse: mse('best16'),
  // The convolutional autoencoder on the 28×28 images as the lesson first measured it (conv-autoencoder.json: pooled, 1500 images).
  convParams: conv.config.params.toLocaleString('en-US'),
  convTrainN: String(conv.config.trainN),
  convEpochs: String(conv.epochs.length),
  convCpuPerEpoch: median(conv.epochs.map((e) => e.cpuSeconds)).toFixed(1),
  convHeldoutMse: conv.heldoutMse.toFixed(4),
  convPcaMse: conv.pcaMse.toFixed(4),
  // Its graded exercise (conv-variants.json, seeds 1–5): MSE ÷ PCA-16's, and CPU seconds per grading (median).
  convSeeds: String(convVariants[convVariantNames.reference]!.length),
  convFewEpochs: /\d+/.exec(convVariantNames.fewEpochs)![0],
  convRatio: convRatio('reference'),
  convGradingCpu: convCpu('reference'),
  convPooledRatio: convRatio('pooled'),
  convPooledCpu: convCpu('pooled'),
  convDenseOnlyRatio: convRatio('denseOnly'),
  convFewEpochsRatio: convRatio('fewEpochs'),
  fashionRerun16Mse: fashionSummary.all10_ae16_recon_mse!.mean.toFixed(4),
  fashionRerunEpochs: String(fashionRerun.config.ae_epochs),
};
