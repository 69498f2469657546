/**
 * The live `images` frame (module 3's autoencoders report digits over their reconstructions while they train):
 * drawn by the image-grid renderer into its own figure, so live and after-run grids look alike.
 */
import { describe, expect, it } from 'vitest';
import { imagesAsGrid } from '../../../../src/components/plots/images-plot.ts';
import { plotFigures } from '../../../../src/components/plots/plot-figures.ts';
import { plotRenderers } from '../../../../src/components/plots/plot-renderers.ts';
import type { LiveImages } from '../../../../src/runtime/live-frames/images.ts';

const frame: LiveImages = { kind: 'images', rows: 8, cols: 8, strips: [{ label: 'digits', images: Array.from({ length: 3 * 64 }, (_, i) => (i % 64) / 63) }, { label: 'reconstructions', images: new Array(3 * 64).fill(0.5) }] };

describe('images live frame', () => {
  it('is the image-grid plot of the same strips', () => {
    const grid = imagesAsGrid(frame);
    expect(grid.kind).toBe('image-grid');
    expect([grid.rows, grid.cols]).toEqual([8, 8]);
    expect(grid.strips.map((s) => [s.label, s.images.length, s.images instanceof Float32Array])).toEqual([['digits', 192, true], ['reconstructions', 192, true]]);
    expect(grid.strips[0]!.images[63]).toBe(1);
  });

  it('has its own figure, and draws every pixel and each strip\'s label', () => {
    expect(plotFigures.find((f) => f.kind === 'images')?.caption).toContain('ctx.report');
    const drawn = { rects: 0, texts: [] as string[] };
    const ctx = { scale() {}, fillRect: () => void drawn.rects++, fillText: (t: string) => void drawn.texts.push(t), set fillStyle(_v: string) {}, set font(_v: string) {} };
    plotRenderers.images({ width: 0, height: 0, style: {}, getContext: () => ctx } as unknown as HTMLCanvasElement, frame);
    expect(drawn.rects).toBeGreaterThanOrEqual(2 * 3 * 64);
    expect(drawn.texts).toEqual(['digits', 'reconstructions']);
  });
});
