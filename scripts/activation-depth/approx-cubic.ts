/**
 * The noisy-cubic exercise of the universal-approximation lesson, y = x³ + noise·U(0, 1): its noise floor and the
 * spread of the best possible predictor's test MSE on the grader's own test sets. Used by scripts/measure-cubic.ts
 * and the unit tests (not by the browser figures: it imports the generator and its zod schema).
 */
import { cube, type CubicParams } from '../../graders/datasets/cubic.ts';
import { meanSquaredError } from '../../graders/metrics.ts';
import { cubicProblem } from '../../graders/problems/regression.ts';

/** The lowest test MSE any model can expect: the variance of noise·U(0, 1), noise²/12 (0.0075 for noise 0.3). */
export const noiseFloor = (noise: number): number => (noise * noise) / 12;

/** The best possible prediction, E[y | x] = x³ + noise/2: the noise's mean is part of the target. */
export const bayesPrediction = (x: number, noise: number): number => cube(x) + noise / 2;

/**
 * Standard deviation of the Bayes predictor's test MSE on n points. Its per-point error e = noise·(u − ½) is
 * uniform on ±a with a = noise/2; E[e²] = a²/3 and E[e⁴] = a⁴/5, so Var(e²) = a⁴/5 − a⁴/9 = 4a⁴/45, over n points.
 */
export function bayesMseSd(noise: number, n: number): number {
  const a = noise / 2;
  return Math.sqrt((4 * a ** 4) / 45 / n);
}

/** Test MSE of the Bayes predictor on the hidden test split the grader draws for `seed`. */
export function bayesCubicMse(p: CubicParams, seed: number): number {
  const { test } = cubicProblem.make(p, seed, {}).hidden;
  const pred = Float32Array.from(test.x, (x) => bayesPrediction(x, p.noise));
  return meanSquaredError(pred, test.y);
}

/** Mean, standard deviation (population), min and max. */
export function summary(values: number[]): { mean: number; sd: number; min: number; max: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { mean, sd, min: Math.min(...values), max: Math.max(...values) };
}
