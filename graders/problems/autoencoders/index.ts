/** The generators of the Autoencoders & dimensionality reduction module (issue 14), on the shipped digits (graders/datasets/digits.ts). */
import { miniBatchKMeansProblem } from './mini-batch-kmeans.ts';

/** By the name an exercise.yaml gives under `data.generator`, in the order of the module's exercises. */
export const autoencodersGenerators = {
  miniBatchKMeans: miniBatchKMeansProblem,
} as const;
