/**
 * Activation functions and their derivatives in plain TypeScript, and the chart the "Activation functions" lesson
 * draws from them: at build time for the static figure, and in the browser when the reader ticks a function or
 * moves the z slider. Pure (no DOM, no tfjs).
 */
import { relu, sigmoid } from '../activation-fns.ts';
import { chartSvg, palette, type Series } from '../../kit/svg-chart.ts';

export { sigmoid };

export type ActivationName = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'gelu';

export interface ActivationDef {
  name: ActivationName;
  /** How the lesson names it. */
  label: string;
  f: (z: number) => number;
  /** The derivative; at a kink, the value frameworks use (ReLU'(0) = 0 in tfjs and PyTorch). */
  df: (z: number) => number;
  /** Points where df jumps: the plot breaks the dashed line there instead of drawing a vertical riser. */
  jumps: number[];
  color: string;
  /** Not one of the lesson's four main functions. */
  extra: boolean;
}

/**
 * The error function, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for plotting GELU, and it keeps the
 * figure free of dependencies.
 */
export function erf(x: number): number {
  const s = Math.sign(x), a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return s * (1 - poly * Math.exp(-a * a));
}

/** Standard normal CDF Φ and density φ, for GELU(z) = z·Φ(z). */
const Phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** Leaky ReLU slope for z < 0: PyTorch's default (tf.layers.leakyReLU defaults to 0.3, tf.leakyRelu to 0.2). */
export const leakySlope = 0.01;

export const activations: Record<ActivationName, ActivationDef> = {
  linear: { name: 'linear', label: 'linear (identity)', f: (z) => z, df: () => 1, jumps: [], color: palette[3]!, extra: false },
  sigmoid: { name: 'sigmoid', label: 'sigmoid σ', f: sigmoid, df: (z) => sigmoid(z) * (1 - sigmoid(z)), jumps: [], color: palette[0]!, extra: false },
  tanh: { name: 'tanh', label: 'tanh', f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2, jumps: [], color: palette[1]!, extra: false },
  relu: { name: 'relu', label: 'ReLU', f: relu, df: (z) => (z > 0 ? 1 : 0), jumps: [0], color: palette[2]!, extra: false },
  leakyRelu: { name: 'leakyRelu', label: `leaky ReLU (slope ${leakySlope})`, f: (z) => (z > 0 ? z : leakySlope * z), df: (z) => (z > 0 ? 1 : leakySlope), jumps: [0], color: palette[5]!, extra: true },
  gelu: { name: 'gelu', label: 'GELU', f: (z) => z * Phi(z), df: (z) => Phi(z) + z * phi(z), jumps: [], color: palette[4]!, extra: true },
};

export const mainActivations: ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu'];
export const extraActivations: ActivationName[] = ['leakyRelu', 'gelu'];

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

/** f and f′ of each function at each z, for the static table. */
export function valueTable(names: ActivationName[], zs: number[]): { name: ActivationName; label: string; f: number[]; df: number[] }[] {
  return names.map((n) => ({ name: n, label: activations[n].label, f: zs.map(activations[n].f), df: zs.map(activations[n].df) }));
}
