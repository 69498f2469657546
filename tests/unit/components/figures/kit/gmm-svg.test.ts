import { describe, expect, it } from 'vitest';
import { contourPaths, densityGrid, gmmPlaneSvg } from '../../../../../src/components/figures/kit/gmm-svg.ts';
import type { DiagonalGmm } from '../../../../../graders/mixtures/gmm.ts';

/** Issue 12's lesson-1 mixture: A at (−0.5, −0.5), B at (0.5, 0.5), sd 0.25, equal weights. */
const ab: DiagonalGmm = { weights: [0.5, 0.5], means: [[-0.5, -0.5], [0.5, 0.5]], stds: [[0.25, 0.25], [0.25, 0.25]] };
const box = { x0: -1.5, x1: 1.5, y0: -1.5, y1: 1.5 };

describe('gmm-svg', () => {
  it('evaluates the density on a grid with row 0 at the bottom', () => {
    const size = 30;
    const g = densityGrid(ab, box, size);
    // Cell (row 5, col 5) is near A (−1.0, −1.0 … bottom left); (row 24, col 5) is top left, far from both.
    expect(g[5 * size + 5]!).toBeGreaterThan(100 * g[24 * size + 5]!);
    // Symmetric under (x, y) → (−x, −y): cell (r, c) ↔ (size−1−r, size−1−c).
    expect(g[3 * size + 7]!).toBeCloseTo(g[(size - 4) * size + (size - 8)]!, 10);
  });

  it('draws the innermost contour as two rings around the two means, and none for an empty density', () => {
    const size = 60;
    const paths = contourPaths(densityGrid(ab, box, size), size, [0.9], (gx, gy) => [gx, gy]);
    expect(paths).toHaveLength(1);
    const rings = paths[0]!.split('Z').filter(Boolean);
    expect(rings).toHaveLength(2);
    for (const ring of rings) {
      const pts = ring.slice(1).split('L').map((p) => p.split(',').map(Number) as [number, number]);
      const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length, cy = pts.reduce((a, p) => a + p[1], 0) / pts.length;
      // Means at grid coordinates (−0.5+1.5)/3·60 = 20 and 40.
      expect([20, 40].some((m) => Math.abs(cx - m) < 1 && Math.abs(cy - m) < 1)).toBe(true);
    }
    expect(contourPaths(new Float64Array(16), 4, [0.5], (x, y) => [x, y])).toEqual([]);
  });

  it('writes one ellipse per component and multiple, points inside the box only, and escapes the title', () => {
    const svg = gmmPlaneSvg({
      box,
      title: 'A & B <mixture>',
      layers: [{ gmm: ab, contours: true, ellipses: [1, 2] }],
      points: { xy: [0, 0, 5, 5, -0.5, -0.5], labels: [0, 1, 1] },
      ticks: [-1, 0, 1],
    });
    expect(svg.match(/<ellipse /g)).toHaveLength(4);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('<title>A &amp; B &lt;mixture></title>');
    // 1σ of 0.25 on a 3-wide box drawn 320 px wide: 26.67 px.
    expect(svg).toContain('rx="26.67"');
    expect(svg.match(/<path d="M[^"]*Z"\/>/g)!.length).toBe(6);
  });
});
