/**
 * The numbers the softmax-blobs lesson quotes about `model.fit` against a `tf.tidy` + `optimizer.minimize` loop,
 * formatted from training-loop.json (written by scripts/activation-depth/measure-training-loop.ts). The page
 * renders these strings, so rerunning the script changes the page and nobody types a measured number.
 */
import measured from './training-loop.json';

/** CPU seconds of one variant over the runs. */
interface CpuSeconds {
  median: number;
  min: number;
  max: number;
}

/** One exercise's comparison, as the script writes it. */
export interface LoopComparison {
  exercise: string;
  epochs: number;
  variants: { name: string; cpuSeconds: CpuSeconds }[];
  /** Median loop CPU seconds / median fit CPU seconds: below 1, the loop is faster. */
  ratio: number;
  metricsIdentical: boolean;
  maxMetricDifference: number;
}

/** The strings the lesson shows for one exercise. */
export interface LoopText {
  /** "0.72×": the loop's CPU time as a multiple of fit's. */
  ratio: string;
  /** "28 %": how much less CPU time the loop takes (negative would mean more). */
  saved: string;
  /** "0.58 s": fit's median CPU seconds for a whole graded run. */
  fitSeconds: string;
  /** "0.42 s": the loop's median CPU seconds. */
  loopSeconds: string;
  /** "0.55 ms": fit's extra CPU time per training step (difference of the medians over the steps). */
  extraPerStep: string;
  /** The training steps (full-batch epochs) of the run. */
  epochs: number;
}

const seconds = (s: number) => `${s.toFixed(s < 10 ? 2 : 1)} s`;

/** The lesson's strings for one measured comparison. */
export function loopText(c: LoopComparison): LoopText {
  return {
    ratio: `${c.ratio.toFixed(2)}×`,
    saved: `${Math.round((1 - c.ratio) * 100)} %`,
    fitSeconds: seconds(c.variants[0]!.cpuSeconds.median),
    loopSeconds: seconds(c.variants[1]!.cpuSeconds.median),
    extraPerStep: `${((1000 * (c.variants[0]!.cpuSeconds.median - c.variants[1]!.cpuSeconds.median)) / c.epochs).toFixed(2)} ms`,
    epochs: c.epochs,
  };
}

/** The measurement as checked in. */
export const trainingLoop = measured;

/** The lesson's strings for the blobs and the spiral, from the checked-in measurement. */
export const blobsLoop = loopText(measured.exercises.blobs);
export const spiralLoop = loopText(measured.exercises.spiral);
