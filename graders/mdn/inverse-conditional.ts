/**
 * The inverse problem's exact answer: the distribution of x given y when x ~ U(xMin, xMax) and
 * y = curve(x) + N(0, noise²) (graders/mdn/sinusoid.ts). By Bayes, p(x | y) ∝ p(x) N(y | curve(x), noise²), and with
 * a uniform p(x) that is the likelihood alone, normalised over [xMin, xMax]. For y near the middle it has several
 * bumps, one per branch of the curve that passes y; its mean E[x | y], the best any single curve can predict under
 * squared error, falls between them. Float64 on a fine grid of x (the curve moves by at most
 * a·f·Δx ≈ 0.05 between grid points, far below the noise).
 */
import { sinusoid, type SinusoidShape } from './sinusoid.ts';

/** The data process the inverse problem inverts: the curve, the noise and the range of x. */
export interface SinusoidProcess {
  shape: SinusoidShape;
  noise: number;
  xMin: number;
  xMax: number;
}

/** Grid points of x for the posterior (odd, so x = 0 is on the grid for a symmetric range). */
export const POSTERIOR_GRID = 2001;

/**
 * p(x | y) on an even grid of x over [xMin, xMax]: `x` the grid and `density` the posterior density there (it
 * integrates to 1 by the trapezoid rule). Computed in the log domain, so a y far above every branch still gets a
 * proper (narrow) posterior at the nearest x instead of 0/0.
 */
export function inversePosterior(p: SinusoidProcess, y: number, gridN = POSTERIOR_GRID): { x: Float64Array; density: Float64Array } {
  const x = new Float64Array(gridN);
  const logLik = new Float64Array(gridN);
  let top = -Infinity;
  for (let i = 0; i < gridN; i++) {
    x[i] = p.xMin + ((p.xMax - p.xMin) * i) / (gridN - 1);
    const z = (y - sinusoid(p.shape, x[i]!)) / p.noise;
    logLik[i] = -0.5 * z * z;
    if (logLik[i]! > top) top = logLik[i]!;
  }
  const step = (p.xMax - p.xMin) / (gridN - 1);
  const density = new Float64Array(gridN);
  let area = 0;
  for (let i = 0; i < gridN; i++) {
    density[i] = Math.exp(logLik[i]! - top);
    area += (i === 0 || i === gridN - 1 ? 0.5 : 1) * density[i]! * step;
  }
  for (let i = 0; i < gridN; i++) density[i]! /= area;
  return { x, density };
}

/** E[x | y]: the posterior's mean, the inverse problem's best prediction under squared error. */
export function inverseConditionalMean(p: SinusoidProcess, y: number, gridN = POSTERIOR_GRID): number {
  const { x, density } = inversePosterior(p, y, gridN);
  let num = 0, den = 0;
  for (let i = 0; i < gridN; i++) {
    const w = (i === 0 || i === gridN - 1 ? 0.5 : 1) * density[i]!;
    num += w * x[i]!;
    den += w;
  }
  return num / den;
}

/** E[x | y] for each y (a coarser grid by default: thousands of y's are graded, and 801 points move it < 1e-3). */
export function inverseConditionalMeans(p: SinusoidProcess, ys: ArrayLike<number>, gridN = 801): Float64Array {
  return Float64Array.from(ys, (y) => inverseConditionalMean(p, y, gridN));
}

/**
 * The x's where the noise-free curve passes y (its branches), each found by bisection between grid points where
 * curve(x) − y changes sign: where the posterior's bumps sit. At most one root per grid cell of 2001 over the range.
 */
export function curveBranches(p: SinusoidProcess, y: number, gridN = POSTERIOR_GRID): number[] {
  const roots: number[] = [];
  const g = (x: number) => sinusoid(p.shape, x) - y;
  let x0 = p.xMin, g0 = g(x0);
  for (let i = 1; i < gridN; i++) {
    const x1 = p.xMin + ((p.xMax - p.xMin) * i) / (gridN - 1), g1 = g(x1);
    if (g0 === 0) roots.push(x0);
    else if (g0 * g1 < 0) {
      let a = x0, b = x1, ga = g0;
      for (let it = 0; it < 50; it++) {
        const m = 0.5 * (a + b), gm = g(m);
        if (ga * gm <= 0) b = m;
        else (a = m), (ga = gm);
      }
      roots.push(0.5 * (a + b));
    }
    (x0 = x1), (g0 = g1);
  }
  if (g0 === 0) roots.push(x0);
  return roots;
}
