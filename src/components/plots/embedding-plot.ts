/**
 * A 2-D embedding after a run (PCA, kernel PCA, t-SNE, clusters), each point in its label's colour: the same dots
 * as the live `scatter` frames (scatter-plot.ts), so the embedding a learner watched form during training and the
 * one graded at the end look alike; here the colours are the hidden digits the grader adds, and the axes are named.
 */
import type { EmbeddingPlot } from '../../../graders/problem.ts';
import { drawScatterPlot } from './scatter-plot.ts';

/** The points as the scatter renderer's [x, y] pairs with labels; non-finite points are left out. */
export function embeddingScatter(plot: EmbeddingPlot): { kind: 'scatter'; points: [number, number][]; labels: number[] } {
  const points: [number, number][] = [];
  const labels: number[] = [];
  for (let i = 0; i < plot.labels.length; i++) {
    const x = plot.points[2 * i]!, y = plot.points[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    points.push([x, y]);
    labels.push(plot.labels[i]!);
  }
  return { kind: 'scatter', points, labels };
}

export function drawEmbeddingPlot(canvas: HTMLCanvasElement, plot: EmbeddingPlot): void {
  const scatter = embeddingScatter(plot);
  if (scatter.points.length === 0) return;
  drawScatterPlot(canvas, scatter);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#666';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(`→ ${plot.xLabel}   ↑ ${plot.yLabel}`, 14, 11);
}
