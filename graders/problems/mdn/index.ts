/** The generators of the Mixture density networks module (issue 13): the forward/inverse regression, the MDN loss, training an MDN, sampling from one. */

import { sinusoidRegressionProblem } from './sinusoid-regression.ts';

/** By the name an exercise.yaml gives under `data.generator`. */
export const mdnGenerators = {
  sinusoidRegression: sinusoidRegressionProblem,
} as const;
