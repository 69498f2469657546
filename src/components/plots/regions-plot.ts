/**
 * Decision regions and test points after a run: each grid cell is tinted with the class the model predicts there,
 * each test point is a dot in its true class's colour, and a misclassified point gets a dark ring.
 * Plain canvas: a raster of predicted classes is not something chart libraries draw well.
 */
import type { RegionsPlot } from '../../../graders/problem.ts';
import { palette } from '../palette.ts';
import { hiDpiContext } from '../hidpi-canvas.ts';

/** Colour-blind-safe palette (Okabe–Ito): the figures' palette without its last colour (yellow). */
export const classColors = palette.slice(0, 6);

/**
 * Draws the regions and the points: during training the training points (no `predicted`: no rings), after the run
 * the test points, ringed where misclassified.
 */
export function drawDecisionPlot(canvas: HTMLCanvasElement, plot: Pick<RegionsPlot, 'box' | 'size' | 'gridClasses'> & Partial<Pick<RegionsPlot, 'x' | 'y' | 'predicted'>>): void {
  const css = 320;
  const ctx = hiDpiContext(canvas, css, css);
  if (!ctx) return;
  const { box, size } = plot;
  const cell = css / size;
  ctx.globalAlpha = 0.28;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      ctx.fillStyle = classColors[plot.gridClasses[r * size + c]! % classColors.length]!;
      // Row 0 is the bottom of the box (y0); canvas y grows downwards.
      ctx.fillRect(c * cell, css - (r + 1) * cell, cell + 0.5, cell + 0.5);
    }
  ctx.globalAlpha = 1;
  const px = (x: number) => ((x - box.x0) / (box.x1 - box.x0)) * css;
  const py = (y: number) => css - ((y - box.y0) / (box.y1 - box.y0)) * css;
  // Which points the canvas shows, for tests and for anyone inspecting the page: the caption names both phases.
  canvas.dataset.points = !plot.x || !plot.y ? 'none' : plot.predicted ? 'test' : 'training';
  if (!plot.x || !plot.y) return;
  for (let i = 0; i < plot.y.length; i++) {
    const x = px(plot.x[2 * i]!), y = py(plot.x[2 * i + 1]!);
    ctx.beginPath();
    ctx.arc(x, y, 2.6, 0, 2 * Math.PI);
    ctx.fillStyle = classColors[plot.y[i]! % classColors.length]!;
    ctx.fill();
    if (plot.predicted && plot.predicted[i] !== plot.y[i]) {
      ctx.lineWidth = 1.2;
      ctx.strokeStyle = '#111';
      ctx.stroke();
    }
  }
}
