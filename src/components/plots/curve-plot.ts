/**
 * A fitted curve over held-out points, for 1-D regression: grey dots are the hidden test points, the thin dashed
 * line is the best possible prediction (the noise-free function plus the noise's mean), the thick line is the
 * model. Plain canvas, like the decision plot, so both share one look.
 */
import type { CurvePlot } from '../../../graders/problem.ts';
import { classColors } from './regions-plot.ts';
import { hiDpiContext } from '../hidpi-canvas.ts';
import { chartInk } from '../chart-ink.ts';

/** Where on the canvas a curve chart goes, in CSS pixels. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function drawCurvePlot(canvas: HTMLCanvasElement, plot: CurvePlot): void {
  const w = 420, h = 300;
  const ctx = hiDpiContext(canvas, w, h);
  if (!ctx) return;
  const x0 = Math.min(...plot.curveX), x1 = Math.max(...plot.curveX);
  drawCurveIn(ctx, plot, { left: 0, top: 0, width: w, height: h }, `x from ${x0} to ${x1}`);
}

/**
 * Draws a curve chart into `box` of a context: the frame, the points, the best prediction (dashed), the model
 * (thick) and `footer` under the frame. Shared with the side-by-side panels (curve-panels-plot.ts).
 */
export function drawCurveIn(ctx: CanvasRenderingContext2D, plot: Omit<CurvePlot, 'kind'>, box: PlotBox, footer: string): void {
  const pad = 28;
  const { left, top, width: w, height: h } = box;
  const all = [...plot.y, ...plot.curveY, ...(plot.trueY ?? [])].filter(Number.isFinite);
  const x0 = Math.min(...plot.curveX), x1 = Math.max(...plot.curveX);
  const y0 = Math.min(...all), y1 = Math.max(...all);
  const px = (x: number) => left + pad + ((x - x0) / (x1 - x0)) * (w - 2 * pad);
  const py = (y: number) => top + h - pad - ((y - y0) / (y1 - y0 || 1)) * (h - 2 * pad);
  // The theme's ink (chart-ink.ts): the reference line and the footer stay readable on a dark page too.
  const ink = chartInk(ctx.canvas);
  ctx.strokeStyle = ink.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(left + pad, top + pad, w - 2 * pad, h - 2 * pad);
  ctx.fillStyle = '#8889';
  for (let i = 0; i < plot.x.length; i++) ctx.fillRect(px(plot.x[i]!) - 1.2, py(plot.y[i]!) - 1.2, 2.4, 2.4);
  const line = (ys: ArrayLike<number>, color: string, width: number, dash: number[]) => {
    ctx.beginPath();
    ctx.setLineDash(dash);
    for (let i = 0; i < plot.curveX.length; i++) ctx[i ? 'lineTo' : 'moveTo'](px(plot.curveX[i]!), py(ys[i]!));
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.stroke();
    ctx.setLineDash([]);
  };
  if (plot.trueY) line(plot.trueY, ink.reference, 1.5, [5, 4]);
  line(plot.curveY, classColors[5]!, 2.5, []);
  ctx.fillStyle = ink.text;
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(footer, left + pad, top + h - 8);
}
