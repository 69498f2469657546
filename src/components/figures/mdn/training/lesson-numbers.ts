/**
 * The numbers the "Training an MDN" lesson quotes, read from the files that measured them (no number is typed into
 * the page): the original's PyTorch re-run (reference/results/exp6_mdn.json), our tfjs runs of the original's
 * network at two learning rates (training-sweep.json), the figure's run (training-figure.json), and the exercise's
 * reference and wrong variants graded for real (train-variants.json, scripts/mdn/train-variants.ts).
 */
import rerun from '../../../../../reference/results/exp6_mdn.json';
import figure from './training-figure.json';
import sweepFile from './training-sweep.json';
import variantsFile from './train-variants.json';

/** One tfjs run of the original's network (scripts/mdn/training-figure.ts --sweep). */
export interface SweepRow {
  seed: number;
  learningRate: number;
  epochs: number;
  bestValEpoch: number;
  heldoutAtBestVal: number;
  bestHeldoutEpoch: number;
  bestHeldout: number;
  heldoutAtEnd: number;
  epochsToTarget: number | null;
}

/** One graded run of a variant (scripts/mdn/train-variants.ts). */
export interface VariantRow {
  seed: number;
  status: string;
  metrics: Record<string, number>;
  logs: string[];
}

export const sweep = sweepFile.sweep as SweepRow[];
export const variants = variantsFile.variants as unknown as Record<string, VariantRow[]>;

/** Names of the variants the page quotes (keys of train-variants.json). */
export const variantNames = {
  reference: 'reference (x/5, μ spread, Adam 3e-2, early stopping, patience 100, ≤ 600 epochs)',
  unscaled: "unscaled input (the original's)",
  muZero: "every μ starting near 0 (the original's initialisation)",
  fewEpochs: 'too few epochs: 100',
  kTwo: 'two components (k = 2)',
  kOne: 'a single Gaussian (k = 1)',
  mse: 'MSE-trained (the mixture mean Σ π·μ fitted to y)',
  relu: 'σ = relu(head): no floor, σ can reach 0',
} as const;

const f = (v: number, d: number) => v.toFixed(d);
/** "a–b" over values, at d decimals (one value when they round alike). */
export function span(values: number[], d: number): string {
  const [lo, hi] = [f(Math.min(...values), d), f(Math.max(...values), d)];
  return lo === hi ? lo : `${lo}–${hi}`;
}
const metric = (name: keyof typeof variantNames, m: string) => variants[variantNames[name]]!.map((r) => r.metrics[m]!);
const rows = (lr: number) => sweep.filter((r) => r.learningRate === lr);
const runs = rerun.runs;
const checkpoints = Object.keys(runs[0]!.mdn_stable_trajectory);

/** For each re-run seed, the checkpoint epoch with the lowest held-out NLL. */
export const rerunBestEpochs = runs.map((r) => {
  const t = r.mdn_stable_trajectory as Record<string, { heldout_nll: number }>;
  return Number(checkpoints.reduce((a, b) => (t[b]!.heldout_nll < t[a]!.heldout_nll ? b : a)));
});

/** The held-out NLL rows of the re-run's trajectory as a Markdown-free table body: per checkpoint, per seed. */
export const rerunTable = checkpoints.map((epoch) => ({
  epoch: Number(epoch),
  cells: runs.map((r) => {
    const c = (r.mdn_stable_trajectory as Record<string, { train_nll: number; heldout_nll: number }>)[epoch]!;
    return `${f(c.train_nll, 2)} / ${f(c.heldout_nll, 2)}`;
  }),
}));

const s = rerun.summary;
const best = figure.run.best;
const last = figure.run.snapshots.at(-1)!;
const slow = rows(1e-3), fast = rows(1e-2);
const reached = slow.filter((r) => r.epochsToTarget !== null);

/** "epoch 7500 on seeds 0 and 2, and epoch 5000 on seed 1". */
function bestEpochsText(): string {
  const by = new Map<number, number[]>();
  rerunBestEpochs.forEach((e, i) => by.set(e, [...(by.get(e) ?? []), runs[i]!.seed]));
  const and = (xs: (string | number)[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : String(xs[0]));
  return [...by].map(([e, seeds]) => `epoch ${e} on seed${seeds.length > 1 ? 's' : ''} ${and(seeds)}`).join(', and ');
}

export const trainingNumbers = {
  rerunSeeds: runs.length,
  rerunEpochs: rerun.config.mdn_epochs,
  rerunTime: f(s.mdn_stable_train_time_s.mean, 1),
  rerunNll: f(s.mdn_stable_heldout_nll.mean, 2),
  rerunNllRange: `${f(s.mdn_stable_heldout_nll.min, 2)}–${f(s.mdn_stable_heldout_nll.max, 2)}`,
  rerunTrainNllRange: `${f(s.mdn_stable_train_nll.min, 2)}–${f(s.mdn_stable_train_nll.max, 2)}`,
  rerunCoverage: `${f(s.mdn_stable_coverage90.min, 2)}–${f(s.mdn_stable_coverage90.max, 2)}`,
  rerunWidth: f(s.mdn_stable_mean_interval_width90.mean, 1),
  rerunMeanMse: f(s.mdn_stable_mixture_mean_mse.mean, 1),
  rerunMlpMse: f(s.mlp_inverse_heldout_mse.mean, 1),
  /** "epoch 7500 on 2 of 3 seeds and 5000 on the other" style facts, as numbers. */
  rerunBestText: bestEpochsText(),
  sweepSeeds: `${Math.min(...sweep.map((r) => r.seed))}–${Math.max(...sweep.map((r) => r.seed))}`,
  slowEpochs: slow[0]!.epochs,
  /** When the original's rate got to the NLL 1.75, in words (on how many seeds, after how many epochs). */
  slowReachedText: reached.length
    ? `reached a held-out NLL of 1.75 on ${reached.length} of ${slow.length} data seeds, after ${span(reached.map((r) => r.epochsToTarget!), 0)} epochs`
    : `did not reach a held-out NLL of 1.75 within ${slow[0]!.epochs} epochs on any of ${slow.length} data seeds`,
  fastReachedText: (() => {
    const r = fast.filter((x) => x.epochsToTarget !== null);
    return r.length ? `reached 1.75 on ${r.length} of ${fast.length} seeds, after ${span(r.map((x) => x.epochsToTarget!), 0)} epochs` : `did not reach 1.75 on any of ${fast.length} seeds`;
  })(),
  slowBestHeldout: span(slow.map((r) => r.bestHeldout), 2),
  /** On how many seeds the original's rate was still improving the held-out NLL at its last epoch. */
  slowStillFalling: slow.filter((r) => r.bestHeldoutEpoch === r.epochs).length,
  fastEpochs: fast[0]!.epochs,
  fastBestValEpoch: span(fast.map((r) => r.bestValEpoch), 0),
  fastHeldoutAtBestVal: span(fast.map((r) => r.heldoutAtBestVal), 2),
  fastHeldoutAtEnd: span(fast.map((r) => r.heldoutAtEnd), 2),
  figureSeed: figure.run.seed,
  figureBestEpoch: best.epoch,
  figureBestNll: f(best.heldoutNll, 2),
  figureBestCoverage: f(100 * best.coverage, 1),
  figureLastEpoch: last.epoch,
  figureLastNll: f(last.heldoutNll, 2),
  figureLastCoverage: f(100 * last.coverage, 1),
  figureLastTrain: f(figure.run.trajectory.train.at(-1)!, 2),
  trueNll: f(figure.run.trueNll, 2),
  referenceNll: span(metric('reference', 'heldoutNll'), 2),
  referenceExcess: span(metric('reference', 'excessNll'), 2),
  referenceCoverage: span(metric('reference', 'coverage'), 3),
  referenceBestEpochs: span(variants[variantNames.reference]!.map((r) => Number(/at epoch (\d+)/.exec(r.logs.join(' '))?.[1])), 0),
  unscaledNll: span(metric('unscaled', 'heldoutNll'), 2),
  muZeroNll: span(metric('muZero', 'heldoutNll'), 2),
  muZeroExcess: span(metric('muZero', 'excessNll'), 2),
  fewEpochsExcess: span(metric('fewEpochs', 'excessNll'), 2),
  kOneExcess: span(metric('kOne', 'excessNll'), 2),
  kTwoExcess: span(metric('kTwo', 'excessNll'), 2),
  kOneNll: span(metric('kOne', 'heldoutNll'), 2),
  kOneCoverage: span(metric('kOne', 'coverage'), 2),
  kOneWidth: span(metric('kOne', 'intervalWidth'), 0),
  referenceWidth: span(metric('reference', 'intervalWidth'), 1),
  /** On how many seeds the relu σ head stopped with a NaN loss. */
  reluSeeds: variants[variantNames.relu]!.filter((r) => r.status === 'error').length,
  mseNll: span(metric('mse', 'heldoutNll'), 1),
  mseCoverage: span(metric('mse', 'coverage'), 2),
  mseMeanMse: span(metric('mse', 'mixtureMeanMse'), 1),
};
