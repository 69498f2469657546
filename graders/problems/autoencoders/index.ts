/** The generators of the Autoencoders & dimensionality reduction module (issue 14), on the shipped digits (graders/datasets/digits.ts). */
import { denseAutoencoderProblem } from './dense-autoencoder.ts';

/** By the name an exercise.yaml gives under `data.generator`, in the order of the module's exercises. */
export const autoencodersGenerators = {
  denseAutoencoder: denseAutoencoderProblem,
} as const;
