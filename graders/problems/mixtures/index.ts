/** The generators of the Mixtures module (issue 12): the mixture log-density, fitting a mixture (by any method, and by EM), the mixture classifier, sampling. */
import { gmmClassifierProblem } from './gmm-classifier.ts';
import { gmmEmProblem } from './gmm-em.ts';
import { gmmFitProblem } from './gmm-fit.ts';
import { gmmLogDensityProblem } from './gmm-log-density.ts';
import { mixtureSamplingProblem } from './mixture-sampling.ts';

/** By the name an exercise.yaml gives under `data.generator`. */
export const mixturesGenerators = {
  gmmLogDensity: gmmLogDensityProblem,
  gmmFit: gmmFitProblem,
  gmmClassifier: gmmClassifierProblem,
  mixtureSampling: mixtureSamplingProblem,
  gmmEm: gmmEmProblem,
} as const;
