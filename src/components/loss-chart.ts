/**
 * Live training-loss curve, drawn with uPlot (≈50 KB, built for streaming time series: appending a point and
 * redrawing stays well under a millisecond, so reporting every epoch never slows training down). A second,
 * dashed series for the validation loss is added when the first validation loss arrives, so a run that reports
 * none shows one curve and no empty legend entry. Axes, ticks and grid take the theme's chart ink (chart-ink.ts),
 * read at every draw, and the chart draws again when the theme switches.
 *
 * The legend shows the newest point while the pointer is off the chart ("epoch 379, loss 0.31"), not uPlot's
 * placeholders. An exercise's reference lines (`lossChart.references` in exercise.yaml: chance level, noise floor)
 * are drawn dashed and labelled, and the y range always includes them. A "Log scale" box switches the loss axis to
 * a log scale (for losses that span decades); it is off, and disabled, while any loss is 0 or below.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LossReference } from '../../graders/schema.ts';
import { LossSeries, lossRange } from './loss-series.ts';
import { palette } from './palette.ts';
import { chartInk, onThemeChange, type ChartInk } from './chart-ink.ts';

const value = (_u: uPlot, v: number | null) => (v == null ? '–' : v.toFixed(4));

/** The validation series: the palette's orange, dashed, joined across steps without a validation loss. */
export const validationSeries: uPlot.Series = { label: 'validation', stroke: palette[1], width: 2, dash: [6, 4], spanGaps: true, value };

export class LossChart {
  private readonly series = new LossSeries();
  private plot: uPlot;
  private pending = false;
  private ink: ChartInk;
  private log = false;
  /** " · epoch 380 / 1000" once the learner has said how many epochs it plans; '' before. */
  private progressTitle = '';
  private readonly toggle: HTMLInputElement;
  private readonly box: HTMLElement;
  private readonly stopWatchingTheme: () => void;
  private readonly host: HTMLElement;
  private readonly references: readonly LossReference[];

  constructor(host: HTMLElement, references: readonly LossReference[] = []) {
    this.host = host;
    this.references = references;
    this.ink = chartInk(host);
    // The toggle first, then the chart's own box: rebuilding the chart replaces only the box's content.
    const label = document.createElement('label');
    label.className = 'rdl-loss-scale';
    this.toggle = document.createElement('input');
    this.toggle.type = 'checkbox';
    this.toggle.dataset.role = 'log-scale';
    this.toggle.addEventListener('change', () => this.setLog(this.toggle.checked));
    label.append(this.toggle, ' Log scale');
    this.box = document.createElement('div');
    host.append(label, this.box);
    host.dataset.references = references.map((r) => r.label).join('|');
    this.plot = this.build();
    this.stopWatchingTheme = onThemeChange(() => {
      this.ink = chartInk(host);
      this.plot.redraw(false, true);
    });
  }

  private build(): uPlot {
    const width = Math.max(260, Math.min(this.host.clientWidth || 360, 520));
    // Functions, so a redraw after a theme switch picks the new ink up.
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: () => this.ink.text,
      grid: { stroke: () => this.ink.grid, width: 1 },
      ticks: { stroke: () => this.ink.axis, width: 1 },
    });
    const refs = this.references;
    const plot = new uPlot(
      {
        width,
        height: 220,
        title: this.title(),
        scales: {
          x: { time: false },
          y: { distr: this.log ? 3 : 1, range: (_u, min, max) => lossRange(min, max, refs, this.log) },
        },
        axes: [axis('epoch'), axis('loss')],
        series: [{ label: 'epoch' }, { label: 'loss', stroke: '#6d5dfc', width: 2, value }, ...(this.series.hasValidation ? [validationSeries] : [])],
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        hooks: { draw: [(u) => this.drawReferences(u)], setCursor: [(u) => this.showNewest(u)] },
      },
      this.series.data() as uPlot.AlignedData,
      this.box,
    );
    this.host.dataset.scale = this.log ? 'log' : 'linear';
    return plot;
  }

  /** Dashed horizontal lines at the exercise's reference losses, each labelled at its right end. */
  private drawReferences(u: uPlot): void {
    const { ctx } = u;
    const { left, width, top, height } = u.bbox;
    ctx.save();
    ctx.strokeStyle = ctx.fillStyle = this.ink.reference;
    ctx.lineWidth = devicePixelRatio;
    ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    for (const r of this.references) {
      if (this.log && r.value <= 0) continue;
      const y = u.valToPos(r.value, 'y', true);
      if (y < top || y > top + height) continue;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      ctx.fillText(r.label, left + width - 4 * devicePixelRatio, y - 2 * devicePixelRatio);
    }
    ctx.restore();
  }

  private title(): string {
    return `${this.series.hasValidation ? 'Training and validation loss' : 'Training loss'}${this.progressTitle}`;
  }

  private setTitle(): void {
    const title = this.plot.root.querySelector('.u-title');
    if (title) title.textContent = this.title();
  }

  /** With the pointer off the chart, the legend shows the newest point instead of placeholders. */
  private showNewest(u: uPlot): void {
    const n = this.series.steps.length;
    if (n && (u.cursor.idx == null || (u.cursor.left ?? -1) < 0)) u.setLegend({ idx: n - 1 }, false);
  }

  private setLog(log: boolean): void {
    if (log === this.log) return;
    this.log = log;
    this.plot.destroy();
    this.plot = this.build();
    this.showNewest(this.plot);
  }

  /**
   * Adds a point; redraws at most once per animation frame however fast points arrive. `last` is the step the
   * training ends after, when the learner said (Progress.epochs): the title then reads "epoch 380 / 1000".
   */
  push(step: number, loss: number, valLoss?: number, last?: number): void {
    const hadValidation = this.series.hasValidation;
    if (!this.series.push(step, loss, valLoss)) return;
    if (last !== undefined) this.progressTitle = ` · epoch ${step + 1} / ${last + 1}`;
    // A log scale has no place for 0 or a negative loss (an NLL can be negative): the box goes off and stays off.
    const positive = this.series.losses.every((v) => v > 0) && this.series.valLosses.every((v) => v === null || v > 0);
    if (!positive) {
      this.toggle.checked = false;
      this.toggle.disabled = true;
      this.toggle.parentElement!.title = 'A log scale needs every loss above 0.';
      if (this.log) this.setLog(false);
    }
    if (!hadValidation && this.series.hasValidation) {
      // Data for the new series at once: a redraw (a cursor move) before the next frame would find none.
      this.plot.addSeries(validationSeries);
      this.setTitle();
      this.plot.setData(this.series.data() as uPlot.AlignedData);
      this.showNewest(this.plot);
      return;
    }
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.setTitle();
      this.plot.setData(this.series.data() as uPlot.AlignedData);
      this.showNewest(this.plot);
    });
  }

  destroy(): void {
    this.stopWatchingTheme();
    this.plot.destroy();
    this.host.replaceChildren();
  }
}
