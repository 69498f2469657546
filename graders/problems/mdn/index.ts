/** The generators of the Mixture density networks module (issue 13): the forward/inverse regression, the MDN loss, training an MDN, sampling from one. */
import { mdnNllProblem } from './mdn-nll.ts';
import { mdnSamplingProblem } from './mdn-sampling.ts';
import { mdnTrainProblem } from './mdn-train.ts';
import { sinusoidRegressionProblem } from './sinusoid-regression.ts';

/** By the name an exercise.yaml gives under `data.generator`, in the order of the module's exercises. */
export const mdnGenerators = {
  sinusoidRegression: sinusoidRegressionProblem,
  mdnNll: mdnNllProblem,
  mdnTrain: mdnTrainProblem,
  mdnSampling: mdnSamplingProblem,
} as const;
