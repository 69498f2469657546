/**
 * Live training-loss curve, drawn with uPlot (≈50 KB, built for streaming time series: appending a point and
 * redrawing stays well under a millisecond, so reporting every epoch never slows training down).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export class LossChart {
  private readonly steps: number[] = [];
  private readonly losses: number[] = [];
  private readonly plot: uPlot;
  private pending = false;

  constructor(host: HTMLElement) {
    const width = Math.max(260, Math.min(host.clientWidth || 360, 520));
    this.plot = new uPlot(
      {
        width,
        height: 220,
        title: 'Training loss',
        scales: { x: { time: false } },
        axes: [{ label: 'epoch', stroke: 'currentColor' }, { label: 'loss', stroke: 'currentColor' }],
        series: [{ label: 'epoch' }, { label: 'loss', stroke: '#6d5dfc', width: 2, value: (_u, v) => (v == null ? '–' : v.toFixed(4)) }],
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
      },
      [[], []],
      host,
    );
  }

  /** Adds a point; redraws at most once per animation frame however fast points arrive. */
  push(step: number, loss: number): void {
    this.steps.push(step);
    this.losses.push(loss);
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.plot.setData([this.steps, this.losses]);
    });
  }

  destroy(): void {
    this.plot.destroy();
  }
}
