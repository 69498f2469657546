import { z } from 'zod';
import { makeRng } from '../rng.ts';
import type { RegressionSplit } from './types.ts';

/** Parameters of the noisy-cubic generator: y = x³ + noise·U(0, 1), x ~ U(xMin, xMax). */
export const cubicParams = z
  .object({
    trainN: z.number().int().positive(),
    testN: z.number().int().positive(),
    /** Scale of the uniform noise: its variance, noise²/12, is the lowest MSE any model can expect. */
    noise: z.number().nonnegative(),
    xMin: z.number().default(-1),
    xMax: z.number().default(1),
  })
  .strict()
  .refine((p) => p.xMin < p.xMax, { message: 'xMin must be below xMax' });
export type CubicParams = z.infer<typeof cubicParams>;

/** The noise-free function. */
export const cube = (x: number): number => x * x * x;

/** n points of y = x³ + noise·U(0, 1). */
export function sampleCubic(p: CubicParams, n: number, seed: number, stream: string): RegressionSplit {
  const rng = makeRng(seed, stream);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = p.xMin + (p.xMax - p.xMin) * rng.uniform();
    y[i] = cube(x[i]!) + p.noise * rng.uniform();
  }
  return { x, y, n, features: 1, targets: 1 };
}
