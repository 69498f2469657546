/**
 * The curve-panels plot (src/components/plots/curve-panels-plot.ts): its layout, and what it draws, read off a
 * recording 2-D context (no DOM here): a frame per panel side by side, each panel's title, points and curves inside
 * its own box, and its footer naming the axes. Also that the kind is registered with a renderer and a figure.
 */
import { describe, expect, it } from 'vitest';
import type { CurvePanelsPlot } from '../../../../graders/problem.ts';
import { CURVE_PANELS_MIN_WIDTH, CURVE_PANELS_SIZE, curvePanelBoxes, drawCurvePanelsPlot, panelFooter } from '../../../../src/components/plots/curve-panels-plot.ts';
import { plotFigures } from '../../../../src/components/plots/plot-figures.ts';
import { plotRenderers } from '../../../../src/components/plots/plot-renderers.ts';

/** A canvas whose context records every call: method name and arguments. */
function recordingCanvas(containerWidth?: number) {
  const calls: { op: string; args: unknown[] }[] = [];
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get(target, op) {
      if (op in target) return target[op];
      return (...args: unknown[]) => calls.push({ op: String(op), args });
    },
    set(target, op, value) {
      target[op] = value;
      return true;
    },
  });
  const canvas = { width: 0, height: 0, style: {} as Record<string, string>, getContext: () => ctx, closest: () => (containerWidth === undefined ? null : { clientWidth: containerWidth }) };
  return { canvas: canvas as unknown as HTMLCanvasElement, calls };
}

const panel = (title: string, xLabel: string, yLabel: string, lo: number, hi: number) => {
  const curveX = Float32Array.from({ length: 11 }, (_, i) => lo + ((hi - lo) * i) / 10);
  return { title, xLabel, yLabel, x: curveX, y: curveX.map((v) => v + 1), curveX, curveY: curveX, trueY: curveX.map((v) => v * 0.5) };
};
const plot: CurvePanelsPlot = { kind: 'curve-panels', panels: [panel('Forward: MSE 1.05', 'x', 'y', -10, 10), panel('Inverse: MSE 22.7 (not graded)', 'y', 'x', -13, 13)] };

describe('curve-panels plot', () => {
  it('lays the panels side by side, equal widths, under a title band', () => {
    const boxes = curvePanelBoxes(2);
    expect(boxes.map((b) => b.left)).toEqual([0, CURVE_PANELS_SIZE.width / 2]);
    expect(boxes.every((b) => b.width === CURVE_PANELS_SIZE.width / 2 && b.top > 0 && b.top + b.height === CURVE_PANELS_SIZE.height)).toBe(true);
  });
  it('names the axes in each footer, with the horizontal range', () => {
    expect(panelFooter(plot.panels[1]!)).toBe('y → (-13 to 13), x ↑');
  });
  it('draws a frame, the points and both curves inside each panel, and each title', () => {
    const { canvas, calls } = recordingCanvas();
    drawCurvePanelsPlot(canvas, plot);
    const frames = calls.filter((c) => c.op === 'strokeRect').map((c) => c.args as number[]);
    expect(frames).toHaveLength(2);
    expect(frames[1]![0]).toBeGreaterThan(frames[0]![0]! + frames[0]![2]!); // the second frame starts right of the first
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(texts).toEqual(expect.arrayContaining(['Forward: MSE 1.05', 'Inverse: MSE 22.7 (not graded)', 'x → (-10 to 10), y ↑']));
    // 11 points per panel, each inside its panel's half of the canvas.
    const dots = calls.filter((c) => c.op === 'fillRect').map((c) => c.args[0] as number);
    expect(dots).toHaveLength(22);
    expect(dots.slice(0, 11).every((x) => x < CURVE_PANELS_SIZE.width / 2)).toBe(true);
    expect(dots.slice(11).every((x) => x > CURVE_PANELS_SIZE.width / 2)).toBe(true);
    // Two curves per panel (best prediction dashed, the model solid): four strokes of paths.
    expect(calls.filter((c) => c.op === 'stroke')).toHaveLength(4);
  });
  it('fits its container: as wide as the plots’ row, between the minimum and the full width', () => {
    for (const [container, expected] of [[400, 400], [1000, CURVE_PANELS_SIZE.width], [200, CURVE_PANELS_MIN_WIDTH]] as const) {
      const { canvas, calls } = recordingCanvas(container);
      drawCurvePanelsPlot(canvas, plot);
      expect((canvas.style as unknown as Record<string, string>).width).toBe(`${expected}px`);
      const frames = calls.filter((c) => c.op === 'strokeRect').map((c) => c.args as number[]);
      expect(frames[1]![0]! + frames[1]![2]!).toBeLessThanOrEqual(expected);
    }
  });
  it('is registered: a renderer and a figure for the kind', () => {
    expect(plotRenderers['curve-panels']).toBe(drawCurvePanelsPlot);
    const figure = plotFigures.find((f) => f.kind === 'curve-panels')!;
    expect([figure.width, figure.height]).toEqual([CURVE_PANELS_SIZE.width, CURVE_PANELS_SIZE.height]);
  });
});
