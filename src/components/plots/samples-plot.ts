/**
 * Draws over data, for sampling a conditional distribution on 1-D inputs (an MDN's samples): grey dots are the
 * held-out data at the inputs, coloured dots the learner's draws at the same inputs, as the original MDN post plots
 * its samples. Right draws cover every branch the data has; the mean or one branch is visible at a glance. Plain
 * canvas, like the other exercise plots; the geometry is a pure function so it is tested without a browser.
 */
import type { SamplesPlot } from '../../../graders/problem.ts';
import { hiDpiContext } from '../hidpi-canvas.ts';
import { classColors } from './regions-plot.ts';

export const samplesPlotSize = { width: 420, height: 320, pad: 28 } as const;

/** Where each point goes in CSS pixels: [data points, draws], each as flat (x, y) pairs; non-finite values are left out. */
export function samplesPlotPoints(plot: SamplesPlot): { data: number[]; samples: number[]; box: { x0: number; x1: number; y0: number; y1: number } } {
  const { width: w, height: h, pad } = samplesPlotSize;
  const finite = (a: ArrayLike<number>) => Array.from(a).filter(Number.isFinite);
  const xs = finite(plot.x), ys = [...finite(plot.data), ...finite(plot.samples)];
  const box = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
  const px = (x: number) => pad + ((x - box.x0) / (box.x1 - box.x0 || 1)) * (w - 2 * pad);
  const py = (y: number) => h - pad - ((y - box.y0) / (box.y1 - box.y0 || 1)) * (h - 2 * pad);
  const place = (ys: ArrayLike<number>) => {
    const out: number[] = [];
    for (let i = 0; i < plot.x.length; i++) if (Number.isFinite(plot.x[i]) && Number.isFinite(ys[i])) out.push(px(plot.x[i]!), py(ys[i]!));
    return out;
  };
  return { data: place(plot.data), samples: place(plot.samples), box };
}

export function drawSamplesPlot(canvas: HTMLCanvasElement, plot: SamplesPlot): void {
  const { width: w, height: h, pad } = samplesPlotSize;
  const ctx = hiDpiContext(canvas, w, h);
  if (!ctx) return;
  const { data, samples, box } = samplesPlotPoints(plot);
  ctx.strokeStyle = '#8888';
  ctx.strokeRect(pad, pad, w - 2 * pad, h - 2 * pad);
  const dots = (xy: number[], color: string) => {
    ctx.fillStyle = color;
    for (let i = 0; i < xy.length; i += 2) ctx.fillRect(xy[i]! - 1.1, xy[i + 1]! - 1.1, 2.2, 2.2);
  };
  dots(data, '#8886');
  dots(samples, `${classColors[5]!}b0`);
  ctx.fillStyle = '#666';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(`input from ${box.x0.toFixed(1)} to ${box.x1.toFixed(1)}; y from ${box.y0.toFixed(1)} to ${box.y1.toFixed(1)}`, pad, h - 8);
}
