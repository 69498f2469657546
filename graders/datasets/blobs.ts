import { makeRng, type GradingSeed } from '../rng.ts';
import type { Dataset, Split } from './types.ts';
import { z } from 'zod';
import { shuffledOrder } from './shuffle.ts';
import { applyClassVariant, classVariant, type PageRule } from './secret-variant.ts';

/** Parameters of the Gaussian-blobs generator (like scikit-learn's make_blobs with fixed centres). */
export const blobsParams = z
  .object({
    centers: z.array(z.array(z.number()).min(1)).min(2).describe('Centre of each blob; one blob per class.'),
    std: z.number().positive().describe('Standard deviation of every blob along each axis (cluster_std): larger means wider, more overlapping blobs.'),
    trainPerClass: z.number().int().positive().describe('Training points per class.'),
    testPerClass: z.number().int().positive().describe('Hidden test points per class.'),
  })
  .strict()
  .refine((p) => p.centers.every((c) => c.length === p.centers[0]!.length), {
    message: 'every centre needs the same number of coordinates',
  });
export type BlobsParams = z.infer<typeof blobsParams>;

function sampleBlobs(p: BlobsParams, perClass: number, seed: GradingSeed, stream: string): Split {
  const rng = makeRng(seed, stream);
  const classes = p.centers.length;
  const features = p.centers[0]!.length;
  const n = perClass * classes;
  const x = new Float32Array(n * features);
  const y = new Int32Array(n);
  // Shuffled class order, so mini-batches are mixed even if a learner forgets to shuffle.
  const order = shuffledOrder(n, rng);
  for (let i = 0; i < n; i++) {
    const k = order[i]! % classes;
    y[i] = k;
    for (let f = 0; f < features; f++) x[i * features + f] = p.centers[k]![f]! + p.std * rng.normal();
  }
  return { x, y, n, features, classes };
}

/** The page's rule, nearest given centre; a variant must leave no centre nearest to the page centre of its label. */
function nearestCentre(p: BlobsParams): PageRule {
  const classify = (x: number, y: number) => {
    let best = 0, bestD = Infinity;
    p.centers.forEach(([cx, cy], k) => {
      const d = (x - cx!) ** 2 + (y - cy!) ** 2;
      if (d < bestD) [best, bestD] = [k, d];
    });
    return best;
  };
  return { classify, probes: p.centers.map(([x, y], label) => ({ x: x!, y: y!, label })), maxProbeAccuracy: 0 };
}

/**
 * Train and hidden test splits drawn from independent streams of one seed; under a secret, turned and relabelled
 * (secret-variant.ts), since the page gives the centres.
 */
export function blobs(p: BlobsParams, seed: GradingSeed): Dataset {
  const d = { train: sampleBlobs(p, p.trainPerClass, seed, 'blobs/train'), test: sampleBlobs(p, p.testPerClass, seed, 'blobs/test') };
  return applyClassVariant(d, classVariant(seed, 'blobs', p.centers.length, p.centers[0]!.length === 2 ? nearestCentre(p) : undefined));
}
