/**
 * The chart the "Activation functions" lesson draws from activations-model.ts, and the number format of its table
 * and read-out: at build time for the static figure, and in the browser when the reader ticks a function or moves
 * the z slider. Pure (no DOM, no tfjs).
 */
import { chartSvg, type Series } from '../../kit/svg-chart.ts';
import { activations, type ActivationName } from './activations-model.ts';

/**
 * g sampled at n + 1 evenly spaced points of [z0, z1]. At each jump j the line stops at g's left limit, breaks
 * (NaN), and restarts at the right limit.
 */
export function sampleCurve(g: (z: number) => number, z0: number, z1: number, n: number, jumps: number[] = []): { x: number[]; y: number[] } {
  const x: number[] = [], y: number[] = [];
  const pending = jumps.filter((j) => j > z0 && j < z1).sort((a, b) => a - b);
  for (let i = 0; i <= n; i++) {
    const z = z0 + ((z1 - z0) * i) / n;
    while (pending.length && pending[0]! <= z) {
      const j = pending.shift()!;
      const eps = 1e-9 * Math.max(1, Math.abs(j));
      x.push(j, j, j);
      y.push(g(j - eps), NaN, g(j + eps));
    }
    if (x.length && x[x.length - 1] === z) continue; // a jump point already placed
    x.push(z);
    y.push(g(z));
  }
  return { x, y };
}

/**
 * The polyline cut to lo ≤ y ≤ hi: where a segment leaves the range, the exact crossing point is inserted and the
 * line breaks (NaN) until it comes back. chartSvg does not clip, so a line steeper than the plot would otherwise
 * run out of the frame.
 */
export function clipToRange(x: number[], y: number[], lo: number, hi: number): { x: number[]; y: number[] } {
  const ox: number[] = [], oy: number[] = [];
  const inside = (v: number) => v >= lo && v <= hi;
  for (let i = 0; i < x.length; i++) {
    const yi = y[i]!, xi = x[i]!;
    if (i > 0) {
      const xp = x[i - 1]!, yp = y[i - 1]!;
      if (Number.isFinite(yp) && Number.isFinite(yi) && inside(yp) !== inside(yi)) {
        // Crossing into or out of the range between the two samples: add the point on the boundary.
        const edge = (inside(yp) ? yi : yp) > hi ? hi : lo;
        const t = (edge - yp) / (yi - yp);
        ox.push(xp + t * (xi - xp));
        oy.push(edge);
        if (inside(yp)) {
          ox.push(xi);
          oy.push(NaN);
          continue;
        }
      }
    }
    ox.push(xi);
    oy.push(Number.isFinite(yi) && inside(yi) ? yi : NaN);
  }
  return { x: ox, y: oy };
}

/** The chart's fixed window: both axes stay put when functions are toggled, so shapes can be compared. */
export const chartWindow = { z: [-5, 5] as [number, number], y: [-1.5, 2] as [number, number] };

export interface ActivationChartOptions {
  selected: ActivationName[];
  /** Mark f(z) and f'(z) at this z (a vertical line and two dots per function). */
  z?: number;
  width?: number;
  height?: number;
}

/** Each selected function (solid) and its derivative (dashed, same colour), optionally marked at z. */
export function activationChartSvg(o: ActivationChartOptions): string {
  const [z0, z1] = chartWindow.z, [lo, hi] = chartWindow.y;
  const series: Series[] = [];
  for (const name of o.selected) {
    const a = activations[name];
    const fc = clipToRange(...pair(sampleCurve(a.f, z0, z1, 400)), lo, hi);
    const dc = clipToRange(...pair(sampleCurve(a.df, z0, z1, 400, a.jumps)), lo, hi);
    series.push({ name: a.label, ...fc, color: a.color }, { name: `${a.label}′`, ...dc, color: a.color, dashed: true });
  }
  if (o.z !== undefined) {
    const z = o.z;
    series.push({ name: `z = ${z}`, x: [z, z], y: [lo, hi], color: 'currentColor' });
    for (const name of o.selected) {
      const a = activations[name];
      const ys = [a.f(z), a.df(z)].filter((v) => v >= lo && v <= hi);
      series.push({ name: `${a.label} at z`, x: ys.map(() => z), y: ys, color: a.color, mark: 'points' });
    }
  }
  const names = o.selected.map((n) => activations[n].label).join(', ');
  return chartSvg({
    series,
    width: o.width ?? 560,
    height: o.height ?? 340,
    xDomain: chartWindow.z,
    yDomain: chartWindow.y,
    xLabel: 'z (pre-activation)',
    yLabel: "f(z) solid, f′(z) dashed",
    title: o.selected.length ? `Activation functions (solid) and their derivatives (dashed): ${names}` : 'No activation function selected',
    legend: false,
  });
}

const pair = (c: { x: number[]; y: number[] }): [number[], number[]] => [c.x, c.y];

/** A value for tables and read-outs: 3 significant digits, no trailing zeros, −0 shown as 0. */
export function fmtValue(v: number): string {
  if (Object.is(v, -0) || v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}
