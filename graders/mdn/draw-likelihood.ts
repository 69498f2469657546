/**
 * How likely a sample's draws are under the model that should have produced them, against a right sample's. For
 * draws from the right distribution the mean log-density (1/n) Σ log p(y_i | x_i) is, in expectation, minus the
 * mixtures' average entropy; draws spread too wide land where the density is low (a lower mean), draws too narrow
 * where it is high. Comparing with the grader's own draws from the same mixtures, as a z-score (the difference of
 * two independent means over its standard error), needs no entropy integral and gives one bound for any n.
 */
import { mixtureLogDensity, type ConditionalMixture } from './conditional-mixture.ts';

/** Mean and sample variance of the values. */
function meanVar(v: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const x of v) s += x;
  const mean = s / v.length;
  let q = 0;
  for (const x of v) q += (x - mean) ** 2;
  return { mean, variance: q / Math.max(v.length - 1, 1) };
}

/**
 * (mean log p of the reference − mean log p of y) / standard error: ≈ N(0, 1) when y is a right sample; positive when
 * y lands where the model's density is lower (too wide, or off the branches), negative when higher (too narrow).
 * Also the two mean log-densities, in nats per point (log N includes −½ log 2π).
 */
export function logDensityZ(m: ConditionalMixture, y: ArrayLike<number>, reference: ArrayLike<number>): { z: number; mine: number; reference: number } {
  const a = meanVar(mixtureLogDensity(m, y)), b = meanVar(mixtureLogDensity(m, reference));
  return { z: (b.mean - a.mean) / Math.sqrt((a.variance + b.variance) / m.n), mine: a.mean, reference: b.mean };
}
