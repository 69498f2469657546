/**
 * The "When the mean is the wrong answer" fits as SVG strings: the forward fit over the data on [−15, 15] (the
 * original post's plotting range, past the data's x in [−10, 10]) and the inverse problem with the MLP's curve and
 * the exact conditional mean E[x | y]. The fits are measured (mean-curves.json, scripts/mdn/mean-curves.ts). Pure,
 * so the build renders them and a test can read them.
 */
import type { Provenance } from '../../kit/provenance.ts';
import { chartSvg, palette } from '../../kit/svg-chart.ts';
import { verticals } from './posterior-view.ts';

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

const grey = 'var(--sl-color-gray-4, #999)';

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
