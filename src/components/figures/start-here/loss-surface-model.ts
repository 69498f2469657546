/**
 * The model behind "How a network learns"'s loss-surface figure: a line ŷ = w·x + b fitted to 20 points by the mean
 * squared error, a loss with two weights that can be drawn as a map. Plain gradient descent from one start at three
 * learning rates: too small (it creeps), about right (the best constant step for this bowl) and too large (just past
 * the point where it diverges). Pure float64 maths, run when the page is built and by the lesson's test.
 *
 * For a quadratic loss the learning rates follow from the curvature: with the Hessian's eigenvalues λmin ≤ λmax,
 * gradient descent converges for η < 2/λmax, and η = 2/(λmax + λmin) shrinks the slowest direction fastest.
 */
import { makeRng } from '../../../../graders/rng.ts';

/** The 20 points: x uniform in [−0.5, 1.5] (not centred on 0, so w and b pull against each other and the bowl is a tilted valley). */
export function surfaceData(): { x: number[]; y: number[] } {
  const rng = makeRng(7, 'loss-surface');
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 20; i++) {
    const xi = 2 * rng.uniform() - 0.5;
    x.push(xi);
    y.push(1.5 * xi - 1 + 0.3 * rng.normal());
  }
  return { x, y };
}

/** The mean squared error of the line (w, b) on the points. */
export function lineLoss(w: number, b: number, d = surfaceData()): number {
  let s = 0;
  for (let i = 0; i < d.x.length; i++) s += (w * d.x[i]! + b - d.y[i]!) ** 2;
  return s / d.x.length;
}

/** ∂L/∂w and ∂L/∂b. */
export function lineGradient(w: number, b: number, d = surfaceData()): [number, number] {
  let gw = 0;
  let gb = 0;
  for (let i = 0; i < d.x.length; i++) {
    const r = (2 * (w * d.x[i]! + b - d.y[i]!)) / d.x.length;
    gw += r * d.x[i]!;
    gb += r;
  }
  return [gw, gb];
}

/** The Hessian's eigenvalues (the loss is quadratic, so it is the same everywhere): 2·[[E x², E x], [E x, 1]]. */
export function curvature(d = surfaceData()): { lambdaMin: number; lambdaMax: number } {
  const n = d.x.length;
  const ex = d.x.reduce((s, v) => s + v, 0) / n;
  const ex2 = d.x.reduce((s, v) => s + v * v, 0) / n;
  const tr = 2 * (ex2 + 1);
  const det = 4 * (ex2 - ex * ex);
  const disc = Math.sqrt(tr * tr - 4 * det);
  return { lambdaMin: (tr - disc) / 2, lambdaMax: (tr + disc) / 2 };
}

/** The least-squares line: where the loss is lowest. */
export function minimum(d = surfaceData()): { w: number; b: number; loss: number } {
  const n = d.x.length;
  const ex = d.x.reduce((s, v) => s + v, 0) / n;
  const ey = d.y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (d.x[i]! - ex) * (d.y[i]! - ey);
    sxx += (d.x[i]! - ex) ** 2;
  }
  const w = sxy / sxx;
  const b = ey - w * ex;
  return { w, b, loss: lineLoss(w, b, d) };
}

/** One gradient-descent run: the points (w, b) visited and their losses, start included. */
export interface DescentPath {
  name: string;
  learningRate: number;
  w: number[];
  b: number[];
  loss: number[];
}

/** The start every path shares, and how many steps each takes. */
export const start = { w: -1, b: -2 };
export const steps = 15;

/** Plain gradient descent from `start` for `steps` steps. */
export function descend(name: string, learningRate: number, d = surfaceData()): DescentPath {
  const path: DescentPath = { name, learningRate, w: [start.w], b: [start.b], loss: [lineLoss(start.w, start.b, d)] };
  for (let s = 0; s < steps; s++) {
    const [gw, gb] = lineGradient(path.w[s]!, path.b[s]!, d);
    const w = path.w[s]! - learningRate * gw;
    const b = path.b[s]! - learningRate * gb;
    path.w.push(w);
    path.b.push(b);
    path.loss.push(lineLoss(w, b, d));
  }
  return path;
}

/** The three learning rates, from the curvature, and their paths. */
export function lossSurface() {
  const d = surfaceData();
  const { lambdaMin, lambdaMax } = curvature(d);
  const best = 2 / (lambdaMax + lambdaMin);
  const rates = { small: best / 8, right: best, large: 1.1 * (2 / lambdaMax) };
  return {
    data: d,
    lambdaMin,
    lambdaMax,
    minimum: minimum(d),
    stabilityLimit: 2 / lambdaMax,
    paths: [descend('too small', rates.small, d), descend('about right', rates.right, d), descend('too large', rates.large, d)],
  };
}

/** A line segment of a contour: [x0, y0, x1, y1] in grid coordinates (column, row). */
export type Segment = [number, number, number, number];

/**
 * Contour segments of `values` (rows × cols, row-major) at `level`, by marching squares: each cell whose corners lie
 * on both sides of the level gets one or two segments between the edge crossings (linear interpolation).
 */
export function contourSegments(values: ArrayLike<number>, rows: number, cols: number, level: number): Segment[] {
  const out: Segment[] = [];
  const v = (r: number, c: number) => values[r * cols + c]!;
  for (let r = 0; r + 1 < rows; r++)
    for (let c = 0; c + 1 < cols; c++) {
      // Corners in order: (r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c); edges between consecutive corners.
      const corners: [number, number, number][] = [
        [c, r, v(r, c)],
        [c + 1, r, v(r, c + 1)],
        [c + 1, r + 1, v(r + 1, c + 1)],
        [c, r + 1, v(r + 1, c)],
      ];
      const crossings: [number, number][] = [];
      for (let e = 0; e < 4; e++) {
        const [xa, ya, va] = corners[e]!;
        const [xb, yb, vb] = corners[(e + 1) % 4]!;
        if (va < level !== vb < level) {
          const t = (level - va) / (vb - va);
          crossings.push([xa + t * (xb - xa), ya + t * (yb - ya)]);
        }
      }
      // Two crossings: one segment; four (a saddle cell, rare on a bowl): pair them in order.
      for (let k = 0; k + 1 < crossings.length; k += 2) out.push([crossings[k]![0], crossings[k]![1], crossings[k + 1]![0], crossings[k + 1]![1]]);
    }
  return out;
}
