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
 * Arm k: radius r from 0 to 1 and angle t = 4k … 4(k+1) plus N(0, noise²), point r·(sin t, cos t). Rows are
 * shuffled so mini-batches are mixed.
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
    const t = 4 * k + (4 * j) / Math.max(1, perClass - 1) + p.noise * rng.normal();
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
