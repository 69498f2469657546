/** The generators of the Mixture density networks module (issue 13): the forward/inverse regression, the MDN loss, training an MDN, sampling from one. */
import { mdnTrainProblem } from './mdn-train.ts';

/** By the name an exercise.yaml gives under `data.generator`. */
export const mdnGenerators = {
  mdnTrain: mdnTrainProblem,
} as const;
