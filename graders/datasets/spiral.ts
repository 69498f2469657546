import { z } from 'zod';
import type { GradingSeed } from '../rng.ts';
import type { Dataset } from './types.ts';
import { sampleSpiral } from './spiral-sample.ts';
import { applyClassVariant, classVariant } from './secret-variant.ts';

// The generator lives in spiral-sample.ts (no zod), so browser figures can import it without the schema.
export { sampleSpiral } from './spiral-sample.ts';

/** Parameters of the spiral generator (CS231n's "spiral data"): `classes` interleaved arms from the origin. */
export const spiralParams = z
  .object({
    classes: z.number().int().min(2).max(6),
    /** Points per class in the training split. */
    trainPerClass: z.number().int().positive(),
    /** Points per class in the hidden test split (a fresh spiral from its own stream). */
    testPerClass: z.number().int().positive(),
    /** Standard deviation of the angle noise, in radians. 0.2 makes neighbouring arms touch near the origin. */
    noise: z.number().nonnegative(),
  })
  .strict();
export type SpiralParams = z.infer<typeof spiralParams>;

/**
 * Train and hidden test spirals from independent streams of one seed; under a secret, turned and relabelled
 * (secret-variant.ts), since the page gives the spiral's equation.
 */
export function spiral(p: SpiralParams, seed: GradingSeed): Dataset {
  const d = { train: sampleSpiral(p, p.trainPerClass, seed, 'spiral/train'), test: sampleSpiral(p, p.testPerClass, seed, 'spiral/test') };
  return applyClassVariant(d, classVariant(seed, 'spiral', p.classes));
}
