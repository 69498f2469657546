/**
 * The softmax-blobs lesson's learning-rate table and its numbers about the original PyTorch code, as the text the
 * page shows: our measurement (learning-rates.json, written by scripts/activation-depth/blobs-learning-rates.ts: the
 * reference solution at each rate, graded on seeds 1–6) and the PyTorch re-run of the original
 * (reference/results/exp1_blobs.json). No number is typed into the page.
 */
import rerun from '../../../../../reference/results/exp1_blobs.json';
import measured from './learning-rates.json';

/** One graded seed at one rate, as the script writes it (null: not a finite number, the run diverged). */
export interface RateRun {
  seed: number;
  status: string;
  testAccuracy: number | null;
  testCrossEntropy: number | null;
  trainLossHalfway: number | null;
  trainLossEnd: number | null;
}

/** What each rate does, in the table's last column; tests/unit/lessons/softmax-blobs.test.ts checks each against the runs. */
export const whatHappens: Record<number, string> = {
  0.003: 'far too slow: the training loss is still falling fast at epoch 300',
  0.01: 'slow: still learning at epoch 300; accuracy is there, confidence not yet',
  0.1: 'the reference: the loss has nearly stopped falling by epoch 150',
  1: 'also fine on this easy problem',
  3: 'steps overshoot: the loss jumps, in some runs higher at the end than half-way',
  10: 'diverges: huge confident mistakes, the loss stuck far above chance level',
};

const finite = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null && Number.isFinite(x));
/** "a–b" at `d` decimals (one number when both ends round alike). */
const span = (xs: (number | null)[], d: number) => {
  const [lo, hi] = [Math.min(...finite(xs)).toFixed(d), Math.max(...finite(xs)).toFixed(d)];
  return lo === hi ? lo : `${lo}–${hi}`;
};

/** One table row per learning rate. */
export const rateRows = measured.rates.map(({ learningRate, runs }) => ({
  learningRate: String(learningRate),
  passed: `${runs.filter((r) => r.status === 'passed').length} of ${runs.length}`,
  accuracy: span(runs.map((r) => r.testAccuracy), 3),
  crossEntropy: span(runs.map((r) => r.testCrossEntropy), 2),
  what: whatHappens[learningRate]!,
}));

const runsAt = (lr: number) => measured.rates.find((r) => r.learningRate === lr)!.runs as RateRun[];
const seeds = measured.rates[0]!.runs.map((r) => r.seed);
const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)} %`;
/** The seeds' test accuracies at one epoch of the re-run's curve. */
const curve = rerun.runs.flatMap((r) => Object.entries(r.curve).map(([epoch, c]) => ({ epoch: Number(epoch), ...c })));
/** From this epoch on the re-run's training loss is below 0.35: trained, and only the test score still moves. */
export const settledEpoch = 100;
const settled = curve.filter((c) => c.epoch >= settledEpoch).map((c) => c.test_acc);
const testSize = Number(/n_test=(\d+)/.exec(rerun.config.data)![1]);

/** Every number the learning-rate section and the notes on the original show, as text. */
export const blobsRates = {
  seeds: `${Math.min(...seeds)}–${Math.max(...seeds)}`,
  epochs: String(measured.epochs),
  measured: measured.provenance.measured,
  command: measured.provenance.command,
  /** Learning rate 0.01: how many seeds pass, its accuracy and the cross-entropy of the seeds that fail. */
  slowPassed: rateRows.find((r) => r.learningRate === '0.01')!.passed,
  slowAccuracy: span(runsAt(0.01).map((r) => r.testAccuracy), 3),
  slowFailedCrossEntropy: span(runsAt(0.01).filter((r) => r.status !== 'passed').map((r) => r.testCrossEntropy), 2),
  ceMax: String(measured.bounds.testCrossEntropy.max),
  /** Learning rate 10: its best accuracy, in percent, and its cross-entropy. */
  wildBestAccuracy: `${Math.round(100 * Math.max(...finite(runsAt(10).map((r) => r.testAccuracy))))}%`,
  wildCrossEntropy: span(runsAt(10).map((r) => r.testCrossEntropy), 1),
};

/** The PyTorch re-run of the original (reference/results/exp1_blobs.json). */
export const original = {
  epochs: String(rerun.config.epochs),
  testSize: String(testSize),
  onePoint: pct(1 / testSize),
  seeds: String(rerun.runs.length),
  settledEpoch: String(settledEpoch),
  /** Test accuracy over the epochs from settledEpoch on, all seeds: "87.5–92.5 %". */
  epochRange: `${pct(Math.min(...settled)).replace(' %', '')}–${pct(Math.max(...settled))}`,
  spreadSeeds: '20',
  /** Final test accuracy over 20 initialisation seeds: "78–93 %". */
  spreadRange: `${pct(rerun.spread_20_seeds.test_acc.min, 0).replace(' %', '')}–${pct(rerun.spread_20_seeds.test_acc.max, 0)}`,
};
