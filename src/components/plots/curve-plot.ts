/**
 * A fitted curve over held-out points, for 1-D regression: grey dots are the hidden test points, the thin dashed
 * line is the best possible prediction (the noise-free function plus the noise's mean), the thick line is the
 * model. Plain canvas, like the decision plot, so both share one look.
 */
import type { CurvePlot } from '../../../graders/problem.ts';
import { classColors } from './regions-plot.ts';
import { hiDpiContext } from '../hidpi-canvas.ts';

export function drawCurvePlot(canvas: HTMLCanvasElement, plot: CurvePlot): void {
  const w = 420, h = 300, pad = 28;
  const ctx = hiDpiContext(canvas, w, h);
  if (!ctx) return;
  const all = [...plot.y, ...plot.curveY, ...(plot.trueY ?? [])].filter(Number.isFinite);
  const x0 = Math.min(...plot.curveX), x1 = Math.max(...plot.curveX);
  const y0 = Math.min(...all), y1 = Math.max(...all);
  const px = (x: number) => pad + ((x - x0) / (x1 - x0)) * (w - 2 * pad);
  const py = (y: number) => h - pad - ((y - y0) / (y1 - y0 || 1)) * (h - 2 * pad);
  ctx.strokeStyle = '#8888';
  ctx.strokeRect(pad, pad, w - 2 * pad, h - 2 * pad);
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
  if (plot.trueY) line(plot.trueY, '#333', 1.2, [5, 4]);
  line(plot.curveY, classColors[5]!, 2.5, []);
  ctx.fillStyle = '#666';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(`x from ${x0} to ${x1}`, pad, h - 8);
}
