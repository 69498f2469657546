/**
 * The spiral generator itself, without its zod schema (spiral.ts): the lesson figures import it into the browser,
 * where zod would only add weight.
 */
import { makeRng, type GradingSeed } from '../rng.ts';
import type { Split } from './types.ts';
import { shuffledOrder } from './shuffle.ts';

/** What the generator needs of the spiral's parameters (spiral.ts's SpiralParams has these and the split sizes). */
export interface SpiralShape {
  classes: number;
  /** Standard deviation of the angle noise, in radians. */
  noise: number;
}

/**
 * The expected angle of arm k (of `classes`) at radius r, in radians: arms start 2π/classes apart at the origin and
 * each winds through 4π/classes (240° for 3 arms) while its radius grows from 0 to 1. The one law behind the
 * generator, the page's rule for secret variants (spiral.ts) and the Bayes-optimal classifier
 * (scripts/activation-depth/spiral-bayes.ts).
 */
export const spiralArmAngle = (k: number, r: number, classes: number): number => (2 * Math.PI * (k + 2 * r)) / classes;

/**
 * The NYU deep-learning course's spiral, the data of the original PyTorch lesson: point j of arm k has radius
 * r = j/(perClass − 1) and angle spiralArmAngle(k, r) plus N(0, noise²), at r·(sin t, cos t). Rows are shuffled so
 * mini-batches are mixed.
 */
export function sampleSpiral(p: SpiralShape, perClass: number, seed: GradingSeed, stream: string): Split {
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
    const t = spiralArmAngle(k, r, p.classes) + p.noise * rng.normal();
    x[2 * i] = r * Math.sin(t);
    x[2 * i + 1] = r * Math.cos(t);
    y[i] = k;
  }
  return { x, y, n, features: 2, classes: p.classes };
}

/**
 * A batch of the first n points of the 3-arm spiral with angle noise 0.2 (the exercises' spiral), drawn from
 * `stream`: what the vanishing-gradients grader and figures feed their deep MLPs.
 */
export function spiralBatch(n: number, seed: GradingSeed, stream: string): Split {
  const classes = 3;
  const b = sampleSpiral({ classes, noise: 0.2 }, Math.ceil(n / classes), seed, stream);
  return { ...b, x: b.x.slice(0, 2 * n), y: b.y.slice(0, n), n };
}
