import { z } from 'zod';
import { isSecret, makeRng, type GradingSeed } from '../rng.ts';
import type { RegressionSplit } from './types.ts';

/**
 * Parameters of the noisy-cubic generator: y = a·x³ + b + noise·U(0, 1), x ~ U(xMin, xMax), where a = 1 and b = 0
 * on integer seeds (the page's task) and a, b are hidden under a secret seed (see `cubicShape`).
 */
export const cubicParams = z
  .object({
    trainN: z.number().int().positive().describe('Points in the training split.'),
    testN: z.number().int().positive().describe('Points in the hidden test split.'),
    noise: z.number().nonnegative().describe('Scale of the uniform noise: its variance, noise²/12, is the lowest MSE any model can expect.'),
    xMin: z.number().default(-1).describe('Lower end of the input range.'),
    xMax: z.number().default(1).describe('Upper end of the input range.'),
  })
  .strict()
  .refine((p) => p.xMin < p.xMax, { message: 'xMin must be below xMax' });
export type CubicParams = z.infer<typeof cubicParams>;

/** The noise-free function. */
export const cube = (x: number): number => x * x * x;

/** The hidden scale and offset of the cubic: y = a·x³ + b + noise. */
export interface CubicShape {
  a: number;
  b: number;
}

/** Smallest and largest |a − 1| under a secret seed. */
export const cubicScaleGap = { min: 0.3, max: 0.5 } as const;
/** Largest |b| under a secret seed. */
export const cubicMaxOffset = 0.3;

/**
 * The cubic's scale and offset for a seed. Integer seeds keep the page's task, y = x³ (+ noise), exactly. Under a
 * secret, a = 1 ± U(0.3, 0.5) and b = U(−0.3, 0.3) from a keyed stream: the page gives the formula away, so
 * `x => x³ + 0.15` would otherwise pass untrained. Why |a − 1| ≥ 0.3: any answer of the form x³ + c is then off
 * by at least (a − 1)²·E[x⁶] = 0.09/7 ≈ 0.013 in MSE on [−1, 1], above the bound's 0.0015 over the noise floor
 * (scripts/validate-secret-bounds.ts checks this over 100 secrets). The noise keeps its scale, so the floor and
 * the bounds stay absolute.
 */
export function cubicShape(seed: GradingSeed): CubicShape {
  if (!isSecret(seed)) return { a: 1, b: 0 };
  const rng = makeRng(seed, 'cubic/shape');
  const gap = cubicScaleGap.min + (cubicScaleGap.max - cubicScaleGap.min) * rng.uniform();
  const a = rng.uniform() < 0.5 ? 1 - gap : 1 + gap;
  const b = cubicMaxOffset * (2 * rng.uniform() - 1);
  return { a, b };
}

/** n points of y = a·x³ + b + noise·U(0, 1). */
export function sampleCubic(p: CubicParams, n: number, seed: GradingSeed, stream: string, shape: CubicShape = { a: 1, b: 0 }): RegressionSplit {
  const rng = makeRng(seed, stream);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = p.xMin + (p.xMax - p.xMin) * rng.uniform();
    // a·x³ + b with a = 1, b = 0 is bit-identical to x³: integer seeds keep their data exactly.
    y[i] = shape.a * cube(x[i]!) + shape.b + p.noise * rng.uniform();
  }
  return { x, y, n, features: 1, targets: 1 };
}
