/**
 * The figure each plot kind draws into on an exercise: its canvas size and the words a reader gets (aria-label,
 * caption). Plain data, so Exercise.astro renders one hidden <figure> per kind at build time and the page's
 * renderers (plot-renderers.ts) find it by `data-role`. A new plot kind adds an entry here and a renderer there.
 */
import type { Plot } from '../../../graders/problem.ts';
import type { LivePlot } from '../../runtime/progress.ts';

/** Every kind of plot the page can draw: after a run (graders' Plot) or live during training (LivePlot). */
export type PlotKind = Plot['kind'] | LivePlot['kind'];

export interface PlotFigure {
  kind: PlotKind;
  /** The canvas's size in CSS pixels (its renderer scales it for high-DPI screens). */
  width: number;
  height: number;
  /** The canvas's aria-label. */
  label: string;
  /** The figure's caption (trusted text from this file, may hold HTML entities). */
  caption: string;
}

/** In page order; the figure of kind K has data-role "K-figure" and its canvas data-role "K". */
export const plotFigures: readonly PlotFigure[] = [
  {
    kind: 'regions',
    width: 320,
    height: 320,
    label: 'Decision regions of the trained model with the test points',
    caption: "While it trains: the training points over the model's current decision regions. After the run: the test points (colour = true class, ringed = misclassified).",
  },
  {
    kind: 'curve',
    width: 420,
    height: 300,
    label: "The model's curve over the held-out points",
    caption: 'Held-out points (grey), the best possible prediction (dashed) and your model (thick).',
  },
  {
    kind: 'scatter',
    width: 320,
    height: 320,
    label: 'The points your code reported while it trained',
    caption: 'The points your code reports in <code>ctx.report</code> (colour = label; labels 6&ndash;11 hollow), redrawn as it trains.',
  },
  {
    kind: 'curve-panels',
    width: 640,
    height: 300,
    label: "Your code's curve on the forward problem (y from x) and on the inverse problem (x from y)",
    caption:
      'Held-out points (grey), the best single curve (dashed: the true curve on the left, the conditional mean E[x&thinsp;|&thinsp;y] on the right) and your model (thick). Left: graded. Right: the same code on the swapped columns, not graded.',
  },
  {
    kind: 'samples',
    width: 420,
    height: 320,
    label: 'Your draws over the held-out data at the same inputs',
    caption: 'Held-out data (grey) and your draws (coloured), one per input: right draws cover every branch of the data.',
  },
  {
    kind: 'embedding',
    width: 320,
    height: 320,
    label: 'Your two-dimensional embedding of the held-out images, coloured by their digit',
    caption: 'Your embedding of the held-out images; the colour is each image&rsquo;s true digit, which your code never saw (six colours, filled for 0&ndash;5 and hollow for 6&ndash;9).',
  },
  {
    kind: 'image-grid',
    width: 640,
    height: 120,
    label: 'Held-out images and what your code made of them',
    caption: 'Held-out images (top) and your code&rsquo;s versions of them, one strip each, dark ink on white.',
  },
  {
    kind: 'mixture-density',
    width: 420,
    height: 320,
    label: "Your network's predicted density of the target at each input, with held-out points",
    caption:
      'The density your network predicts, p(target&thinsp;|&thinsp;input), darker where it is higher (the lesson figure&rsquo;s scale), with held-out points (grey) over it: a good fit puts its density on every branch of the points, and none between them.',
  },
  {
    kind: 'images',
    width: 640,
    height: 120,
    label: 'The images your code reported while it trained',
    caption: 'The images your code reports in <code>ctx.report</code> (e.g. digits over their current reconstructions), redrawn as it trains.',
  },
];
