/**
 * The spiral exercise's network graded on many seeds, as the spiral, "Why non-linearity" and "Vanishing gradients"
 * lessons and the exercise's bounds quote it. Each JSON file beside this one is written by
 * `scripts/measure-spiral.ts grade --act <act> [--lr R] [--tfjs-init] --seeds … --json <file>` (its provenance record
 * names the exact command): the reference solution changed only as its `change` record says, graded as the grader
 * grades. The pages render the strings below, so they cannot disagree and nobody types a measured number.
 */
import reluMeasured from './relu-lr-0.001.json';
import tanhMeasured from './tanh-lr-0.001.json';
import sigmoidMeasured from './sigmoid-lr-0.001.json';
import reluTfjsMeasured from './relu-tfjs-init.json';
import tanhTfjsMeasured from './tanh-tfjs-init.json';
import fastReluMeasured from './relu-lr-0.01.json';
import fastSigmoidMeasured from './sigmoid-lr-0.01.json';
import fastTanhMeasured from './tanh-lr-0.01.json';
import rerun from '../../../../../reference/results/exp2_spiral.json';
import probeRelu from './probe-relu.json';
import probeTanh from './probe-tanh.json';
import probeSigmoid from './probe-sigmoid.json';

/** One graded seed, as the script writes it. */
export interface GradedRun {
  seed: number;
  status: string;
  testAccuracy: number;
  testCrossEntropy: number;
}

/** The strings the lessons show for a set of graded runs. */
export interface AccuracyText {
  /** "0.998": the mean test accuracy to 3 decimals. */
  mean: string;
  /** "95%": the mean test accuracy in whole percent. */
  about: string;
  /** "0.9973–0.9990": lowest and highest test accuracy to 4 decimals. */
  range: string;
  /** "0.937–0.966": the same to 3 decimals. */
  range3: string;
  /** "99.7%–99.9%": the same range in percent, to 1 decimal (one number when both ends round alike). */
  percent: string;
  /** "0.159–0.208": lowest and highest test cross-entropy (nats) to 3 decimals. */
  crossEntropy: string;
  /** "1–5": the seeds. */
  seeds: string;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
/** A mean accuracy string ("0.995") as a percent to one decimal ("99.5%"), or whole ("51%") when it ends in 0. */
export const percentOfMean = (mean: string): string => `${Number((100 * Number(mean)).toFixed(1))}%`;

/** The lessons' strings for graded runs on consecutive seeds. */
export function accuracyText(runs: GradedRun[]): AccuracyText {
  const acc = runs.map((r) => r.testAccuracy), ce = runs.map((r) => r.testCrossEntropy);
  const lo = Math.min(...acc), hi = Math.max(...acc);
  const seeds = runs.map((r) => r.seed);
  return {
    mean: (acc.reduce((a, b) => a + b, 0) / acc.length).toFixed(3),
    about: `${Math.round((100 * acc.reduce((a, b) => a + b, 0)) / acc.length)}%`,
    range: `${lo.toFixed(4)}–${hi.toFixed(4)}`,
    range3: `${lo.toFixed(3)}–${hi.toFixed(3)}`,
    percent: pct(lo) === pct(hi) ? pct(lo) : `${pct(lo)}–${pct(hi)}`,
    crossEntropy: `${Math.min(...ce).toFixed(3)}–${Math.max(...ce).toFixed(3)}`,
    seeds: `${Math.min(...seeds)}–${Math.max(...seeds)}`,
  };
}

/** The exercise's recipe (Adam 0.001, 1000 full-batch epochs, PyTorch-style init) with each activation. */
export const recipeRuns = { relu: reluMeasured, tanh: tanhMeasured, sigmoid: sigmoidMeasured };
export const recipe = { relu: accuracyText(reluMeasured.runs), tanh: accuracyText(tanhMeasured.runs), sigmoid: accuracyText(sigmoidMeasured.runs) };
/** The same recipe with tfjs's default initialisers (Glorot-uniform weights, zero biases): what hint 2's code trains. */
export const tfjsInitRuns = { relu: reluTfjsMeasured, tanh: tanhTfjsMeasured };
export const tfjsInit = { relu: accuracyText(reluTfjsMeasured.runs), tanh: accuracyText(tanhTfjsMeasured.runs) };

/** The ReLU network at ten times the learning rate (Adam 0.01), seeds 1–5. */
export const fastReluRuns = fastReluMeasured;
/** What the lessons print. */
export const fastRelu = accuracyText(fastReluMeasured.runs);
/** The same change with sigmoid and with tanh units (the spiral lesson compares all three). */
export const fastSigmoidRuns = fastSigmoidMeasured;
export const fastTanhRuns = fastTanhMeasured;
export const fastSigmoid = accuracyText(fastSigmoidMeasured.runs);
export const fastTanh = accuracyText(fastTanhMeasured.runs);
/** The lowest test accuracy of the three at learning rate 0.01, rounded down to 2 decimals: "all three reach at least …". */
export const fastLowest = (Math.floor(100 * Math.min(...[fastReluMeasured, fastSigmoidMeasured, fastTanhMeasured].flatMap((m) => m.runs.map((r) => r.testAccuracy)))) / 100).toFixed(2);

/**
 * The exercise's bounds as the lesson states them (exercises/04-activation-depth/05-spiral/exercise.yaml; the lesson's
 * test checks they agree).
 */
export const bounds = { minAccuracy: '0.89', maxCrossEntropy: '0.26' };

// The PyTorch re-run of the original lesson (reference/results/exp2_spiral.json, 3 seeds, the same spiral).
type RerunKey = keyof (typeof rerun.summary);
const rerunText = (key: RerunKey) => {
  const s = rerun.summary[key] as { mean: number; min: number; max: number };
  return { mean: s.mean.toFixed(3), range3: `${s.min.toFixed(3)}–${s.max.toFixed(3)}`, percent: `${(100 * s.min).toFixed(1)}%–${(100 * s.max).toFixed(1)}%` };
};
/** Held-out accuracy of each network in the re-run: mean and range over its seeds. */
export const pytorchRerun = {
  seeds: String(rerun.config.seeds.length),
  linear: rerunText('a_linear_heldout_acc'),
  linearTrain: rerunText('a_linear_final_train_acc'),
  relu: rerunText('b_relu_heldout_acc'),
  tanh: rerunText('c_tanh_heldout_acc'),
  sigmoid: rerunText('c_sigmoid_heldout_acc'),
};


/** One probe record: the hidden pre-activations z = x·W₁ + b₁ on the training points at one moment. */
interface Probe {
  when: string;
  meanAbsZ: number;
  maxAbsZ: number;
  shareOver1: number;
  shareOver2_5: number;
  maxAbsW1: number;
}
const share = (v: number) => (v === 0 ? '0%' : v < 0.01 ? `${(100 * v).toFixed(2)}%` : v < 0.1 ? `${(100 * v).toFixed(1)}%` : `${Math.round(100 * v)}%`);
const probeRow = (p: Probe) => ({ meanAbsZ: p.meanAbsZ.toFixed(2), maxAbsZ: p.maxAbsZ.toFixed(2), over1: share(p.shareOver1), within1: share(1 - p.shareOver1), over2_5: share(p.shareOver2_5), maxW: p.maxAbsW1.toFixed(2) });
const probes = (m: { runs: { probe?: unknown }[] }) => m.runs[0]!.probe as Probe[];
/** The spiral lesson's pre-activation table: seed 1 at initialisation (shared by the three) and after training. */
export const preactivations = {
  seed: String(probeRelu.runs[0]!.seed),
  init: probeRow(probes(probeRelu)[0]!),
  relu: probeRow(probes(probeRelu)[1]!),
  tanh: probeRow(probes(probeTanh)[1]!),
  sigmoid: probeRow(probes(probeSigmoid)[1]!),
};
/** The probe runs themselves (the test checks the three start from the same weights). */
export const probeRuns = { relu: probeRelu, tanh: probeTanh, sigmoid: probeSigmoid };
