/**
 * The registry from plot kind to renderer, for the plot a run ends with (graders' Plot) and for the live frames
 * ctx.report streams during training (runtime's LivePlot): both of one kind draw into the same figure
 * (plot-figures.ts). The mapped type makes a plot kind without a renderer a type error, so the next kinds
 * (density contours, component ellipses, image grids, bands) are a renderer module and a line here, like scatter.
 */
import type { Plot } from '../../../graders/problem.ts';
import type { LivePlot } from '../../runtime/progress.ts';
import { drawCurvePlot } from './curve-plot.ts';
import { drawCurvePanelsPlot } from './curve-panels-plot.ts';
import { plotFigures, type PlotKind } from './plot-figures.ts';
import { drawDecisionPlot } from './regions-plot.ts';
import { drawScatterPlot } from './scatter-plot.ts';
import { drawSamplesPlot } from './samples-plot.ts';
import { drawEmbeddingPlot } from './embedding-plot.ts';
import { drawImageGridPlot } from './image-grid-plot.ts';
import { drawMixtureDensityPlot } from './mixture-density-plot.ts';
import { drawImagesPlot } from './images-plot.ts';
import { onThemeChange } from '../chart-ink.ts';

/** A plot or live frame of kind K. */
type Drawable<K extends PlotKind> = Extract<Plot | LivePlot, { kind: K }>;

type Renderers = { readonly [K in PlotKind]: (canvas: HTMLCanvasElement, plot: Drawable<K>) => void };

export const plotRenderers: Renderers = {
  regions: drawDecisionPlot,
  curve: drawCurvePlot,
  scatter: drawScatterPlot,
  'curve-panels': drawCurvePanelsPlot,
  samples: drawSamplesPlot,
  embedding: drawEmbeddingPlot,
  'image-grid': drawImageGridPlot,
  'mixture-density': drawMixtureDensityPlot,
  images: drawImagesPlot,
};

const draw = (canvas: HTMLCanvasElement, plot: Plot | LivePlot) => (plotRenderers[plot.kind] as (canvas: HTMLCanvasElement, plot: Plot | LivePlot) => void)(canvas, plot);

/** The last plot drawn into each canvas, drawn again in the new theme's ink (chart-ink.ts) when the theme switches. */
const drawn = new Map<HTMLCanvasElement, Plot | LivePlot>();
let watchingTheme = false;

/** Draws a plot or live frame into its figure under `root` and shows the figure. */
export function showPlot(root: ParentNode, plot: Plot | LivePlot): void {
  const figure = root.querySelector<HTMLElement>(`[data-role="${plot.kind}-figure"]`);
  const canvas = root.querySelector<HTMLCanvasElement>(`canvas[data-role="${plot.kind}"]`);
  if (!figure || !canvas) throw new Error(`the exercise has no figure for plots of kind "${plot.kind}"`);
  draw(canvas, plot);
  figure.hidden = false;
  drawn.set(canvas, plot);
  if (!watchingTheme) {
    watchingTheme = true;
    onThemeChange(() => {
      for (const [c, p] of drawn) if (c.isConnected) draw(c, p);
    });
  }
}

/** Hides every plot figure under `root` (a new run starts with none shown). */
export function hidePlots(root: ParentNode): void {
  for (const { kind } of plotFigures) {
    const figure = root.querySelector<HTMLElement>(`[data-role="${kind}-figure"]`);
    if (figure) figure.hidden = true;
  }
}
