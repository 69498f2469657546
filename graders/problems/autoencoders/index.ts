/** The generators of the Autoencoders & dimensionality reduction module (issue 14), on the shipped digits (graders/datasets/digits.ts). */
import { convAutoencoderProblem, denseAutoencoderProblem } from './autoencoder.ts';
import { digitClusteringProblem } from './digit-clustering.ts';
import { kernelPcaProblem } from './kernel-pca.ts';
import { miniBatchKMeansProblem } from './mini-batch-kmeans.ts';
import { pcaProblem } from './pca.ts';
import { tsneProblem } from './tsne.ts';

/** By the name an exercise.yaml gives under `data.generator`, in the order of the module's exercises. */
export const autoencodersGenerators = {
  pca: pcaProblem,
  kernelPca: kernelPcaProblem,
  tsne: tsneProblem,
  miniBatchKMeans: miniBatchKMeansProblem,
  denseAutoencoder: denseAutoencoderProblem,
  convAutoencoder: convAutoencoderProblem,
  digitClustering: digitClusteringProblem,
} as const;
