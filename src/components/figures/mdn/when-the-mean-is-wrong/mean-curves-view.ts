/**
 * The "When the mean is the wrong answer" figures as SVG strings: the forward fit over the data on [−15, 15] (the
 * original post's plotting range, past the data's x in [−10, 10]); the inverse problem with the MLP's curve and the
 * exact conditional mean E[x | y]; and p(x | y) at one y with its branches and its mean. The fits are measured
 * (mean-curves.json, scripts/mdn/mean-curves.ts); p(x | y) is exact maths (graders/mdn/inverse-conditional.ts), so
 * it is computed here at build time. Pure, so the build renders them and a test can read them.
 */
import { curveBranches, inverseConditionalMean, inversePosterior, type SinusoidProcess } from '../../../../../graders/mdn/inverse-conditional.ts';
import { originalSinusoid } from '../../../../../graders/mdn/sinusoid.ts';
import type { Provenance } from '../../kit/provenance.ts';
import { chartSvg, palette } from '../../kit/svg-chart.ts';

/** What mean-curves.json holds (see scripts/mdn/mean-curves.ts). */
export interface MeanCurves {
  provenance: Provenance;
  plotRange: [number, number];
  dataRange: [number, number];
  seeds: { seed: number; forwardMSE: number; inverseMSE: number; inverseMeanMSE: number; forwardCurveMSE: number; seconds: number }[];
  summary: Record<'forwardMSE' | 'inverseMSE' | 'inverseMeanMSE', { min: number; max: number }>;
  forwardFloor: { seeds: number; mean: number; sd: number; min: number; max: number };
  figure: {
    seed: number;
    pointsEvery: number;
    points: { x: number[]; y: number[] };
    curves: { grid: number[]; forward: number[]; truth: number[]; inverse: number[]; inverseMean: number[] };
  };
}

/** The page's process: the original curve, unit noise, x in [−10, 10]. */
export const pageProcess: SinusoidProcess = { shape: originalSinusoid, noise: 1, xMin: -10, xMax: 10 };

const grey = 'var(--sl-color-gray-4, #999)';

/** Vertical marker lines as one series (chartSvg draws series only): a NaN between them breaks the path. */
const verticals = (name: string, at: number[], y: [number, number], color: string) => ({
  name,
  x: at.flatMap((a) => [a, a, a]),
  y: at.flatMap(() => [y[0], y[1], NaN]),
  color,
  dashed: true,
});

/** The forward fit: training points, the true curve, and the MLP's curve, past the data where the original plots. */
export function forwardSvg(f: MeanCurves): string {
  const c = f.figure.curves;
  const yDomain: [number, number] = [-16, 16];
  return chartSvg({
    title: `Forward problem: the 1 → 20 tanh → 1 MLP's curve fitted to y = 7 sin(0.75x) + 0.5x + noise on x in [−10, 10], drawn on [−15, 15] like the original post; outside the dashed lines it extrapolates.`,
    width: 420,
    height: 300,
    xLabel: 'x',
    yLabel: 'y',
    xDomain: f.plotRange,
    yDomain,
    series: [
      { name: `training points (every ${f.figure.pointsEvery}rd)`, x: f.figure.points.x, y: f.figure.points.y, mark: 'points', color: grey },
      { name: 'true curve', x: c.grid, y: c.truth, dashed: true, color: 'currentColor' },
      { name: 'MLP', x: c.grid, y: c.forward, color: palette[0] },
      verticals('edges of the data', f.dataRange, yDomain, palette[3]!),
    ],
  });
}

/** The inverse problem: the same points with the columns swapped, the MLP's curve and the exact E[x | y]. */
export function inverseSvg(f: MeanCurves): string {
  const c = f.figure.curves;
  return chartSvg({
    title: 'Inverse problem: the same points with x and y swapped. The same MLP fitted to predict x from y draws a curve between the branches, close to the exact conditional mean E[x | y], and through almost no data.',
    width: 420,
    height: 300,
    xLabel: 'y (now the input)',
    yLabel: 'x (now the target)',
    xDomain: f.plotRange,
    yDomain: [-12, 12],
    series: [
      { name: 'training points, swapped', x: f.figure.points.y, y: f.figure.points.x, mark: 'points', color: grey },
      { name: 'E[x | y], exact', x: c.grid, y: c.inverseMean, dashed: true, color: 'currentColor' },
      { name: 'MLP', x: c.grid, y: c.inverse, color: palette[0] },
    ],
  });
}

/**
 * p(x | y) at one y, its branches (where the noise-free curve passes y), its mean, and the density at the mean as a
 * fraction of the peak (how little data lies where the mean is).
 */
export function posteriorAt(y: number, p: SinusoidProcess = pageProcess) {
  const { x, density } = inversePosterior(p, y, 801);
  const mean = inverseConditionalMean(p, y);
  const nearest = Math.round(((mean - p.xMin) / (p.xMax - p.xMin)) * (x.length - 1));
  const peak = Math.max(...density);
  return { y, x: Array.from(x), density: Array.from(density), branches: curveBranches(p, y), mean, densityAtMeanOverPeak: density[nearest]! / peak };
}

/** A fraction of the peak as the page writes it: "under 1 %" or "37 %". */
export const densityText = (f: number): string => (f < 0.01 ? 'under 1 %' : `${Math.round(100 * f)} %`);

/** The posterior p(x | y) as a curve, with the mean as a vertical line: the mean sits where the density is low. */
export function posteriorSvg(y: number, p: SinusoidProcess = pageProcess): string {
  const post = posteriorAt(y, p);
  const top = Math.max(...post.density) * 1.1;
  return chartSvg({
    title: `The distribution of x given y = ${y}: ${post.branches.length} bumps, one per branch of the curve through y, and its mean E[x | y] = ${post.mean.toFixed(2)}, where the density is ${densityText(post.densityAtMeanOverPeak)} of its peak.`,
    width: 420,
    height: 220,
    xLabel: `x, given y = ${y}`,
    yLabel: 'p(x | y)',
    xDomain: [p.xMin, p.xMax],
    yDomain: [0, top],
    series: [
      { name: 'p(x | y)', x: post.x, y: post.density, color: palette[1] },
      verticals(`E[x | y] = ${post.mean.toFixed(2)}`, [post.mean], [0, top], palette[0]!),
    ],
  });
}
