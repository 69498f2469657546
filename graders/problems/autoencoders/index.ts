/** The generators of the Autoencoders & dimensionality reduction module (issue 14), on the shipped digits (graders/datasets/digits.ts). */
import { tsneProblem } from './tsne.ts';

/** By the name an exercise.yaml gives under `data.generator`, in the order of the module's exercises. */
export const autoencodersGenerators = {
  tsne: tsneProblem,
} as const;
