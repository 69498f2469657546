/**
 * Decision regions as an SVG string: a raster of predicted classes over a box, tinted by class, with data points
 * on top. Pure (no DOM), so a lesson can draw a classifier's regions at build time and the page shows them without
 * JavaScript. The raster is written as horizontal runs of equal class, one <rect> per run, so a model with a few
 * smooth boundaries costs a few hundred rectangles instead of size² of them.
 */
import type { GridBox } from '../../../../graders/problem.ts';
import { esc, palette, r2 } from './svg-basics.ts';

export interface RegionsSvgOptions {
  /** The plotted area in data coordinates. */
  box: Omit<GridBox, 'size'>;
  /** The raster is size×size cells. */
  size: number;
  /** Class of each cell, row-major, row 0 at y0 (the bottom), as the runtime's `grid` evaluation returns it. */
  gridClasses: ArrayLike<number>;
  /** Points to draw: x holds (x, y) pairs, y the true class; `predicted` (optional) rings the misclassified ones. */
  points?: { x: ArrayLike<number>; y: ArrayLike<number>; predicted?: ArrayLike<number> };
  /** Accessible name (becomes the SVG's <title>). */
  title: string;
  /** Side of the square plot area in px (default 320). */
  width?: number;
  /** One colour per class (default: the Okabe–Ito palette of the other charts). */
  colors?: readonly string[];
  /** Opacity of the region tint (default 0.28, as the exercise plot). */
  regionOpacity?: number;
  /** Tick values drawn on both axes (default: none). */
  ticks?: number[];
  /** Extra markup drawn on top of everything, given the maps from data coordinates to the SVG's pixels. */
  overlay?: (px: (x: number) => number, py: (y: number) => number) => string;
}

/** One horizontal run of cells of one class: row r, columns c0 … c1 − 1. */
export interface Run {
  row: number;
  c0: number;
  c1: number;
  cls: number;
}

/** The raster as runs of equal class along each row. */
export function regionRuns(gridClasses: ArrayLike<number>, size: number): Run[] {
  const runs: Run[] = [];
  for (let r = 0; r < size; r++) {
    let c0 = 0;
    for (let c = 1; c <= size; c++)
      if (c === size || gridClasses[r * size + c] !== gridClasses[r * size + c0]) {
        runs.push({ row: r, c0, c1: c, cls: gridClasses[r * size + c0]! });
        c0 = c;
      }
  }
  return runs;
}

/** Indices 0, k, 2k, … of n rows: a deterministic subsample (the datasets are already shuffled). */
export function everyKth(n: number, k: number): number[] {
  return Array.from({ length: Math.ceil(n / k) }, (_, i) => i * k);
}

/** Every k-th of a set of 2-D points (x holds (x, y) pairs, y one label per point), as everyKth picks them. */
export function everyKthPoint(points: { x: ArrayLike<number>; y: ArrayLike<number> }, k: number): { x: Float32Array; y: Int32Array } {
  const idx = everyKth(points.y.length, k);
  return { x: Float32Array.from(idx.flatMap((i) => [points.x[2 * i]!, points.x[2 * i + 1]!])), y: Int32Array.from(idx, (i) => points.y[i]!) };
}

/** The regions (and points) as a standalone SVG element string. */
export function regionsSvg(o: RegionsSvgOptions): string {
  const side = o.width ?? 320;
  const colors = o.colors ?? palette;
  const m = o.ticks?.length ? { left: 30, bottom: 22, top: 6, right: 6 } : { left: 1, bottom: 1, top: 1, right: 1 };
  const W = side + m.left + m.right, H = side + m.top + m.bottom;
  const { box, size } = o;
  const px = (x: number) => m.left + ((x - box.x0) / (box.x1 - box.x0)) * side;
  const py = (y: number) => m.top + side - ((y - box.y0) / (box.y1 - box.y0)) * side;
  const cell = side / size;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" class="rdl-regions"><title>${esc(o.title)}</title>`);

  // Regions: one group per class so the fill is written once.
  const runs = regionRuns(o.gridClasses, size);
  const classes = [...new Set(runs.map((r) => r.cls))].sort((a, b) => a - b);
  parts.push(`<g fill-opacity="${o.regionOpacity ?? 0.28}" shape-rendering="crispEdges">`);
  for (const k of classes) {
    parts.push(`<g fill="${colors[k % colors.length]}">`);
    for (const run of runs)
      if (run.cls === k)
        // Row 0 is the bottom of the box; SVG y grows downwards.
        parts.push(`<rect x="${r2(m.left + run.c0 * cell)}" y="${r2(m.top + side - (run.row + 1) * cell)}" width="${r2((run.c1 - run.c0) * cell)}" height="${r2(cell)}"/>`);
    parts.push('</g>');
  }
  parts.push('</g>');

  if (o.ticks?.length) {
    parts.push('<g fill="currentColor" font-size="11" font-family="system-ui, sans-serif">');
    for (const t of o.ticks) {
      if (t >= box.x0 && t <= box.x1) parts.push(`<text x="${r2(px(t))}" y="${H - 6}" text-anchor="middle">${t}</text>`);
      if (t >= box.y0 && t <= box.y1) parts.push(`<text x="${m.left - 5}" y="${r2(py(t) + 4)}" text-anchor="end">${t}</text>`);
    }
    parts.push('</g>');
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${side}" height="${side}" fill="none" stroke="currentColor" stroke-opacity="0.35"/>`);

  if (o.points) {
    const { x, y, predicted } = o.points;
    const byClass = new Map<number, string[]>();
    const wrong: string[] = [];
    for (let i = 0; i < y.length; i++) {
      const cx = r2(px(x[2 * i]!)), cy = r2(py(x[2 * i + 1]!));
      const k = y[i]!;
      if (!byClass.has(k)) byClass.set(k, []);
      byClass.get(k)!.push(`<circle cx="${cx}" cy="${cy}" r="2.4"/>`);
      if (predicted && predicted[i] !== k) wrong.push(`<circle cx="${cx}" cy="${cy}" r="3.4"/>`);
    }
    for (const [k, circles] of [...byClass].sort(([a], [b]) => a - b)) parts.push(`<g fill="${colors[k % colors.length]}">${circles.join('')}</g>`);
    if (wrong.length) parts.push(`<g fill="none" stroke="currentColor" stroke-width="1">${wrong.join('')}</g>`);
  }
  if (o.overlay) parts.push(o.overlay(px, py));
  parts.push('</svg>');
  return parts.join('');
}
