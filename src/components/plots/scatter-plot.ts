/**
 * Points the learner's code reported while training (an embedding, coloured by class): axes fitted to the points
 * with a margin, a dot per point in its label's colour (hollow for labels 6–11, so ten digits stay apart with six
 * colour-blind-safe colours), grey without labels. Plain canvas, like the other plots, so all share one look.
 */
import type { LiveScatter } from '../../runtime/live-frames/scatter.ts';
import { hiDpiContext } from '../hidpi-canvas.ts';
import { classColors } from './regions-plot.ts';

const SIZE = 320;
const PAD = 14;

/** The range [lo, hi] of `values` widened by 5 % each side (and to a unit width when every value is equal). */
function range(values: number[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const margin = hi > lo ? (hi - lo) * 0.05 : 0.5;
  return [lo - margin, hi + margin];
}

export function drawScatterPlot(canvas: HTMLCanvasElement, plot: LiveScatter): void {
  const ctx = hiDpiContext(canvas, SIZE, SIZE);
  if (!ctx) return;
  const [x0, x1] = range(plot.points.map((p) => p[0]));
  const [y0, y1] = range(plot.points.map((p) => p[1]));
  const px = (x: number) => PAD + ((x - x0) / (x1 - x0)) * (SIZE - 2 * PAD);
  const py = (y: number) => SIZE - PAD - ((y - y0) / (y1 - y0)) * (SIZE - 2 * PAD);
  ctx.strokeStyle = '#8888';
  ctx.strokeRect(PAD, PAD, SIZE - 2 * PAD, SIZE - 2 * PAD);
  ctx.lineWidth = 1.4;
  for (const [i, [x, y]] of plot.points.entries()) {
    const label = plot.labels?.[i];
    ctx.beginPath();
    ctx.arc(px(x), py(y), 2.6, 0, 2 * Math.PI);
    if (label === undefined) {
      ctx.fillStyle = '#888a';
      ctx.fill();
    } else if (label < classColors.length) {
      ctx.fillStyle = classColors[label]!;
      ctx.fill();
    } else {
      ctx.strokeStyle = classColors[label % classColors.length]!;
      ctx.stroke();
    }
  }
  ctx.fillStyle = '#666';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(`${plot.points.length} points`, PAD, SIZE - 2);
}
