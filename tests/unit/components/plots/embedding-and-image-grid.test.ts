/**
 * The `embedding` and `image-grid` plot kinds of module 3: their geometry as pure functions, their figures, and the
 * renderers drawing into a recording 2-D context (the page's canvas is not available in Node; e2e runs the real one).
 */
import { describe, expect, it } from 'vitest';
import type { EmbeddingPlot, ImageGridPlot } from '../../../../graders/problem.ts';
import { embeddingScatter } from '../../../../src/components/plots/embedding-plot.ts';
import { imageGridLayout, inkLevel } from '../../../../src/components/plots/image-grid-plot.ts';
import { plotFigures } from '../../../../src/components/plots/plot-figures.ts';
import { plotRenderers } from '../../../../src/components/plots/plot-renderers.ts';

/** A stand-in canvas whose 2-D context counts what is drawn. */
function recordingCanvas() {
  const drawn = { rects: 0, arcs: 0, texts: [] as string[] };
  const ctx = {
    scale() {}, strokeRect() {}, beginPath() {}, fill() {}, stroke() {},
    arc: () => void drawn.arcs++, fillRect: () => void drawn.rects++, fillText: (t: string) => void drawn.texts.push(t),
    set fillStyle(_v: string) {}, set strokeStyle(_v: string) {}, set font(_v: string) {}, set lineWidth(_v: number) {},
  };
  const canvas = { width: 0, height: 0, style: {}, getContext: () => ctx } as unknown as HTMLCanvasElement;
  return { canvas, drawn };
}

describe('embedding plot', () => {
  const plot: EmbeddingPlot = { kind: 'embedding', points: Float32Array.of(0, 0, 1, 2, NaN, 3, -1, 1), labels: Int32Array.of(0, 9, 3, 11), xLabel: 'component 1', yLabel: 'component 2' };

  it('turns flat pairs into scatter points with their labels, leaving non-finite points out', () => {
    expect(embeddingScatter(plot)).toEqual({ kind: 'scatter', points: [[0, 0], [1, 2], [-1, 1]], labels: [0, 9, 11] });
  });

  it('draws a dot per finite point and names both axes', () => {
    const { canvas, drawn } = recordingCanvas();
    plotRenderers.embedding(canvas, plot);
    expect(drawn.arcs).toBe(3);
    expect(drawn.texts).toContain('→ component 1   ↑ component 2');
    expect(plotFigures.some((f) => f.kind === 'embedding')).toBe(true);
  });
});

describe('image-grid plot', () => {
  const digits = (count: number) => Float32Array.from({ length: count * 64 }, (_, i) => (i % 64) / 63);
  const plot: ImageGridPlot = { kind: 'image-grid', rows: 8, cols: 8, strips: [{ label: 'held out', images: digits(10) }, { label: 'reconstructed', images: digits(10) }] };

  it('scales 8×8 digits up to fit the column and stacks one strip per row', () => {
    const layout = imageGridLayout(plot);
    expect(layout.perStrip).toBe(10);
    expect(layout.scale).toBeGreaterThanOrEqual(4);
    expect(layout.width).toBeLessThanOrEqual(640);
    expect(layout.height).toBe(2 * (layout.scale * 8 + 3) + 3);
  });

  it('shrinks wide strips (never below a pixel a pixel)', () => {
    expect(imageGridLayout({ ...plot, rows: 28, cols: 28, strips: [{ label: 'a', images: new Float32Array(40 * 784) }] }).scale).toBe(1);
  });

  it('maps [0, 1] to dark ink on white and shows non-finite values as mid-grey', () => {
    expect([inkLevel(0), inkLevel(1), inkLevel(2), inkLevel(-1), inkLevel(NaN)]).toEqual([255, 0, 0, 255, 128]);
  });

  it('draws every pixel of every image and each strip\'s label', () => {
    const { canvas, drawn } = recordingCanvas();
    plotRenderers['image-grid'](canvas, plot);
    expect(drawn.rects).toBe(2 * 10 * 64);
    expect(drawn.texts).toEqual(['held out', 'reconstructed']);
  });
});
