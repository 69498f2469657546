/**
 * The model of the p(x | y) figure: the inverse problem's exact distribution of x at one y on the page's data, its
 * branches and its mean (graders/mdn/inverse-conditional.ts does the maths; this picks the page's process and
 * measures how little density lies at the mean). Pure: the build, the browser element and tests call it.
 */
import { curveBranches, inverseConditionalMean, inversePosterior, type SinusoidProcess } from '../../../../../graders/mdn/inverse-conditional.ts';
import { originalSinusoid } from '../../../../../graders/mdn/sinusoid.ts';

/** The page's process: the original curve, unit noise, x in [−10, 10]. */
export const pageProcess: SinusoidProcess = { shape: originalSinusoid, noise: 1, xMin: -10, xMax: 10 };

/** The figure's one setting: the y the distribution of x is taken at. */
export interface PosteriorSettings {
  y: number;
}

/** The slider's range: the data's y spans about ±13 (the curve's ±12.3 plus noise). */
export const Y_RANGE = { min: -12, max: 12, step: 0.25 };

/** Grid points of x for the figure: smooth at the chart's width, and fast enough to redraw while dragging. */
const GRID = 801;

/**
 * p(x | y) at one y, its branches (where the noise-free curve passes y), its mean, and the density at the mean as a
 * fraction of the peak (how little data lies where the mean is).
 */
export function posteriorAt(y: number, p: SinusoidProcess = pageProcess) {
  const { x, density } = inversePosterior(p, y, GRID);
  const mean = inverseConditionalMean(p, y, GRID);
  const nearest = Math.round(((mean - p.xMin) / (p.xMax - p.xMin)) * (x.length - 1));
  const peak = Math.max(...density);
  return { y, x: Array.from(x), density: Array.from(density), branches: curveBranches(p, y), mean, densityAtMeanOverPeak: density[nearest]! / peak };
}
export type Posterior = ReturnType<typeof posteriorAt>;

/** A fraction of the peak as the page writes it: "under 1 %" or "37 %". */
export const densityText = (f: number): string => (f < 0.01 ? 'under 1 %' : `${Math.round(100 * f)} %`);
