/**
 * The random mixtures of issue 12, drawn from a seeded generator so a seed (or a secret) fixes them: the fitting
 * exercises' 4-component mixture and the classifier's per-class mixtures. The distributions follow the PyTorch
 * re-runs in the reference experiments (exp4_gmm_density.py, exp5_gmm_classifier.py), so their measured NLLs and
 * Bayes accuracies describe these mixtures too.
 */
import type { Rng } from '../rng.ts';
import type { DiagonalGmm } from './gmm.ts';

/**
 * A fitting-exercise mixture: means ~ N(0, I), stds (U(0,1) + 1)·0.25 per dimension (0.25 … 0.5), weights U(0,1)
 * normalised to sum to 1 (as torch's Categorical(rand(k)) does).
 */
export function randomFitMixture(rng: Rng, k: number, d: number): DiagonalGmm {
  const raw = Array.from({ length: k }, () => rng.uniform());
  const total = raw.reduce((a, b) => a + b, 0);
  return {
    weights: raw.map((w) => w / total),
    means: Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal())),
    stds: Array.from({ length: k }, () => Array.from({ length: d }, () => (rng.uniform() + 1) * 0.25)),
  };
}

/**
 * One class of the classifier exercise: an equal-weight mixture of k clusters, means ~ N(0, I), per-dimension
 * stds U(0,1)·0.35 + 0.05 (0.05 … 0.4).
 */
export function randomClassMixture(rng: Rng, k: number, d: number): DiagonalGmm {
  return {
    weights: Array<number>(k).fill(1 / k),
    means: Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal())),
    stds: Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform() * 0.35 + 0.05)),
  };
}

/** One mixture per class, each with a cluster count drawn uniformly from minK … maxK (inclusive). */
export function randomClassMixtures(rng: Rng, classes: number, minK: number, maxK: number, d: number): DiagonalGmm[] {
  return Array.from({ length: classes }, () => randomClassMixture(rng, minK + rng.int(maxK - minK + 1), d));
}
