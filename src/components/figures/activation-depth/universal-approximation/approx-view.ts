/**
 * The universal-approximation figures' view: the bump chart, the error-against-N chart, the summary line and the
 * union-of-triangles region map, as SVG and text from approx-model.ts. Called at build time by ApproxBumps.astro and
 * ApproxRegions.astro, and in the browser by approx-bumps-element.ts. No DOM, no tfjs.
 */
import { regionsSvg } from '../../kit/regions-svg.ts';
import { chartSvg, palette, type Series } from '../../kit/svg-chart.ts';
import { X0, X1, approximation, bump, bumpPlan, clipLine, errorCurves, exampleTriangles, grid, hiddenUnits, maxError, regionGrid, targetOf, unionNetwork, worstPoint, type ApproxSettings, type Point } from './approx-model.ts';

/** Target, approximation and (for up to 12 sigmoid bumps) the individual scaled bumps, as an SVG chart. */
export function approxChartSvg(s: ApproxSettings): string {
  const target = targetOf(s.target);
  const g = approximation(target, s.units, s.n, s.steepness);
  const xs = grid(801);
  const series: Series[] = [];
  if (s.units === 'sigmoid' && s.n <= 12) {
    // All bumps in one series, separated by NaN so the line breaks between them.
    const { edges, heights } = bumpPlan(target.f, s.n);
    const bx: number[] = [], by: number[] = [];
    heights.forEach((h, i) => {
      // Each bump over its own stretch plus its shoulders (about 6/s either side), so the zeros do not pile up.
      const lo = Math.max(X0, edges[i]! - 6 / s.steepness), hi = Math.min(X1, edges[i + 1]! + 6 / s.steepness);
      for (const x of xs) if (x >= lo && x <= hi) bx.push(x), by.push(h * bump(x, edges[i]!, edges[i + 1]!, s.steepness));
      bx.push(hi), by.push(NaN);
    });
    series.push({ name: 'each bump, f(centre) · bump', x: bx, y: by, color: palette[4]! });
  }
  series.push({ name: `target ${target.label}`, x: xs, y: xs.map(target.f), color: 'currentColor', dashed: true });
  series.push({ name: s.units === 'sigmoid' ? `sum of ${s.n} bump${s.n > 1 ? 's' : ''} (${hiddenUnits('sigmoid', s.n)} sigmoid units)` : `${s.n} linear piece${s.n > 1 ? 's' : ''} (${hiddenUnits('relu', s.n)} ReLU units)`, x: xs, y: xs.map(g), color: palette[5]! });
  return chartSvg({
    title: `${target.label} on [−1, 1] and its approximation by ${s.units === 'sigmoid' ? `${s.n} sigmoid bumps of steepness ${s.steepness}` : `${s.n} ReLU pieces`}`,
    series,
    xDomain: [X0, X1],
    yDomain: [-1.25, 1.25],
    xLabel: 'x',
    width: 560,
    height: 320,
  });
}

export function errorChartSvg(s: ApproxSettings, curves = errorCurves(s)): string {
  const here = maxError(targetOf(s.target).f, approximation(targetOf(s.target), s.units, s.n, s.steepness), 401);
  return chartSvg({
    title: `Largest error on [−1, 1] against the number of pieces N, for ${targetOf(s.target).label}`,
    series: [
      { name: `sigmoid bumps, steepness ${s.steepness}`, x: curves.n, y: curves.sigmoid, color: palette[5]! },
      { name: 'ReLU pieces', x: curves.n, y: curves.relu, color: palette[0]! },
      { name: `N = ${s.n}`, x: [s.n], y: [here], color: 'currentColor', mark: 'points' },
    ],
    yLog: true,
    // Fixed, so the curves stay put while N moves and start below the legend.
    yDomain: [1e-3, 30],
    xDomain: [1, curves.n.length],
    xLabel: 'N (bumps or pieces)',
    yLabel: 'max |f(x) − g(x)|',
    width: 560,
    height: 260,
  });
}

/** One line under the charts: units used and the worst error. */
export function approxSummary(s: ApproxSettings): string {
  const target = targetOf(s.target);
  const w = worstPoint(target.f, approximation(target, s.units, s.n, s.steepness));
  const what = s.units === 'sigmoid' ? `${s.n} bump${s.n > 1 ? 's' : ''} = ${hiddenUnits('sigmoid', s.n)} sigmoid units` : `${s.n} piece${s.n > 1 ? 's' : ''} = ${hiddenUnits('relu', s.n)} ReLU units`;
  return `${what}: largest error ${w.error.toFixed(3)}, at x = ${w.x.toFixed(2)}`;
}

/** The union-of-triangles network's region over [−1, 1]² with its first layer's lines dashed on top. */
export function unionRegionsSvg(size = 120, side = 320): string {
  const { layer1, classify } = unionNetwork(exampleTriangles);
  return regionsSvg({
    box: { x0: X0, x1: X1, y0: X0, y1: X1 },
    size,
    gridClasses: regionGrid(classify, size),
    title: 'The output of a two-hidden-layer threshold network: 1 on three triangles, 0 elsewhere, with the nine lines of its first layer',
    width: side,
    colors: ['#999999', palette[2]!],
    regionOpacity: 0.4,
    ticks: [-1, 0, 1],
    overlay: (px, py) => {
      const lines = layer1
        .map(clipLine)
        .filter((l): l is [Point, Point] => l !== null)
        .map(([p, q]) => `<line x1="${px(p[0]).toFixed(1)}" y1="${py(p[1]).toFixed(1)}" x2="${px(q[0]).toFixed(1)}" y2="${py(q[1]).toFixed(1)}"/>`);
      return `<g stroke="currentColor" stroke-opacity="0.45" stroke-dasharray="4 3" stroke-width="1">${lines.join('')}</g>`;
    },
  });
}
