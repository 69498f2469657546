/**
 * The `mixture-density` plot kind a 03-train-mdn run ends with: the generator's plot (the predicted density on a
 * grid over input and target, from the model's mixture at the grid's inputs, and held-out points), the renderer's
 * layout, its figure entry, and the renderer drawing into a recording 2-D context (no DOM here; the e2e test runs
 * the real canvas).
 */
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../../graders/exercise-files.ts';
import type { Evaluation, MixtureDensityPlot } from '../../../../graders/problem.ts';
import { makeProblem } from '../../../../graders/problems/index.ts';
import { drawMixtureDensityPlot, FULL_DENSITY, mixtureDensityLayout, mixtureDensityPlotSize } from '../../../../src/components/plots/mixture-density-plot.ts';
import { plotFigures } from '../../../../src/components/plots/plot-figures.ts';
import { plotRenderers } from '../../../../src/components/plots/plot-renderers.ts';

const { meta } = loadExercise('02-mdn/03-train-mdn');
const problem = makeProblem(meta.data, meta.seed);
const evals = problem.calls[0]!.evals as Extract<Evaluation, { kind: 'mixture' }>[];

/** The runtime's padded π, μ, σ blocks for one Gaussian per input: π = 1, μ = mu(x), σ = sigma. */
function oneGaussian(x: Float32Array, maxComponents: number, mu: (x: number) => number, sigma: number): Float32Array {
  const n = x.length, out = new Float32Array(3 * n * maxComponents);
  for (let i = 0; i < n; i++) {
    out[i * maxComponents] = 1;
    out[n * maxComponents + i * maxComponents] = mu(x[i]!);
    for (let c = 0; c < maxComponents; c++) out[2 * n * maxComponents + i * maxComponents + c] = c === 0 ? sigma : 1;
  }
  return out;
}

function plotOf(mu: (x: number) => number, sigma: number): MixtureDensityPlot {
  const outputs = Object.fromEntries(evals.map((e) => [e.key, oneGaussian(e.x, e.maxComponents, mu, sigma)]));
  const plot = problem.plot([outputs]);
  if (plot?.kind !== 'mixture-density') throw new Error('the mdnTrain generator must end with a mixture-density plot');
  return plot;
}

describe('mixture-density plot', () => {
  it('the generator asks for the mixture on the held-out inputs and on the plot’s grid of inputs', () => {
    expect(evals.map((e) => e.key)).toEqual(['mixture', 'grid']);
    const grid = evals[1]!.x;
    expect(grid.every((v, i) => i === 0 || v > grid[i - 1]!)).toBe(true);
  });

  it('plots the predicted density on the grid: each column integrates to 1 over the targets, peaked at its μ', () => {
    const plot = plotOf((x) => 0.5 * x, 1);
    expect(plot.density).toHaveLength(plot.rows * plot.columns);
    const dy = (plot.y1 - plot.y0) / plot.rows;
    for (const c of [0, Math.floor(plot.columns / 2), plot.columns - 1]) {
      const column = Array.from({ length: plot.rows }, (_, r) => plot.density[r * plot.columns + c]!);
      expect(column.reduce((a, b) => a + b, 0) * dy).toBeCloseTo(1, 2);
      const peak = plot.y0 + (column.indexOf(Math.max(...column)) + 0.5) * dy;
      const x = plot.x0 + ((c + 0.5) * (plot.x1 - plot.x0)) / plot.columns;
      expect(Math.abs(peak - 0.5 * x)).toBeLessThanOrEqual(dy);
    }
    expect(plot.x.length).toBe(plot.y.length);
    expect(plot.x.length).toBeGreaterThan(100);
  });

  it('draws nothing when the mixture is invalid (the checks say why)', () => {
    const outputs = Object.fromEntries(evals.map((e) => [e.key, oneGaussian(e.x, e.maxComponents, () => 0, -1)]));
    expect(problem.plot([outputs])).toBeUndefined();
  });

  it('lays the cells and points inside the frame, darker where the density is higher, and skips non-finite ones', () => {
    const plot = plotOf((x) => 0.5 * x, 1);
    const { cells, points } = mixtureDensityLayout(plot);
    const { width, height, pad } = mixtureDensityPlotSize;
    for (const c of cells) {
      expect(c.x).toBeGreaterThanOrEqual(pad - 1e-9);
      expect(c.x + c.w).toBeLessThanOrEqual(width - pad + 1e-9);
      expect(c.y).toBeGreaterThanOrEqual(pad - 1e-9);
      expect(c.y + c.h).toBeLessThanOrEqual(height - pad + 1e-9);
    }
    // A Gaussian of σ = 1 peaks at 0.4 > FULL_DENSITY: full colour on the curve.
    expect(Math.max(...cells.map((c) => c.opacity))).toBe(1);
    expect(0.4).toBeGreaterThan(FULL_DENSITY);
    expect(points.length).toBeGreaterThan(0);
    for (let i = 0; i < points.length; i += 2) expect(points[i]).toBeGreaterThanOrEqual(pad);
    // A NaN point is left out; a NaN density is an untinted cell (the centre row of the middle column is tinted).
    const centre = Math.floor(plot.rows / 2) * plot.columns + Math.floor(plot.columns / 2);
    const broken = { ...plot, density: plot.density.map((v, i) => (i === centre ? NaN : v)), x: plot.x.map((v, i) => (i === 0 ? NaN : v)) };
    expect(mixtureDensityLayout(broken).points).toHaveLength(points.length - 2);
    expect(mixtureDensityLayout(broken).cells).toHaveLength(cells.length - 1);
  });

  it('has a figure of the renderer’s size and is registered with the renderers', () => {
    const figure = plotFigures.find((f) => f.kind === 'mixture-density')!;
    expect([figure.width, figure.height]).toEqual([mixtureDensityPlotSize.width, mixtureDensityPlotSize.height]);
    expect(plotRenderers['mixture-density']).toBe(drawMixtureDensityPlot);
  });

  it('draws a rectangle per tinted cell and per held-out point, a frame and the axes’ line', () => {
    const plot = plotOf((x) => 0.5 * x, 1);
    let rects = 0, frames = 0;
    const texts: string[] = [];
    const ctx = { scale() {}, strokeRect: () => void frames++, fillRect: () => void rects++, fillText: (t: string) => void texts.push(t), globalAlpha: 1, fillStyle: '', strokeStyle: '', font: '' };
    const canvas = { width: 0, height: 0, style: {}, getContext: () => ctx } as unknown as HTMLCanvasElement;
    drawMixtureDensityPlot(canvas, plot);
    const { cells, points } = mixtureDensityLayout(plot);
    expect(rects).toBe(cells.length + points.length / 2);
    expect(frames).toBe(1);
    expect(texts[0]).toMatch(/^input → \(.+\), target ↑ \(-12 to 12\)$/);
  });
});
