/**
 * A 2-D Gaussian mixture drawn on a plane as an SVG string: density contours (marching squares, d3-contour), each
 * component's 1σ and 2σ ellipses, and points coloured by label. Pure (no DOM), so the Mixtures lessons draw it at
 * build time (the page shows it without JavaScript) and their elements redraw it live from the same function.
 *
 * One function for every mixture figure of the module (samples from a mixture, fitted against true contours, EM's
 * steps, a classifier's per-class mixtures), so the five lessons draw the same thing the same way.
 */
import { contours } from 'd3-contour';
import type { DiagonalGmm } from '../../../../graders/mixtures/gmm.ts';
import { gmmLogDensity } from '../../../../graders/mixtures/log-density.ts';
import { esc, palette, r2 } from './svg-basics.ts';

/** The plotted square of the plane, in data coordinates. */
export interface PlaneBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** One mixture to draw, and how. */
export interface GmmLayer {
  gmm: DiagonalGmm;
  /** Stroke colour of its contours and ellipses (default: the palette's first colour). */
  color?: string;
  /** Dashed strokes (e.g. the true mixture under a fitted one). */
  dashed?: boolean;
  /** Density contours: true for the default levels, or explicit fractions of the density's maximum on the grid. */
  contours?: boolean | number[];
  /** Component ellipses at these multiples of σ (default none); e.g. [1, 2]. */
  ellipses?: number[];
  /** Mark each mean with a small cross (default: when ellipses are drawn). */
  means?: boolean;
  /** Colour each component's ellipses by its index in the palette instead of the layer's colour. */
  colorByComponent?: boolean;
}

export interface GmmPlaneOptions {
  box: PlaneBox;
  /** Accessible name (the SVG's <title>). */
  title: string;
  /** Mixtures, drawn in order (later on top). */
  layers: GmmLayer[];
  /** Points as (x, y) pairs; `labels` colours them by the palette (default: grey). */
  points?: { xy: ArrayLike<number>; labels?: ArrayLike<number> };
  /** Radius of a point in px (default 1.8). */
  pointRadius?: number;
  /** Side of the square plot area in px (default 320). */
  width?: number;
  /** Tick values drawn on both axes (default none). */
  ticks?: number[];
  /** Contour grid cells per side (default 80: smooth at 320 px, a few ms per mixture). */
  grid?: number;
  /** Extra markup on top, given the maps from data coordinates to pixels. */
  overlay?: (px: (x: number) => number, py: (y: number) => number) => string;
}

/** Default contour levels, as fractions of the largest density on the grid. */
export const defaultContourLevels = [0.05, 0.15, 0.3, 0.5, 0.7, 0.9];

/** The mixture's density on a size×size grid over the box, row-major with row 0 at y0 (the bottom). */
export function densityGrid(gmm: DiagonalGmm, box: PlaneBox, size: number): Float64Array {
  const xy = new Float64Array(size * size * 2);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      xy[2 * i] = box.x0 + ((c + 0.5) / size) * (box.x1 - box.x0);
      xy[2 * i + 1] = box.y0 + ((r + 0.5) / size) * (box.y1 - box.y0);
    }
  return gmmLogDensity(gmm, xy, size * size).map(Math.exp);
}

/**
 * SVG path data of the density's contours at `levels` (fractions of the grid's maximum), in pixels. d3-contour
 * returns rings in grid-cell units with row 0 first; `toPx` maps a cell coordinate to the plot.
 */
export function contourPaths(density: ArrayLike<number>, size: number, levels: number[], toPx: (gx: number, gy: number) => [number, number]): string[] {
  let max = 0;
  for (let i = 0; i < density.length; i++) max = Math.max(max, density[i]!);
  if (!(max > 0)) return [];
  const gen = contours().size([size, size]).thresholds(levels.map((f) => f * max));
  return gen(Array.from(density)).map((mp) =>
    mp.coordinates
      .flatMap((polygon) =>
        polygon.map((ring) =>
          ring
            .map((p, j) => {
              const [x, y] = toPx(p[0]!, p[1]!);
              return `${j ? 'L' : 'M'}${r2(x)},${r2(y)}`;
            })
            .join('') + 'Z',
        ),
      )
      .join(''),
  );
}

/** The mixture on a plane as a standalone SVG element string. */
export function gmmPlaneSvg(o: GmmPlaneOptions): string {
  const side = o.width ?? 320;
  const m = o.ticks?.length ? { left: 30, bottom: 22, top: 6, right: 6 } : { left: 1, bottom: 1, top: 1, right: 1 };
  const W = side + m.left + m.right, H = side + m.top + m.bottom;
  const { box } = o;
  const px = (x: number) => m.left + ((x - box.x0) / (box.x1 - box.x0)) * side;
  const py = (y: number) => m.top + side - ((y - box.y0) / (box.y1 - box.y0)) * side;
  const size = o.grid ?? 80;
  const cell = side / size;
  const toPx = (gx: number, gy: number): [number, number] => [m.left + gx * cell, m.top + side - gy * cell];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" class="rdl-gmm-plane"><title>${esc(o.title)}</title>`,
    `<rect x="${m.left}" y="${m.top}" width="${side}" height="${side}" fill="none" stroke="currentColor" stroke-opacity="0.25"/>`,
  ];

  if (o.points) {
    const { xy, labels } = o.points;
    const r = o.pointRadius ?? 1.8;
    const n = Math.floor(xy.length / 2);
    const dots: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = xy[2 * i]!, y = xy[2 * i + 1]!;
      if (x < box.x0 || x > box.x1 || y < box.y0 || y > box.y1) continue;
      const fill = labels ? palette[labels[i]! % palette.length] : 'currentColor';
      dots.push(`<circle cx="${r2(px(x))}" cy="${r2(py(y))}" r="${r}" fill="${fill}"/>`);
    }
    parts.push(`<g class="points" fill-opacity="${labels ? 0.7 : 0.35}">${dots.join('')}</g>`);
  }

  for (const layer of o.layers) {
    const color = layer.color ?? palette[0];
    const dash = layer.dashed ? ' stroke-dasharray="4 3"' : '';
    const g: string[] = [];
    if (layer.contours) {
      const levels = layer.contours === true ? defaultContourLevels : layer.contours;
      for (const d of contourPaths(densityGrid(layer.gmm, box, size), size, levels, toPx)) if (d) g.push(`<path d="${d}"/>`);
    }
    for (const [k, mean] of layer.gmm.means.entries()) {
      const std = layer.gmm.stds[k]!;
      const stroke = layer.colorByComponent ? ` stroke="${palette[k % palette.length]}"` : '';
      for (const s of layer.ellipses ?? [])
        g.push(`<ellipse cx="${r2(px(mean[0]!))}" cy="${r2(py(mean[1]!))}" rx="${r2((s * std[0]! * side) / (box.x1 - box.x0))}" ry="${r2((s * std[1]! * side) / (box.y1 - box.y0))}"${stroke}/>`);
      if (layer.means ?? Boolean(layer.ellipses?.length)) {
        const x = r2(px(mean[0]!)), y = r2(py(mean[1]!));
        g.push(`<path d="M${x - 4},${y}H${x + 4}M${x},${y - 4}V${y + 4}"${stroke} stroke-width="2"/>`);
      }
    }
    parts.push(`<g class="gmm" fill="none" stroke="${color}" stroke-width="1.3"${dash}>${g.join('')}</g>`);
  }

  if (o.ticks?.length) {
    const t = o.ticks;
    parts.push(
      `<g class="ticks" font-size="10" fill="currentColor">`,
      ...t.map((v) => `<text x="${r2(px(v))}" y="${H - 6}" text-anchor="middle">${v}</text>`),
      ...t.map((v) => `<text x="${m.left - 4}" y="${r2(py(v) + 3)}" text-anchor="end">${v}</text>`),
      `</g>`,
    );
  }
  if (o.overlay) parts.push(o.overlay(px, py));
  parts.push('</svg>');
  return parts.join('');
}
