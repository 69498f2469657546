/**
 * The universal-approximation lesson's maths: sums of sigmoid bumps and of ReLU pieces that approximate a function on
 * [−1, 1], their errors, and a two-hidden-layer threshold network whose decision region is a union of triangles. No
 * markup, no DOM and no tfjs: approx-view.ts draws it at build time and again in the browser when a slider moves,
 * and the unit tests call it directly. (The noisy cubic's noise floor is in scripts/activation-depth/approx-cubic.ts,
 * which imports the grader's generator and so stays out of the browser bundle.)
 */
import { gridCellCentres } from '../../../../../graders/problem.ts';
import { relu, sigmoid } from '../activation-fns.ts';
import { boundarySegment } from '../neuron/neuron-model.ts';

/** A target function on [−1, 1], with what the lesson calls it. */
export interface Target {
  id: 'cube' | 'wiggle';
  label: string;
  f: (x: number) => number;
}

export const targets: Target[] = [
  { id: 'cube', label: 'x³', f: (x) => x * x * x },
  // Four humps (sin(7x) runs through 14 radians, 2.2 periods, on [−1, 1]) on a trend: a few bumps cannot follow it.
  { id: 'wiggle', label: 'sin(7x) / 2 + x / 2', f: (x) => Math.sin(7 * x) / 2 + x / 2 },
];

/** Interval the figures approximate on. */
export const X0 = -1;
export const X1 = 1;

/**
 * One bump of height 1 between a and b: σ(s(x − a)) − σ(s(x − b)), two sigmoid units of steepness s. With s large
 * it is ≈ 1 inside (a, b) and ≈ 0 outside; with s small its shoulders spread over about 4/s on each side.
 */
export function bump(x: number, a: number, b: number, s: number): number {
  return sigmoid(s * (x - a)) - sigmoid(s * (x - b));
}

/** Edges and heights of N bumps that tile [X0, X1]: bump i spans [edges[i], edges[i+1]] with height f(midpoint). */
export function bumpPlan(f: (x: number) => number, n: number): { edges: number[]; heights: number[] } {
  const h = (X1 - X0) / n;
  const edges = Array.from({ length: n + 1 }, (_, i) => X0 + i * h);
  // The outermost edges move one unit past the interval, so the sum does not sag to half height at x = ±1 (where
  // a bump's shoulder would be). The network still has one sigmoid unit per edge (see bumpSteps).
  edges[0] = X0 - 1;
  edges[n] = X1 + 1;
  const heights = Array.from({ length: n }, (_, i) => f(X0 + (i + 0.5) * h));
  return { edges, heights };
}

/**
 * The bump approximation g(x) = Σᵢ f(cᵢ)·bump(x; aᵢ, aᵢ₊₁, s). Adjacent bumps share an edge, so the sum telescopes
 * into N + 1 steps (bumpSteps): a network with one hidden layer of N + 1 sigmoid units (steepness s), not 2N.
 */
export function bumpSum(f: (x: number) => number, n: number, s: number): (x: number) => number {
  const { edges, heights } = bumpPlan(f, n);
  return (x) => {
    let y = 0;
    for (let i = 0; i < n; i++) y += heights[i]! * bump(x, edges[i]!, edges[i + 1]!, s);
    return y;
  };
}

/**
 * The bump sum written as the network computes it: g(x) = Σⱼ heights[j]·σ(s(x − edges[j])), j = 0 … N, one sigmoid
 * unit per edge. Step j's height is the jump between the bumps it separates, f(cⱼ) − f(cⱼ₋₁), counting the heights
 * beyond the ends as 0: f(c₁) for the first step, −f(c_N) for the last.
 */
export function bumpSteps(f: (x: number) => number, n: number): { edges: number[]; heights: number[] } {
  const { edges, heights: bumps } = bumpPlan(f, n);
  const heights = edges.map((_, j) => (bumps[j] ?? 0) - (bumps[j - 1] ?? 0));
  return { edges, heights };
}

/** The N + 1 sigmoid units of bumpSteps, summed: the same function as bumpSum, computed one unit per edge. */
export function stepSum(f: (x: number) => number, n: number, s: number): (x: number) => number {
  const { edges, heights } = bumpSteps(f, n);
  return (x) => heights.reduce((y, h, j) => y + h * sigmoid(s * (x - edges[j]!)), 0);
}

/**
 * Piecewise-linear interpolation of f at N + 1 evenly spaced knots, written as a ReLU network:
 * g(x) = f(x₀) + m₀·ReLU(x − x₀) + Σᵢ (mᵢ − mᵢ₋₁)·ReLU(x − xᵢ): N hidden units, one for the first piece's slope
 * (on the interval x − x₀ = ReLU(x − x₀)) and one per kink, and the output bias f(x₀).
 */
export function reluSum(f: (x: number) => number, n: number): (x: number) => number {
  const h = (X1 - X0) / n;
  const knots = Array.from({ length: n + 1 }, (_, i) => X0 + i * h);
  const values = knots.map(f);
  const slopes = Array.from({ length: n }, (_, i) => (values[i + 1]! - values[i]!) / h);
  return (x) => {
    let y = values[0]! + slopes[0]! * relu(x - knots[0]!);
    for (let i = 1; i < n; i++) y += (slopes[i]! - slopes[i - 1]!) * relu(x - knots[i]!);
    return y;
  };
}

/** Evenly spaced points over [X0, X1], both ends included. */
export function grid(points: number): number[] {
  return Array.from({ length: points }, (_, i) => X0 + ((X1 - X0) * i) / (points - 1));
}

/** Largest |f(x) − g(x)| over a fine grid of [X0, X1] (the "sup norm" of the theorem, measured on 2001 points). */
export function maxError(f: (x: number) => number, g: (x: number) => number, points = 2001): number {
  return worstPoint(f, g, points).error;
}

export type Units = 'sigmoid' | 'relu';

/** The approximation the figure draws: N sigmoid bumps of steepness s (N + 1 units), or N ReLU pieces (N units). */
export function approximation(target: Target, units: Units, n: number, s: number): (x: number) => number {
  return units === 'sigmoid' ? bumpSum(target.f, n, s) : reluSum(target.f, n);
}

/** The hidden units the approximation uses: N + 1 sigmoid steps (adjacent bumps share one), or N ReLU ramps. */
export const hiddenUnits = (units: Units, n: number): number => (units === 'sigmoid' ? n + 1 : n);

/** Bump counts in the lesson's table. */
export const tableNs = [2, 5, 10, 20, 50];
/** Steepness of the figure's default and of the table: steep enough for 50 bumps of width 0.04 (4/s = 0.04). */
export const defaultSteepness = 100;
export const defaultN = 10;

/** Rows of the lesson's max-error table: per N, the sigmoid-bump and ReLU-piece errors for a target. */
export function errorTable(target: Target, s = defaultSteepness, ns = tableNs): { n: number; sigmoid: number; relu: number }[] {
  return ns.map((n) => ({ n, sigmoid: maxError(target.f, bumpSum(target.f, n, s)), relu: maxError(target.f, reluSum(target.f, n)) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Two hidden layers: any decision region that is a union of convex polygons.

export type Point = [number, number];

/** Half-plane w·p + b > 0, as a threshold unit of the first hidden layer. */
export interface HalfPlane {
  w: Point;
  b: number;
}

/** The three half-planes whose intersection is the triangle's inside (vertices in either orientation). */
export function triangleHalfPlanes(tri: [Point, Point, Point]): HalfPlane[] {
  const [p, q, r] = tri;
  const ccw = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]) > 0;
  const edges: [Point, Point][] = ccw ? [[p, q], [q, r], [r, p]] : [[p, r], [r, q], [q, p]];
  // For a counter-clockwise edge u → v the inside is on the left: the normal (−dy, dx) points inwards.
  return edges.map(([u, v]) => {
    const w: Point = [-(v[1] - u[1]), v[0] - u[0]];
    return { w, b: -(w[0] * u[0] + w[1] * u[1]) };
  });
}

const step = (z: number): number => (z > 0 ? 1 : 0);

/**
 * A network with two hidden layers of threshold units whose output is 1 exactly on the union of the triangles:
 * layer 1 has one unit per edge (a half-plane), layer 2 one unit per triangle that fires when all three of its
 * half-planes do (AND: sum − 2.5 > 0), and the output fires when any triangle unit does (OR: sum − 0.5 > 0).
 * Steep sigmoids in place of the steps give the same picture up to a thin blur along the edges.
 */
export function unionNetwork(triangles: [Point, Point, Point][]): { layer1: HalfPlane[]; classify: (p: Point) => number } {
  const layer1 = triangles.flatMap(triangleHalfPlanes);
  const classify = (p: Point): number => {
    const h1 = layer1.map(({ w, b }) => step(w[0] * p[0] + w[1] * p[1] + b));
    const h2 = triangles.map((_, t) => step(h1[3 * t]! + h1[3 * t + 1]! + h1[3 * t + 2]! - 2.5));
    return step(h2.reduce((a, v) => a + v, 0) - 0.5);
  };
  return { layer1, classify };
}

/** The lesson's example: three triangles, two of them overlapping, one apart: a region that is not convex. */
export const exampleTriangles: [Point, Point, Point][] = [
  [[-0.9, -0.7], [-0.1, -0.8], [-0.55, 0.6]],
  [[-0.6, 0.05], [0.35, -0.55], [0.25, 0.45]],
  [[0.45, 0.8], [0.9, -0.2], [0.95, 0.75]],
];

/** The network's output on a size×size grid over [−1, 1]², row 0 at y = −1 (the layout of the exercise plots). */
export function regionGrid(classify: (p: Point) => number, size: number): Uint8Array {
  const xy = gridCellCentres({ x0: X0, x1: X1, y0: X0, y1: X1, size });
  return Uint8Array.from({ length: size * size }, (_, i) => classify([xy[2 * i]!, xy[2 * i + 1]!]));
}

// ---------------------------------------------------------------------------------------------------------------
// The interactive figure's charts (SVG strings, drawn at build time and again in the browser).

export interface ApproxSettings {
  target: Target['id'];
  units: Units;
  n: number;
  steepness: number;
}

export const defaultSettings: ApproxSettings = { target: 'cube', units: 'sigmoid', n: defaultN, steepness: defaultSteepness };

/** The target with this id. */
export const targetOf = (id: Target['id']): Target => targets.find((t) => t.id === id)!;

/** Where the error is largest, and how large. */
export function worstPoint(f: (x: number) => number, g: (x: number) => number, points = 2001): { x: number; error: number } {
  let best = { x: X0, error: -1 };
  for (const x of grid(points)) {
    const e = Math.abs(f(x) - g(x));
    if (e > best.error) best = { x, error: e };
  }
  return best;
}

/** Max error against N (1 … 50) for sigmoid bumps at the current steepness and for ReLU pieces, log scale. */
export function errorCurves(s: Pick<ApproxSettings, 'target' | 'steepness'>, nMax = 50): { n: number[]; sigmoid: number[]; relu: number[] } {
  const f = targetOf(s.target).f;
  const n = Array.from({ length: nMax }, (_, i) => i + 1);
  // 401 points keep the curve cheap enough to redraw while a slider moves; the table uses 2001.
  return { n, sigmoid: n.map((k) => maxError(f, bumpSum(f, k, s.steepness), 401)), relu: n.map((k) => maxError(f, reluSum(f, k), 401)) };
}

/** The segment of the line w·p + b = 0 inside the square [−1, 1]², or null if it misses it. */
export function clipLine({ w, b }: HalfPlane): [Point, Point] | null {
  return boundarySegment({ w1: w[0], w2: w[1], b }, { x0: X0, x1: X1, y0: X0, y1: X1 });
}
