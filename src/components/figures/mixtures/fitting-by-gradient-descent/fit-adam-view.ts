/**
 * The "Fitting by gradient descent" figures as SVG strings, from the measured JSON beside this file
 * (scripts/mixtures/fit-adam-figure.ts): the fitted mixture over the true one, the loss curve, and the mixing
 * weights over Adam's steps with relu weights and with softmax weights. Pure, so the build renders them and a test
 * can read them.
 */
import type { DiagonalGmm } from '../../../../../graders/mixtures/gmm.ts';
import { gmmPlaneSvg, type PlaneBox } from '../../kit/gmm-svg.ts';
import { chartSvg, palette } from '../../kit/svg-chart.ts';
import type { Provenance } from '../../kit/provenance.ts';

/** What fit-adam-figure.json holds (see scripts/mixtures/fit-adam-figure.ts). */
export interface FitAdamFigure {
  provenance: Provenance;
  fitSeed: number;
  fit: {
    points: number[];
    truth: DiagonalGmm;
    fitted: DiagonalGmm;
    losses: { step: number; loss: number }[];
    heldoutNll: { fitted: number; truth: number; em: number };
    heldoutDifference: { testN: number; sd: number; standardError: number };
  };
  relu: {
    steps: number;
    learningRate: number;
    relu: { history: { step: number; weights: number[] }[]; gmm: DiagonalGmm; heldoutNll: number };
    softmax: { history: { step: number; weights: number[] }[]; gmm: DiagonalGmm; heldoutNll: number };
  };
  sweep: { seed: number; alive: number; heldoutNllAboveTrue: number }[];
  toEm: { lr: number; seeds: { seed: number; steps: number | null; finalAboveEm: number }[] }[];
}

/** A square box around the points with a margin, so every cluster and its 2σ ellipse shows. */
export function boxAround(points: ArrayLike<number>, margin = 0.4): PlaneBox {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    x0 = Math.min(x0, points[i]!); x1 = Math.max(x1, points[i]!);
    y0 = Math.min(y0, points[i + 1]!); y1 = Math.max(y1, points[i + 1]!);
  }
  const half = Math.max(x1 - x0, y1 - y0) / 2 + margin;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}

/** The fitted mixture (contours and 1σ/2σ ellipses) over the true one (dashed contours) and the training points. */
export function fitPlaneSvg(f: FitAdamFigure): string {
  const { fit } = f;
  return gmmPlaneSvg({
    box: boxAround(fit.points),
    title: `A 4-component mixture fitted by Adam (solid contours and ellipses) over the true mixture (dashed contours) and every 4th of the 2000 training points; held-out NLL ${fit.heldoutNll.fitted.toFixed(3)} against the truth's ${fit.heldoutNll.truth.toFixed(3)}.`,
    layers: [
      { gmm: fit.truth, contours: true, dashed: true, color: 'currentColor' },
      { gmm: fit.fitted, contours: true, ellipses: [1, 2], colorByComponent: true, color: palette[0] },
    ],
    points: { xy: fit.points },
    pointRadius: 1.4,
    width: 340,
    ticks: [-2, -1, 0, 1, 2],
  });
}

/** The reference solution's training loss (mean NLL per point, averaged over its starts) against Adam's steps. */
export function lossSvg(f: FitAdamFigure): string {
  const l = f.fit.losses;
  return chartSvg({
    title: `Training loss of the reference solution over ${l[l.length - 1]!.step} Adam steps, falling to ${l[l.length - 1]!.loss.toFixed(3)} nats per point`,
    width: 300,
    height: 220,
    xLabel: 'Adam step',
    yLabel: 'mean NLL (nats)',
    legend: false,
    series: [{ name: 'training NLL', x: l.map((p) => p.step), y: l.map((p) => p.loss) }],
  });
}

/** The four mixing weights over the steps, one line per component, for relu or softmax weights. */
export function weightsSvg(f: FitAdamFigure, which: 'relu' | 'softmax'): string {
  const h = f.relu[which].history;
  const k = h[0]!.weights.length;
  const dead = f.relu[which].gmm.weights.filter((w) => w <= 0).length;
  return chartSvg({
    title: `Mixing weights of the 4 components over ${f.relu.steps} Adam steps with ${which === 'relu' ? 'relu(w)/Σrelu(w)' : 'softmax(logits)'} weights: ${dead} end at exactly 0`,
    width: 300,
    height: 220,
    xLabel: 'Adam step',
    yLabel: 'mixing weight',
    yDomain: [0, 1],
    legend: false,
    series: Array.from({ length: k }, (_, c) => ({ name: `component ${c + 1}`, x: h.map((p) => p.step), y: h.map((p) => p.weights[c]!), color: palette[c % palette.length] })),
  });
}
