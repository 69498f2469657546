/**
 * The spiral's network at ten times the reference's learning rate (2 → 100 → 3, Adam 0.01, 1000 full-batch
 * epochs), as the spiral and "Why non-linearity" lessons quote it, formatted from relu-lr-0.01.json,
 * sigmoid-lr-0.01.json and tanh-lr-0.01.json (each written by `scripts/measure-spiral.ts grade --act <act> --lr 0.01
 * --seeds 1-5 --json …`). Both pages render these strings, so they
 * cannot disagree and nobody types a measured number.
 */
import measured from './relu-lr-0.01.json';
import sigmoidMeasured from './sigmoid-lr-0.01.json';
import tanhMeasured from './tanh-lr-0.01.json';

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
  /** "0.9973–0.9990": lowest and highest test accuracy to 4 decimals. */
  range: string;
  /** "99.7%–99.9%": the same range in percent, to 1 decimal (one number when both ends round alike). */
  percent: string;
  /** "1–5": the seeds. */
  seeds: string;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** The lessons' strings for graded runs on consecutive seeds. */
export function accuracyText(runs: GradedRun[]): AccuracyText {
  const acc = runs.map((r) => r.testAccuracy);
  const lo = Math.min(...acc), hi = Math.max(...acc);
  const seeds = runs.map((r) => r.seed);
  return {
    mean: (acc.reduce((a, b) => a + b, 0) / acc.length).toFixed(3),
    range: `${lo.toFixed(4)}–${hi.toFixed(4)}`,
    percent: pct(lo) === pct(hi) ? pct(lo) : `${pct(lo)}–${pct(hi)}`,
    seeds: `${Math.min(...seeds)}–${Math.max(...seeds)}`,
  };
}

/** The measurement itself (provenance, the change to the reference, one entry per seed). */
export const fastReluRuns = measured;
/** What the lessons print. */
export const fastRelu = accuracyText(measured.runs);
/** The same change with sigmoid and with tanh units (the spiral lesson compares all three). */
export const fastSigmoidRuns = sigmoidMeasured;
export const fastTanhRuns = tanhMeasured;
export const fastSigmoid = accuracyText(sigmoidMeasured.runs);
export const fastTanh = accuracyText(tanhMeasured.runs);
