/**
 * The maths of the MDN density figure: at one input x an MDN outputs K components (π_k, μ_k, σ_k), and its
 * prediction is the density p(y | x) = Σ_k π_k N(y | μ_k, σ_k), a weighted sum of *densities*. The misreading the
 * figure contrasts it with, "the output is a weighted sum of Gaussian random values" Y = Σ_k π_k X_k with
 * independent X_k ~ N(μ_k, σ_k), has the density N(Σ_k π_k μ_k, √(Σ_k π_k² σ_k²)): one Gaussian, so one bump,
 * however far apart the components are. Pure (numbers in, numbers out), shared by the build, the browser and the
 * lesson test.
 */
import { HALF_LOG_2PI } from '../../../../../graders/mdn/conditional-mixture.ts';

/** One component's raw settings: a weight before normalising (the sliders), a mean and a standard deviation. */
export interface ComponentSetting {
  weight: number;
  mu: number;
  sigma: number;
}

/** A 1-D mixture with normalised weights. */
export interface Mixture1d {
  pi: number[];
  mu: number[];
  sigma: number[];
}

/** The components' weights normalised to sum to 1 (what a softmax head guarantees); all-zero weights become equal ones. */
export function normalise(components: readonly ComponentSetting[]): Mixture1d {
  const total = components.reduce((s, c) => s + Math.max(c.weight, 0), 0);
  const pi = components.map((c) => (total > 0 ? Math.max(c.weight, 0) / total : 1 / components.length));
  return { pi, mu: components.map((c) => c.mu), sigma: components.map((c) => c.sigma) };
}

/** N(y | μ, σ). */
export function normalDensity(y: number, mu: number, sigma: number): number {
  const z = (y - mu) / sigma;
  return Math.exp(-0.5 * z * z - Math.log(sigma) - HALF_LOG_2PI);
}

/** π_k N(y | μ_k, σ_k): component k's share of the mixture density at y. */
export function componentDensity(m: Mixture1d, k: number, y: number): number {
  return m.pi[k]! * normalDensity(y, m.mu[k]!, m.sigma[k]!);
}

/** p(y) = Σ_k π_k N(y | μ_k, σ_k): the MDN's prediction. */
export function mixtureDensity(m: Mixture1d, y: number): number {
  return m.pi.reduce((s, _, k) => s + componentDensity(m, k, y), 0);
}

/** The mixture's mean Σ π_k μ_k and standard deviation √(Σ π_k (σ_k² + μ_k²) − mean²). */
export function mixtureMoments(m: Mixture1d): { mean: number; std: number } {
  const mean = m.pi.reduce((s, p, k) => s + p * m.mu[k]!, 0);
  const second = m.pi.reduce((s, p, k) => s + p * (m.sigma[k]! ** 2 + m.mu[k]! ** 2), 0);
  return { mean, std: Math.sqrt(Math.max(second - mean * mean, 0)) };
}

/** The distribution of Σ_k π_k X_k, X_k ~ N(μ_k, σ_k) independent: a Gaussian with these parameters. */
export function weightedSumOfDraws(m: Mixture1d): { mean: number; std: number } {
  return { mean: m.pi.reduce((s, p, k) => s + p * m.mu[k]!, 0), std: Math.sqrt(m.pi.reduce((s, p, k) => s + (p * m.sigma[k]!) ** 2, 0)) };
}

/** Evenly spaced points from a to b (n of them, both ends included). */
export function grid(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/** How many local maxima `values` has (a plateau counts once): the number of modes a curve on a fine grid shows. */
export function countModes(values: readonly number[]): number {
  let modes = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const left = i === 0 ? -Infinity : values[i - 1]!;
    let j = i;
    while (j + 1 < values.length && values[j + 1] === v) j++;
    const right = j === values.length - 1 ? -Infinity : values[j + 1]!;
    if (v > left && v > right && v > 1e-9) modes++;
    i = j;
  }
  return modes;
}
