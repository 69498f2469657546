/**
 * Live training-loss curve, drawn with uPlot (≈50 KB, built for streaming time series: appending a point and
 * redrawing stays well under a millisecond, so reporting every epoch never slows training down). A second,
 * dashed series for the validation loss is added when the first validation loss arrives, so a run that reports
 * none shows one curve and no empty legend entry. Axes, ticks and grid take the theme's chart ink (chart-ink.ts),
 * read at every draw, and the chart draws again when the theme switches.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { LossSeries } from './loss-series.ts';
import { palette } from './palette.ts';
import { chartInk, onThemeChange, type ChartInk } from './chart-ink.ts';

const value = (_u: uPlot, v: number | null) => (v == null ? '–' : v.toFixed(4));

/** The validation series: the palette's orange, dashed, joined across steps without a validation loss. */
export const validationSeries: uPlot.Series = { label: 'validation', stroke: palette[1], width: 2, dash: [6, 4], spanGaps: true, value };

export class LossChart {
  private readonly series = new LossSeries();
  private readonly plot: uPlot;
  private pending = false;
  private ink: ChartInk;
  private readonly stopWatchingTheme: () => void;

  constructor(host: HTMLElement) {
    const width = Math.max(260, Math.min(host.clientWidth || 360, 520));
    this.ink = chartInk(host);
    // Functions, so a redraw after a theme switch picks the new ink up.
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: () => this.ink.text,
      grid: { stroke: () => this.ink.grid, width: 1 },
      ticks: { stroke: () => this.ink.axis, width: 1 },
    });
    this.plot = new uPlot(
      {
        width,
        height: 220,
        title: 'Training loss',
        scales: { x: { time: false } },
        axes: [axis('epoch'), axis('loss')],
        series: [{ label: 'epoch' }, { label: 'loss', stroke: '#6d5dfc', width: 2, value }],
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
      },
      [[], []],
      host,
    );
    this.stopWatchingTheme = onThemeChange(() => {
      this.ink = chartInk(host);
      this.plot.redraw(false, true);
    });
  }

  /** Adds a point; redraws at most once per animation frame however fast points arrive. */
  push(step: number, loss: number, valLoss?: number): void {
    const hadValidation = this.series.hasValidation;
    if (!this.series.push(step, loss, valLoss)) return;
    if (!hadValidation && this.series.hasValidation) {
      // Data for the new series at once: a redraw (a cursor move) before the next frame would find none.
      this.plot.addSeries(validationSeries);
      const title = this.plot.root.querySelector('.u-title');
      if (title) title.textContent = 'Training and validation loss';
      this.plot.setData(this.series.data() as uPlot.AlignedData);
      return;
    }
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.plot.setData(this.series.data() as uPlot.AlignedData);
    });
  }

  destroy(): void {
    this.stopWatchingTheme();
    this.plot.destroy();
  }
}
