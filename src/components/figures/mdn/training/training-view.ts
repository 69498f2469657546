/**
 * The MDN training figure's drawing, shared by the build (the page without JavaScript shows the model early stopping
 * keeps) and the <rdl-mdn-training> element (the epoch slider): the predicted density p(target | input) as a heat map
 * over the training points, each component's μ_k(x) ± σ_k(x) and its weight π_k(x) over the input, and the train,
 * validation and held-out NLL over epochs with the shown epoch marked. Data: training-figure.json, written by
 * scripts/mdn/training-figure.ts.
 */
import { chartSvg, esc, palette, r2, type Series } from '../../kit/svg-chart.ts';
import { densityGrid, type TrainingRun, type TrainingSnapshot } from './training-model.ts';

/** The figure's one setting: the epoch of the saved snapshot shown. */
export interface TrainingSettings {
  epoch: number;
}

/** The snapshots in epoch order, with the early-stopping one among them. */
export function frames(run: TrainingRun): TrainingSnapshot[] {
  const all = run.snapshots.filter((s) => s.epoch !== run.best.epoch).concat(run.best);
  return all.sort((a, b) => a.epoch - b.epoch);
}


const INPUTS: [number, number] = [-13, 13];
const TARGETS: [number, number] = [-12, 12];
/** Density shown at full colour; fixed so epochs compare (a component with σ ≈ 1 peaks at 0.4·π). */
const FULL_DENSITY = 0.3;

/** The heat map of p(target | input) with the training points over it. */
export function densitySvg(run: TrainingRun, s: TrainingSnapshot, width = 360, height = 280): string {
  const m = { top: 10, right: 10, bottom: 40, left: 50 };
  const w = width - m.left - m.right, h = height - m.top - m.bottom;
  const px = (v: number) => m.left + ((v - INPUTS[0]) / (INPUTS[1] - INPUTS[0])) * w;
  const py = (v: number) => m.top + h - ((v - TARGETS[0]) / (TARGETS[1] - TARGETS[0])) * h;
  const rows = 48;
  const { columns, values } = densityGrid(s, TARGETS[0], TARGETS[1], rows, 2);
  const cw = w / columns.length, ch = h / rows;
  const cells: string[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns.length; c++) {
      const o = Math.min(1, values[r * columns.length + c]! / FULL_DENSITY);
      if (o >= 0.02) cells.push(`<rect x="${r2(m.left + c * cw)}" y="${r2(m.top + h - (r + 1) * ch)}" width="${r2(cw + 0.3)}" height="${r2(ch + 0.3)}" fill-opacity="${o.toFixed(2)}"/>`);
    }
  const dots = run.points.filter((_, i) => i % 2 === 0).map(([x, y]) => `<circle cx="${r2(px(x))}" cy="${r2(py(y))}" r="1.3"/>`);
  const ticks = [-10, -5, 0, 5, 10];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>${esc(`Predicted density p(target | input) after ${s.epoch} epochs, over the training points`)}</title>`,
    `<g fill="${palette[0]}">${cells.join('')}</g>`,
    `<g fill="currentColor" fill-opacity="0.45">${dots.join('')}</g>`,
    `<rect x="${m.left}" y="${m.top}" width="${w}" height="${h}" fill="none" stroke="currentColor" stroke-opacity="0.35"/>`,
    `<g fill="currentColor" font-size="11" font-family="system-ui, sans-serif">`,
    ...ticks.map((t) => `<text x="${r2(px(t))}" y="${m.top + h + 15}" text-anchor="middle">${t}</text>`),
    ...ticks.map((t) => `<text x="${m.left - 6}" y="${r2(py(t) + 4)}" text-anchor="end">${t}</text>`),
    `<text x="${m.left + w / 2}" y="${height - 6}" text-anchor="middle">input (the sinusoid's y)</text>`,
    `<text transform="translate(13 ${m.top + h / 2}) rotate(-90)" text-anchor="middle">target (its x)</text>`,
    `</g></svg>`,
  ].join('');
}

/** μ_k(x) (solid) and μ_k(x) ± σ_k(x) (dashed) per component, over the training points. */
export function componentsSvg(run: TrainingRun, s: TrainingSnapshot): string {
  const pts = run.points.filter((_, i) => i % 2 === 0);
  const series: Series[] = [{ name: 'training points', x: pts.map((p) => p[0]), y: pts.map((p) => p[1]), mark: 'points', color: 'currentColor' }];
  const k = s.pi[0]!.length;
  for (let c = 0; c < k; c++) {
    const color = palette[c % palette.length]!;
    const mu = s.mu.map((r) => r[c]!), sd = s.sigma.map((r) => r[c]!);
    series.push({ name: `μ${c + 1}`, x: run.grid, y: mu, color });
    series.push({ name: `μ${c + 1} − σ${c + 1}`, x: run.grid, y: mu.map((v, i) => v - sd[i]!), color, dashed: true });
    series.push({ name: `μ${c + 1} + σ${c + 1}`, x: run.grid, y: mu.map((v, i) => v + sd[i]!), color, dashed: true });
  }
  const svg = chartSvg({ title: `Each component's mean μ_k(x) and μ_k(x) ± σ_k(x) after ${s.epoch} epochs`, series, legend: false, xDomain: INPUTS, yDomain: [-14, 14], xLabel: 'input (the sinusoid\'s y)', yLabel: 'target (its x)', width: 360, height: 280 });
  // The points are context, not data to read: drawn small and faint.
  return svg.replace(/<circle ([^>]*) r="2.6" fill="currentColor"\/>/g, '<circle $1 r="1.2" fill="currentColor" fill-opacity="0.35"/>');
}

/** π_k(x): each component's weight over the input. */
export function weightsSvg(run: TrainingRun, s: TrainingSnapshot): string {
  const k = s.pi[0]!.length;
  const series: Series[] = Array.from({ length: k }, (_, c) => ({ name: `π${c + 1}`, x: run.grid, y: s.pi.map((r) => r[c]!), color: palette[c % palette.length] }));
  return chartSvg({ title: `Each component's weight π_k(x) after ${s.epoch} epochs`, series, legend: false, xDomain: INPUTS, yDomain: [0, 1], xLabel: 'input (the sinusoid\'s y)', yLabel: 'weight π_k', width: 360, height: 200 });
}

/** Train, validation and held-out NLL over epochs, the shown epoch marked. */
export function nllSvg(run: TrainingRun, s: TrainingSnapshot): string {
  const t = run.trajectory;
  const lo = 1.2, hi = 3.2;
  return chartSvg({
    title: 'NLL (nats per point) on the trained points, the validation split and fresh held-out points, over epochs',
    series: [
      { name: 'training (800 points)', x: t.epoch, y: t.train.map((v) => Math.min(v, hi)) },
      { name: `validation (${run.validation} points)`, x: t.epoch, y: t.val.map((v) => Math.min(v, hi)) },
      { name: 'held-out (5000 fresh points)', x: t.epoch, y: t.heldout.map((v) => Math.min(v, hi)) },
      { name: `epoch ${s.epoch}`, x: [s.epoch, s.epoch], y: [lo, hi], dashed: true, color: 'currentColor' },
    ],
    xLabel: 'epoch (Adam, full batch)',
    yLabel: 'NLL (nats per point)',
    yDomain: [lo, hi],
    width: 360,
    height: 280,
  });
}

/** Every panel for the chosen frame, and a line with its numbers. */
export function trainingView(run: TrainingRun, settings: TrainingSettings) {
  // The saved snapshot nearest the asked epoch (the slider only offers saved ones).
  const s = frames(run).reduce((a, b) => (Math.abs(b.epoch - settings.epoch) < Math.abs(a.epoch - settings.epoch) ? b : a));
  const i = run.trajectory.epoch.indexOf(s.epoch);
  const [train, val] = [run.trajectory.train[i]!, run.trajectory.val[i]!];
  const kept = s.epoch === run.best.epoch ? ' This is the lowest validation NLL: the model early stopping keeps.' : '';
  const line =
    `Epoch ${s.epoch}: NLL ${train.toFixed(2)} on the trained points, ${val.toFixed(2)} on the validation split, ${s.heldoutNll.toFixed(2)} on 5000 fresh points ` +
    `(nats per point, ½ log 2π included); ${(100 * s.coverage).toFixed(1)} % of fresh targets inside their central 90 % interval (mean width ${s.intervalWidth.toFixed(1)}).${kept}`;
  return { densitySvg: densitySvg(run, s), componentsSvg: componentsSvg(run, s), weightsSvg: weightsSvg(run, s), nllSvg: nllSvg(run, s), line };
}
