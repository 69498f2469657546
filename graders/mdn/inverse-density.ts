/**
 * The inverse sinusoid problem's true conditional density, the yardstick for a trained MDN's held-out NLL. With
 * x ~ U(xMin, xMax) and y = f(x) + N(0, noise²), Bayes gives p(x | y) = N(y | f(x), noise²) / ∫ N(y | f(t), noise²) dt
 * on [xMin, xMax] (the uniform prior cancels). No model can beat its NLL on fresh points except by chance, so it
 * bounds "too good to be true" from below.
 */
import { HALF_LOG_2PI } from './conditional-mixture.ts';
import { sinusoid, type SinusoidShape } from './sinusoid.ts';

/**
 * Trapezoid steps across [xMin, xMax]: 0.02 apart on [−10, 10], where the curve moves at most ≈ 0.12 noise σ per
 * step; the integrand is smooth, so the rule's error is far below the held-out NLL's noise (the test checks 1e-4).
 */
const STEPS = 1000;
/** Nodes whose log-integrand is this far below the largest add less than e^−40 of it: skipped, to save exps. */
const NEGLIGIBLE = 40;

/**
 * Mean NLL, nats per point (½ log 2π included), of the targets `x` given the inputs `y` under the true p(x | y).
 * Computed in float64 with log-sum-exp over the trapezoid nodes, so a y far out in the tails stays finite.
 */
export function inverseTrueNll(shape: SinusoidShape, noise: number, xMin: number, xMax: number, y: ArrayLike<number>, x: ArrayLike<number>): number {
  const h = (xMax - xMin) / STEPS;
  const curve = Float64Array.from({ length: STEPS + 1 }, (_, j) => sinusoid(shape, xMin + j * h));
  const logNoise = Math.log(noise) + HALF_LOG_2PI;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    // log ∫ N(y | f(t), noise²) dt by the trapezoid rule, as a log-sum-exp over the nodes.
    let max = -Infinity;
    for (let j = 0; j <= STEPS; j++) max = Math.max(max, -0.5 * ((yi - curve[j]!) / noise) ** 2);
    let sum = 0;
    for (let j = 0; j <= STEPS; j++) {
      const e = -0.5 * ((yi - curve[j]!) / noise) ** 2 - max;
      if (e > -NEGLIGIBLE) sum += (j === 0 || j === STEPS ? 0.5 : 1) * Math.exp(e);
    }
    const logEvidence = max + Math.log(sum * h) - logNoise;
    const logJoint = -0.5 * ((yi - sinusoid(shape, x[i]!)) / noise) ** 2 - logNoise;
    total -= logJoint - logEvidence;
  }
  return total / y.length;
}
