import { z } from 'zod';
import { makeRng } from '../rng.ts';
import type { Dataset, Split } from './types.ts';
import { shuffledOrder } from './shuffle.ts';

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
 * Arm k: radius r from 0 to 1 and angle t = 4k … 4(k+1) plus N(0, noise²), point r·(sin t, cos t). Rows are
 * shuffled so mini-batches are mixed.
 */
export function sampleSpiral(p: SpiralParams, perClass: number, seed: number, stream: string): Split {
  const rng = makeRng(seed, stream);
  const n = perClass * p.classes;
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const order = shuffledOrder(n, rng);
  for (let i = 0; i < n; i++) {
    const src = order[i]!;
    const k = Math.floor(src / perClass);
    const j = src % perClass;
    const r = perClass === 1 ? 0 : j / (perClass - 1);
    const t = 4 * k + (4 * j) / Math.max(1, perClass - 1) + p.noise * rng.normal();
    x[2 * i] = r * Math.sin(t);
    x[2 * i + 1] = r * Math.cos(t);
    y[i] = k;
  }
  return { x, y, n, features: 2, classes: p.classes };
}

/** Train and hidden test spirals from independent streams of one seed. */
export function spiral(p: SpiralParams, seed: number): Dataset {
  return { train: sampleSpiral(p, p.trainPerClass, seed, 'spiral/train'), test: sampleSpiral(p, p.testPerClass, seed, 'spiral/test') };
}
