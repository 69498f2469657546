/**
 * The Bayes-optimal classifier of the mixture classifier exercise: with the true per-class mixtures known, predict
 * argmax_c log P(c) + log p(x | c). No classifier can beat its accuracy on average, so the exercise bounds the
 * learner's accuracy as a ratio to it (it ranges from about 61 % to 88 % across data seeds).
 */
import type { DiagonalGmm } from './gmm.ts';
import { gmmLogDensity } from './log-density.ts';

/**
 * log p(x_i | c) for every point and class: row-major n×classes (the learner's "logits", if it models each class
 * with a mixture).
 */
export function classLogDensities(classes: DiagonalGmm[], x: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * classes.length);
  classes.forEach((g, c) => gmmLogDensity(g, x, n).forEach((v, i) => (out[i * classes.length + c] = v)));
  return out;
}

/** The most probable class of each point under the true mixtures and class priors (equal priors if omitted). */
export function bayesPredict(classes: DiagonalGmm[], x: ArrayLike<number>, n: number, priors?: number[]): Int32Array {
  const k = classes.length;
  const logPrior = classes.map((_, c) => Math.log(priors ? priors[c]! : 1 / k));
  const ld = classLogDensities(classes, x, n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (ld[i * k + c]! + logPrior[c]! > ld[i * k + best]! + logPrior[best]!) best = c;
    out[i] = best;
  }
  return out;
}
