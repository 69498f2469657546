/**
 * Rows of small grey images after a run, e.g. held-out digits over the learner's reconstructions of them: each
 * strip a label and its images side by side, pixels as blocks (no smoothing, so an 8×8 digit stays 8×8). Plain
 * canvas like the other plots; the layout is a pure function, tested without a browser.
 */
import type { ImageGridPlot } from '../../../graders/problem.ts';
import { hiDpiContext } from '../hidpi-canvas.ts';

/** Largest canvas width in CSS pixels: the images shrink (never below 1 px a pixel) to fit an exercise's column. */
const MAX_WIDTH = 640;
const LABEL_WIDTH = 110;
const GAP = 3;

/** Canvas size and each image's pixel scale for a plot. */
export function imageGridLayout(plot: ImageGridPlot): { width: number; height: number; scale: number; perStrip: number } {
  const perStrip = Math.max(1, ...plot.strips.map((s) => Math.floor(s.images.length / (plot.rows * plot.cols))));
  const scale = Math.max(1, Math.min(6, Math.floor((MAX_WIDTH - LABEL_WIDTH) / perStrip - GAP) / plot.cols));
  const cell = Math.floor(scale * plot.cols) + GAP;
  return { width: LABEL_WIDTH + perStrip * cell, height: plot.strips.length * (Math.floor(scale * plot.rows) + GAP) + GAP, scale: Math.floor(scale), perStrip };
}

/** Grey level 0 … 255 of a value in [0, 1] (dark ink on white, as the digits are written); non-finite values are mid-grey. */
export function inkLevel(v: number): number {
  if (!Number.isFinite(v)) return 128;
  return Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
}

export function drawImageGridPlot(canvas: HTMLCanvasElement, plot: ImageGridPlot): void {
  const { width, height, scale } = imageGridLayout(plot);
  const ctx = hiDpiContext(canvas, width, height);
  if (!ctx) return;
  const size = plot.rows * plot.cols;
  const stripHeight = scale * plot.rows + GAP;
  ctx.font = '11px system-ui, sans-serif';
  for (const [r, strip] of plot.strips.entries()) {
    const top = GAP + r * stripHeight;
    ctx.fillStyle = '#666';
    ctx.fillText(strip.label, 2, top + stripHeight / 2 + 3, LABEL_WIDTH - 6);
    const count = Math.floor(strip.images.length / size);
    for (let i = 0; i < count; i++) {
      const left = LABEL_WIDTH + i * (scale * plot.cols + GAP);
      for (let p = 0; p < size; p++) {
        const g = inkLevel(strip.images[i * size + p]!);
        ctx.fillStyle = `rgb(${g},${g},${g})`;
        ctx.fillRect(left + (p % plot.cols) * scale, top + Math.floor(p / plot.cols) * scale, scale, scale);
      }
    }
  }
}
