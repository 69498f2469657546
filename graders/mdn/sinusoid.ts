import { z } from 'zod';
import { isSecret, makeRng, type GradingSeed } from '../rng.ts';
import type { RegressionSplit } from '../datasets/types.ts';

/**
 * The Mixture density networks module's data: y = a·sin(f·x) + s·x + ε, ε ~ N(0, noise²), x ~ U(xMin, xMax) (the
 * original post's x = linspace(−10, 10, 1000), y = 7 sin(0.75x) + 0.5x + N(0, 1), drawn at random so a held-out
 * sample is a fresh sample of the same process). The *inverse* problem swaps the columns: from y, predict x. One
 * y then has up to five x's, so the conditional mean is a curve through no data and a mixture density is needed.
 */
export const sinusoidParams = z
  .object({
    trainN: z.number().int().positive().describe('Points in the training split.'),
    testN: z.number().int().positive().describe('Points in the hidden held-out split (a fresh sample of the same process).'),
    noise: z.number().positive().default(1).describe('Standard deviation of the Gaussian noise on y: its variance is the forward problem\'s MSE floor.'),
    xMin: z.number().default(-10).describe('Lower end of x.'),
    xMax: z.number().default(10).describe('Upper end of x.'),
    inverse: z.boolean().default(false).describe('Swap the columns: the input is y and the target is x (the one-to-many problem).'),
  })
  .strict()
  .refine((p) => p.xMin < p.xMax, { message: 'xMin must be below xMax' });
export type SinusoidParams = z.infer<typeof sinusoidParams>;

/** The curve's amplitude a, frequency f and slope s: y = a·sin(f·x) + s·x. */
export interface SinusoidShape {
  amplitude: number;
  frequency: number;
  slope: number;
}

/** The original post's curve: 7 sin(0.75x) + 0.5x. */
export const originalSinusoid: SinusoidShape = Object.freeze({ amplitude: 7, frequency: 0.75, slope: 0.5 });

/**
 * The curve for a seed. Integer seeds keep the original's curve exactly. Under a secret, each coefficient moves by
 * a keyed ±(5–15) %: the page gives the formula away, and a hard-coded curve (or a hard-coded mixture for the
 * inverse problem) must not pass untrained. The moves are small so the problem keeps its character (five branches
 * of x per y near the middle) and bounds measured on the original curve still hold.
 */
export function sinusoidShape(seed: GradingSeed): SinusoidShape {
  if (!isSecret(seed)) return originalSinusoid;
  const rng = makeRng(seed, 'sinusoid/shape');
  const move = (v: number) => v * (1 + (rng.uniform() < 0.5 ? -1 : 1) * (0.05 + 0.1 * rng.uniform()));
  return { amplitude: move(originalSinusoid.amplitude), frequency: move(originalSinusoid.frequency), slope: move(originalSinusoid.slope) };
}

/** The noise-free curve at x. */
export const sinusoid = (s: SinusoidShape, x: number): number => s.amplitude * Math.sin(s.frequency * x) + s.slope * x;

/**
 * n points of the process from the stream (seed, stream): x uniform, y = curve + N(0, noise²). With `inverse`, the
 * split's input is y and its target x. Distinct streams give independent samples (train vs held-out).
 */
export function sampleSinusoid(p: SinusoidParams, n: number, seed: GradingSeed, stream: string, shape: SinusoidShape = originalSinusoid): RegressionSplit {
  const rng = makeRng(seed, stream);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const xi = p.xMin + (p.xMax - p.xMin) * rng.uniform();
    const yi = sinusoid(shape, xi) + p.noise * rng.normal();
    x[i] = p.inverse ? yi : xi;
    y[i] = p.inverse ? xi : yi;
  }
  return { x, y, n, features: 1, targets: 1 };
}
