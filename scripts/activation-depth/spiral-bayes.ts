/**
 * The best possible classifier for the spiral lesson's data: the posterior of the generating process. Used by
 * scripts/measure-spiral.ts (the Bayes bound behind the exercise's upper bounds) and the unit tests, not by the
 * lesson's figure, so it lives outside src/components/figures/.
 */
import { spiralArmAngle } from '../../graders/datasets/spiral-sample.ts';
import type { Split } from '../../graders/datasets/types.ts';

/** Normal density up to a constant factor. */
const gauss = (d: number, s: number) => Math.exp(-(d * d) / (2 * s * s));

/**
 * Posterior class probabilities of the generating process for the point (x, y): the Bayes-optimal classifier.
 * A point of arm k at radius r has angle μₖ(r) + N(0, σ²), μₖ(r) = 2π(k + 2r)/C (spiralArmAngle), so given (r, φ)
 * the likelihood of arm k is Σₘ N(φ + 2πm; μₖ(r), σ²) (the angle is only known modulo 2π). Every arm has the same radii, so r alone says
 * nothing about the class.
 */
export function spiralPosterior(x: number, y: number, classes: number, noise: number): number[] {
  const r = Math.hypot(x, y);
  // The first point of every arm is the origin itself, where the angle says nothing: all arms are equally likely.
  if (r === 0) return Array.from({ length: classes }, () => 1 / classes);
  const phi = Math.atan2(x, y); // the generator puts points at r·(sin t, cos t)
  const like = Array.from({ length: classes }, (_, k) => {
    const mu = spiralArmAngle(k, r, classes);
    let s = 0;
    for (let m = -3; m <= 6; m++) s += gauss(phi + 2 * Math.PI * m - mu, noise);
    return s;
  });
  const total = like.reduce((a, b) => a + b, 0);
  return total > 0 ? like.map((v) => v / total) : like.map(() => 1 / classes);
}

/** The Bayes-optimal classifier's probabilities (spiralPosterior) for every row of a spiral split, row-major n×classes. */
export function bayesSpiralProbs(d: Pick<Split, 'x' | 'n' | 'classes'>, noise: number): Float32Array {
  const k = d.classes, probs = new Float32Array(d.n * k);
  for (let i = 0; i < d.n; i++) spiralPosterior(d.x[2 * i]!, d.x[2 * i + 1]!, k, noise).forEach((v, j) => (probs[i * k + j] = v));
  return probs;
}
