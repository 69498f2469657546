/**
 * Fitted curves side by side, one panel per problem (the MDN module's forward and inverse fits of one recipe): each
 * panel is a curve chart (curve-plot.ts: points, best prediction dashed, the model thick) under its title, with the
 * axes named in its footer, because the inverse panel's horizontal axis is y.
 */
import type { CurvePanelsPlot } from '../../../graders/problem.ts';
import { hiDpiContext } from '../hidpi-canvas.ts';
import { drawCurveIn, type PlotBox } from './curve-plot.ts';
import { chartInk } from '../chart-ink.ts';

/** The canvas's largest size in CSS pixels (plot-figures.ts gives the same to the figure). */
export const CURVE_PANELS_SIZE = { width: 640, height: 300 };

/** The narrowest the canvas gets, however narrow its container: two panels of 160 px still show their curves. */
export const CURVE_PANELS_MIN_WIDTH = 320;

/**
 * The canvas's width: the plots' container's width (as the live loss chart sizes itself), between
 * CURVE_PANELS_MIN_WIDTH and CURVE_PANELS_SIZE.width, so two panels side by side fit a phone or a narrow column.
 * The figure is still hidden when it is drawn (and the result section may be), so the nearest laid-out ancestor
 * from the plots' container up is measured.
 */
export function curvePanelsWidth(canvas: HTMLCanvasElement): number {
  let host = canvas.closest?.('.rdl-plots') as HTMLElement | null | undefined;
  while (host && !host.clientWidth) host = host.parentElement;
  const available = host?.clientWidth || CURVE_PANELS_SIZE.width;
  return Math.max(CURVE_PANELS_MIN_WIDTH, Math.min(CURVE_PANELS_SIZE.width, available));
}

/** Height of the title band above each panel's chart. */
const TITLE_BAND = 16;

/** Each panel's box: equal widths side by side, under a title band. */
export function curvePanelBoxes(count: number, width = CURVE_PANELS_SIZE.width, height = CURVE_PANELS_SIZE.height): PlotBox[] {
  const w = width / Math.max(count, 1);
  return Array.from({ length: count }, (_, i) => ({ left: i * w, top: TITLE_BAND, width: w, height: height - TITLE_BAND }));
}

/** The footer under a panel: which variable runs along which axis, and over what range. */
export function panelFooter(p: CurvePanelsPlot['panels'][number]): string {
  const lo = Math.min(...p.curveX), hi = Math.max(...p.curveX);
  return `${p.xLabel} → (${Number(lo.toPrecision(3))} to ${Number(hi.toPrecision(3))}), ${p.yLabel} ↑`;
}

export function drawCurvePanelsPlot(canvas: HTMLCanvasElement, plot: CurvePanelsPlot): void {
  const width = curvePanelsWidth(canvas);
  const ctx = hiDpiContext(canvas, width, CURVE_PANELS_SIZE.height);
  if (!ctx) return;
  const boxes = curvePanelBoxes(plot.panels.length, width);
  plot.panels.forEach((panel, i) => {
    const box = boxes[i]!;
    drawCurveIn(ctx, panel, box, panelFooter(panel));
    ctx.fillStyle = chartInk(canvas).text;
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText(panel.title, box.left + 28, box.top + 20);
  });
}
