/** The generators of the Start here section (module 0): the training loop written by hand. */
import { trainingLoopProblem } from './training-loop.ts';

/** By the name an exercise.yaml gives under `data.generator`. */
export const startHereGenerators = {
  trainingLoop: trainingLoopProblem,
} as const;
