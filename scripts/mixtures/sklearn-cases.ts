/**
 * The data of the scikit-learn cross-check (sklearn.json): per seed, a fitting-exercise mixture (4 components, 2-D)
 * and 2000 points drawn from it, and one point 50 standard deviations from every component. Built from seeds, so
 * the fixture stores only scikit-learn's numbers.
 */
import { randomFitMixture } from '../../graders/mixtures/random-mixture.ts';
import { sampleGmm } from '../../graders/mixtures/sample.ts';
import { makeRng } from '../../graders/rng.ts';

export const sklearnSeeds = [1, 2, 3];

/** The mixtures and points scripts/mixtures/sklearn-points.ts prints for scikit-learn. */
export function sklearnCheckCases() {
  return sklearnSeeds.map((seed) => {
    const gmm = randomFitMixture(makeRng(seed, 'sklearn-check/mixture'), 4, 2);
    const { x } = sampleGmm(gmm, 2000, makeRng(seed, 'sklearn-check/points'));
    // (60, −60) is ≥ 50 sd from every component (|μ| ≲ 4, σ ≤ 0.5): exp-then-log gives −Infinity there.
    return { seed, gmm, x, far: [60, -60] };
  });
}
