/**
 * The density a mixture density network predicts, after a run: p(target | input) as a heat map over (input,
 * target), the held-out points drawn over it, as the lesson's training figure shows it (the same colour, and the
 * same fixed scale, so the two compare). Plain canvas, like the other exercise plots; the geometry is a pure
 * function so it is tested without a browser.
 */
import type { MixtureDensityPlot } from '../../../graders/problem.ts';
import { hiDpiContext } from '../hidpi-canvas.ts';
import { palette } from '../palette.ts';

export const mixtureDensityPlotSize = { width: 420, height: 320, pad: 28 } as const;

/** Density drawn at full colour (a component with σ ≈ 1 peaks at 0.4·π): the lesson figure's scale. */
export const FULL_DENSITY = 0.3;

/** A heat-map cell in CSS pixels and its opacity. */
export interface DensityCell {
  x: number;
  y: number;
  w: number;
  h: number;
  opacity: number;
}

/**
 * The cells to tint (those at least 2 % of full colour; a non-finite density is left out) and the held-out points'
 * positions as flat (x, y) pairs, both in CSS pixels inside the frame.
 */
export function mixtureDensityLayout(plot: MixtureDensityPlot): { cells: DensityCell[]; points: number[] } {
  const { width, height, pad } = mixtureDensityPlotSize;
  const w = width - 2 * pad, h = height - 2 * pad;
  const cw = w / plot.columns, ch = h / plot.rows;
  const cells: DensityCell[] = [];
  for (let r = 0; r < plot.rows; r++)
    for (let c = 0; c < plot.columns; c++) {
      const d = plot.density[r * plot.columns + c]!;
      const opacity = Number.isFinite(d) ? Math.min(1, d / FULL_DENSITY) : 0;
      // Row 0 is the bottom row (y0); the canvas's y grows downwards.
      if (opacity >= 0.02) cells.push({ x: pad + c * cw, y: pad + h - (r + 1) * ch, w: cw, h: ch, opacity });
    }
  const px = (v: number) => pad + ((v - plot.x0) / (plot.x1 - plot.x0 || 1)) * w;
  const py = (v: number) => pad + h - ((v - plot.y0) / (plot.y1 - plot.y0 || 1)) * h;
  const points: number[] = [];
  for (let i = 0; i < plot.x.length; i++) {
    const [x, y] = [plot.x[i]!, plot.y[i]!];
    if (Number.isFinite(x) && Number.isFinite(y) && x >= plot.x0 && x <= plot.x1 && y >= plot.y0 && y <= plot.y1) points.push(px(x), py(y));
  }
  return { cells, points };
}

export function drawMixtureDensityPlot(canvas: HTMLCanvasElement, plot: MixtureDensityPlot): void {
  const { width, height, pad } = mixtureDensityPlotSize;
  const ctx = hiDpiContext(canvas, width, height);
  if (!ctx) return;
  const { cells, points } = mixtureDensityLayout(plot);
  ctx.fillStyle = palette[0]!;
  for (const c of cells) {
    ctx.globalAlpha = c.opacity;
    // A little overlap, so no seams show between cells.
    ctx.fillRect(c.x, c.y, c.w + 0.3, c.h + 0.3);
  }
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#4448';
  for (let i = 0; i < points.length; i += 2) ctx.fillRect(points[i]! - 0.8, points[i + 1]! - 0.8, 1.6, 1.6);
  ctx.strokeStyle = '#8888';
  ctx.strokeRect(pad, pad, width - 2 * pad, height - 2 * pad);
  ctx.fillStyle = '#666';
  ctx.font = '11px system-ui, sans-serif';
  const n = (v: number) => Number(v.toPrecision(3));
  ctx.fillText(`input → (${n(plot.x0)} to ${n(plot.x1)}), target ↑ (${n(plot.y0)} to ${n(plot.y1)})`, pad, height - 8);
}
