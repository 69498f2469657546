import { z } from 'zod';
import type { GradingSeed } from '../rng.ts';
import type { Dataset } from './types.ts';
import { sampleSpiral, spiralArmAngle } from './spiral-sample.ts';
import { applyClassVariant, classVariant, type PageRule } from './secret-variant.ts';

// The generator lives in spiral-sample.ts (no zod), so browser figures can import it without the schema.
export { sampleSpiral } from './spiral-sample.ts';

/** Parameters of the spiral generator (the NYU deep-learning course's spiral): `classes` interleaved arms from the origin. */
export const spiralParams = z
  .object({
    classes: z.number().int().min(2).max(6).describe('Number of classes, one arm each.'),
    trainPerClass: z.number().int().positive().describe('Points per class in the training split.'),
    testPerClass: z.number().int().positive().describe('Points per class in the hidden test split (a fresh spiral from its own stream).'),
    noise: z.number().nonnegative().describe('Standard deviation of the angle noise, in radians. With 3 arms (2π/3 apart) 0.2 makes neighbouring arms touch only near the origin.'),
  })
  .strict();
export type SpiralParams = z.infer<typeof spiralParams>;

/**
 * The page's rule: the arm whose angle at the point's radius (spiralArmAngle, spiral-sample.ts) is nearest. Probes:
 * 40 noise-free points per arm; a variant may leave at most 40 % of them right (chance is 1/classes).
 */
function armRule(classes: number): PageRule {
  const wrap = (d: number) => d - 2 * Math.PI * Math.round(d / (2 * Math.PI));
  const classify = (x: number, y: number) => {
    const r = Math.hypot(x, y), phi = Math.atan2(x, y);
    let best = 0;
    const miss = (k: number) => Math.abs(wrap(phi - spiralArmAngle(k, r, classes)));
    for (let k = 1; k < classes; k++) if (miss(k) < miss(best)) best = k;
    return best;
  };
  const probes = [];
  for (let k = 0; k < classes; k++)
    for (let j = 0; j < 40; j++) {
      const r = (j + 0.5) / 40, t = spiralArmAngle(k, r, classes);
      probes.push({ x: r * Math.sin(t), y: r * Math.cos(t), label: k });
    }
  return { classify, probes, maxProbeAccuracy: 0.4 };
}

/**
 * Train and hidden test spirals from independent streams of one seed; under a secret, turned and relabelled
 * (secret-variant.ts), since the page gives the spiral's equation.
 */
export function spiral(p: SpiralParams, seed: GradingSeed): Dataset {
  const d = { train: sampleSpiral(p, p.trainPerClass, seed, 'spiral/train'), test: sampleSpiral(p, p.testPerClass, seed, 'spiral/test') };
  return applyClassVariant(d, classVariant(seed, 'spiral', p.classes, armRule(p.classes)));
}
