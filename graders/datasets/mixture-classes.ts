/**
 * The mixture classifier's data (issue 12): each class an equal-weight mixture of a random number of random
 * clusters (graders/mixtures/random-mixture.ts), so the classes interleave and the best any classifier can do, the
 * Bayes-optimal accuracy, is well below 100 % and varies with the seed. The mixtures come back with the data: the
 * grader needs them for that Bayes accuracy.
 */
import { z } from 'zod';
import type { DiagonalGmm } from '../mixtures/gmm.ts';
import { randomClassMixtures } from '../mixtures/random-mixture.ts';
import { sampleGmm } from '../mixtures/sample.ts';
import { makeRng, type GradingSeed } from '../rng.ts';
import { shuffledOrder } from './shuffle.ts';
import type { Dataset, Split } from './types.ts';

/** Parameters of the mixture-classes generator. */
export const mixtureClassesParams = z
  .object({
    classes: z.number().int().min(2).max(20).describe('Number of classes, one random mixture each.'),
    minComponents: z.number().int().min(1).describe('Fewest clusters in a class\'s mixture (the count is drawn uniformly, and not told to the learner).'),
    maxComponents: z.number().int().min(1).max(64).describe('Most clusters in a class\'s mixture.'),
    dims: z.number().int().min(1).max(16).describe('Input dimensions (2 for plots).'),
    trainPerClass: z.number().int().positive().describe('Training points per class.'),
    testPerClass: z.number().int().positive().describe('Hidden validation points per class, drawn fresh; several thousand in all, so the accuracy ratio is not noise.'),
  })
  .strict()
  .refine((p) => p.minComponents <= p.maxComponents, { message: 'minComponents must not exceed maxComponents' });
export type MixtureClassesParams = z.infer<typeof mixtureClassesParams>;

/** n points per class from each class's mixture, rows shuffled so classes are mixed. */
function sampleClasses(mixtures: DiagonalGmm[], perClass: number, d: number, seed: GradingSeed, stream: string): Split {
  const rng = makeRng(seed, stream);
  const classes = mixtures.length, n = perClass * classes;
  const perClassX = mixtures.map((g) => sampleGmm(g, perClass, rng).x);
  const order = shuffledOrder(n, rng);
  const x = new Float32Array(n * d), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = order[i]! % classes, row = Math.floor(order[i]! / classes);
    y[i] = c;
    x.set(perClassX[c]!.subarray(row * d, (row + 1) * d), i * d);
  }
  return { x, y, n, features: d, classes };
}

/** The class mixtures and the train and hidden validation splits, each from its own stream of the seed. */
export function mixtureClasses(p: MixtureClassesParams, seed: GradingSeed): Dataset & { mixtures: DiagonalGmm[] } {
  const mixtures = randomClassMixtures(makeRng(seed, 'mixture-classes/mixtures'), p.classes, p.minComponents, p.maxComponents, p.dims);
  return {
    mixtures,
    train: sampleClasses(mixtures, p.trainPerClass, p.dims, seed, 'mixture-classes/train'),
    test: sampleClasses(mixtures, p.testPerClass, p.dims, seed, 'mixture-classes/test'),
  };
}
