/**
 * Linear regions of ReLU networks, for the "Width vs depth" lesson. Pure TypeScript (no tfjs, no DOM, no markup:
 * depth-regions-view.ts draws it): it runs at build time for the static figure and table, and in the browser when
 * the reader draws a new random net.
 *
 * A ReLU net is piecewise linear: fix which units are active (the activation pattern) and every layer is an
 * affine map, so the whole net is one. The set of inputs sharing a pattern is a convex polytope (each unit's sign
 * is a linear inequality once the earlier units' states are fixed), so a line meets each region in at most one
 * interval, and counting the intervals of constant pattern along a line counts the regions the line crosses.
 *
 * 1-D input: counted exactly, layer by layer. Each unit's pre-activation is piecewise linear in x with knots at
 * the earlier units' zero crossings; a new crossing is where it changes sign between two knots.
 * 2-D input: the distinct patterns met on a grid (a lower bound on the regions in the box: tiny ones slip between
 * grid points).
 */
import { initLayer, initStack } from '../../../../../graders/dense.ts';
import { gridCellCentres } from '../../../../../graders/problem.ts';
import { makeRng } from '../../../../../graders/rng.ts';

/** A dense layer, y = x·W + b with W row-major inputs×units (graders/dense.ts's DenseLayer, any float width). */
export interface Layer {
  weights: ArrayLike<number>;
  bias: ArrayLike<number>;
  inputs: number;
  units: number;
}

/** Hidden ReLU layers, then one linear output layer. */
export type ReluNet = Layer[];

/**
 * A random ReLU net with these hidden widths. `pytorch`: nn.Linear's default, W and b uniform in ±1/√fan_in.
 * `he`: W normal with variance 2/fan_in (He et al. 2015, which keeps the signal's size from layer to layer), b as
 * in PyTorch's default.
 */
export function randomReluNet(widths: number[], inputs: number, seed: number, scheme: 'pytorch' | 'he' = 'pytorch'): ReluNet {
  return initStack([inputs, ...widths, 1], makeRng(seed, 'linear-regions'), (fanIn, units, rng) => {
    const layer = initLayer(fanIn, units, rng);
    if (scheme === 'he') {
      const std = Math.sqrt(2 / fanIn);
      for (let k = 0; k < layer.weights.length; k++) layer.weights[k] = rng.normal() * std;
    }
    return layer;
  });
}

/**
 * The zigzag ("sawtooth") net on [0, 1]: a hidden layer of m units computes h_j = relu(t − j/m), j = 0 … m−1, of
 * its input t, and the next layer reads g(t) = m·h_0 + Σ_{j≥1} 2m(−1)^j·h_j: m linear pieces that each sweep
 * [0, 1], up, down, up… Composing layers of widths m_1 … m_L gives m_1·m_2·…·m_L pieces. With m = 2 it is the
 * tent map t ↦ 1 − |2t − 1|, composed L times: 2^L pieces from 2L neurons. Float64 weights, so the valleys
 * touch 0 without dipping below it.
 */
export function zigzagNet(widths: number[]): ReluNet {
  const coef = (m: number) => Array.from({ length: m }, (_, j) => (j === 0 ? m : 2 * m * (-1) ** j));
  const layers: ReluNet = [];
  widths.forEach((m, l) => {
    const prev = l === 0 ? [1] : coef(widths[l - 1]!); // the previous layer's units combine into t = g(…)
    const weights = new Float64Array(prev.length * m);
    prev.forEach((c, i) => {
      for (let j = 0; j < m; j++) weights[i * m + j] = c;
    });
    const bias = Float64Array.from({ length: m }, (_, j) => -j / m);
    layers.push({ weights, bias, inputs: prev.length, units: m });
  });
  const last = coef(widths[widths.length - 1]!);
  layers.push({ weights: Float64Array.from(last), bias: new Float64Array(1), inputs: last.length, units: 1 });
  return layers;
}

export interface Regions1d {
  /** Activation regions the interval [lo, hi] crosses: distinct pattern changes + 1. */
  regions: number;
  /** Where the activation pattern changes, sorted. */
  breakpoints: number[];
  /** Linear pieces of the output: regions whose neighbours give the output a different slope are merged. */
  pieces: number;
  /** The output at every knot (interval ends and breakpoints): the exact piecewise-linear graph. */
  knots: { x: number[]; y: number[] };
}

/** Position of the sign change of `v` between knots k−1 and k (values a, b of opposite signs). */
function crossing(x0: number, x1: number, a: number, b: number): number {
  return x0 + ((x1 - x0) * a) / (a - b);
}

/** Exact activation regions of a ReLU net with one input along [lo, hi]. */
export function regions1d(net: ReluNet, lo: number, hi: number): Regions1d {
  if (net[0]!.inputs !== 1) throw new Error('regions1d needs a net with one input');
  let xs = [lo, hi];
  // acts[i][k]: value of unit i of the current layer's input at knot k (piecewise linear between knots).
  let acts: number[][] = [[lo, hi]];
  const breaks: number[] = [];
  const eps = 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi));
  const affineAt = (layer: Layer, a: number[][], k: number, j: number) => {
    let s = layer.bias[j]!;
    for (let i = 0; i < layer.inputs; i++) s += a[i]![k]! * layer.weights[i * layer.units + j]!;
    return s;
  };
  for (let l = 0; l < net.length - 1; l++) {
    const layer = net[l]!;
    // Pre-activations at the current knots (exact: affine maps of piecewise-linear inputs).
    const z = Array.from({ length: layer.units }, (_, j) => xs.map((_, k) => affineAt(layer, acts, k, j)));
    // Sign changes of each unit. Zeros at a knot (a unit that touches 0 without crossing, like the zigzag's
    // valleys) are skipped: only a change between two nonzero signs is a boundary, placed at the zero knot if
    // there is one. "Zero" allows for rounding: |z| below 1e-10 of the unit's largest |z| on the interval.
    const found: number[] = [];
    for (const zj of z) {
      const tiny = 1e-10 * Math.max(...zj.map(Math.abs));
      let lastK = -1;
      for (let k = 0; k < xs.length; k++) {
        if (Math.abs(zj[k]!) <= tiny) continue;
        if (lastK >= 0 && Math.sign(zj[k]!) !== Math.sign(zj[lastK]!))
          found.push(k - lastK > 1 ? xs[lastK + 1]! : crossing(xs[lastK]!, xs[k]!, zj[lastK]!, zj[k]!));
        lastK = k;
      }
    }
    // Insert the crossings as knots; every earlier unit is linear between old knots, so interpolate.
    const merged = [...xs.map((x) => ({ x, old: true })), ...found.map((x) => ({ x, old: false }))].sort((a, b) => a.x - b.x);
    const newXs: number[] = [];
    for (const m of merged) if (!newXs.length || m.x - newXs[newXs.length - 1]! > eps) newXs.push(m.x);
    for (const f of found) if (f > lo + eps && f < hi - eps) breaks.push(f);
    const interp = (vals: number[]) => {
      const out: number[] = [];
      let k = 0;
      for (const x of newXs) {
        while (k < xs.length - 2 && xs[k + 1]! < x) k++;
        const x0 = xs[k]!, x1 = xs[k + 1]!;
        const t = x1 === x0 ? 0 : Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
        out.push(vals[k]! + t * (vals[k + 1]! - vals[k]!));
      }
      return out;
    };
    const prevActs = acts.map(interp);
    xs = newXs;
    acts = Array.from({ length: layer.units }, (_, j) => xs.map((_, k) => Math.max(0, affineAt(layer, prevActs, k, j))));
  }
  const out = net[net.length - 1]!;
  const y = xs.map((_, k) => affineAt(out, acts, k, 0));
  breaks.sort((a, b) => a - b);
  const distinct = breaks.filter((b, i) => i === 0 || b - breaks[i - 1]! > eps);
  // Pieces of the output: count slope changes between consecutive segments.
  const slopes = xs.slice(1).map((x, k) => (y[k + 1]! - y[k]!) / (x - xs[k]!));
  const scale = Math.max(1e-300, ...slopes.map(Math.abs));
  let pieces = 1;
  for (let k = 1; k < slopes.length; k++) if (Math.abs(slopes[k]! - slopes[k - 1]!) > 1e-7 * scale) pieces++;
  return { regions: distinct.length + 1, breakpoints: distinct, pieces, knots: { x: xs, y } };
}

/** Most regions any net with these hidden widths can cut a line into: each unit of a layer is linear on each of
 *  the regions so far, so it adds at most one boundary per region: R_l ≤ R_{l−1}·(n_l + 1). */
export function lineUpperBound(widths: number[]): number {
  return widths.reduce((r, n) => r * (n + 1), 1);
}

/** Pieces of the zigzag net with these widths: the product of the widths. */
export function zigzagPieces(widths: number[]): number {
  return widths.reduce((r, n) => r * n, 1);
}

export interface PatternGrid {
  size: number;
  /** Region index of each cell, row-major, row 0 at the bottom (y = lo). */
  ids: Int32Array;
  /** Distinct activation patterns met on the grid. */
  regions: number;
}

/** Activation pattern at every cell centre of a size×size grid over [lo, hi]² (a net with two inputs). */
export function patternGrid(net: ReluNet, lo: number, hi: number, size: number): PatternGrid {
  if (net[0]!.inputs !== 2) throw new Error('patternGrid needs a net with two inputs');
  const ids = new Int32Array(size * size);
  const seen = new Map<string, number>();
  const hidden = net.slice(0, -1);
  const bits: string[] = [];
  const xy = gridCellCentres({ x0: lo, x1: hi, y0: lo, y1: hi, size });
  for (let cell = 0; cell < size * size; cell++) {
    let a: number[] = [xy[2 * cell]!, xy[2 * cell + 1]!];
    bits.length = 0;
    for (const layer of hidden) {
      const next = new Array<number>(layer.units);
      for (let j = 0; j < layer.units; j++) {
        let s = layer.bias[j]!;
        for (let i = 0; i < layer.inputs; i++) s += a[i]! * layer.weights[i * layer.units + j]!;
        next[j] = s > 0 ? s : 0;
        bits.push(s > 0 ? '1' : '0');
      }
      a = next;
    }
    const key = bits.join('');
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = seen.size));
    ids[cell] = id;
  }
  return { ids, size, regions: seen.size };
}

/** Hidden widths of a budget of neurons spread evenly over `depth` layers. */
export function evenWidths(budget: number, depth: number): number[] {
  return Array<number>(depth).fill(budget / depth);
}

export interface CountStats {
  mean: number;
  min: number;
  max: number;
}

/** Mean, min and max of a count over seeds 1 … seeds. */
export function countStats(seeds: number, count: (seed: number) => number): CountStats {
  const v = Array.from({ length: seeds }, (_, i) => count(i + 1));
  return { mean: v.reduce((a, b) => a + b, 0) / v.length, min: Math.min(...v), max: Math.max(...v) };
}
