/**
 * The EM figure's drawing, shared by the build (the page without JavaScript shows the last step) and the
 * <rdl-em-steps> element (the step slider): the training points, the true mixture's 1σ ellipses dashed, the
 * mixture after `step` EM iterations with its 1σ and 2σ ellipses, and the training NLL per iteration with the
 * current step marked. The trajectory is measured by scripts/mixtures/em-trajectory.ts into em-trajectory.json.
 */
import type { DiagonalGmm } from '../../../../../graders/mixtures/gmm.ts';
import { chartSvg } from '../../kit/svg-chart.ts';
import { gmmPlaneSvg, type PlaneBox } from '../../kit/gmm-svg.ts';

/** What the figure reads from em-trajectory.json. */
export interface EmTrajectory {
  seed: number;
  tolerance: number;
  truth: DiagonalGmm;
  trueTrainNll: number;
  /** A subsample of the training points as (x, y) pairs. */
  points: number[];
  /** The mixture after t iterations (t = 0: the start) and its training NLL. */
  steps: { gmm: DiagonalGmm; nll: number }[];
}

/** The figure's one setting: which iteration is shown. */
export interface EmStepsSettings {
  step: number;
}

/** A square centred on the points, as wide as their wider extent plus a little room, so every ellipse centre shows. */
export function planeBox(points: number[]): PlaneBox {
  const extent = (axis: 0 | 1) => {
    let lo = Infinity, hi = -Infinity;
    for (let i = axis; i < points.length; i += 2) [lo, hi] = [Math.min(lo, points[i]!), Math.max(hi, points[i]!)];
    return [lo, hi] as const;
  };
  const [x, y] = [extent(0), extent(1)];
  const half = 0.55 * Math.max(x[1] - x[0], y[1] - y[0]);
  const [cx, cy] = [(x[0] + x[1]) / 2, (y[0] + y[1]) / 2];
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}

/** The plane and the NLL chart at `step` (clamped to the trajectory), and a line saying where EM stands. */
export function emStepsView(t: EmTrajectory, settings: EmStepsSettings): { planeSvg: string; nllSvg: string; line: string } {
  const step = Math.min(Math.max(0, Math.round(settings.step)), t.steps.length - 1);
  const { gmm, nll } = t.steps[step]!;
  const planeSvg = gmmPlaneSvg({
    box: planeBox(t.points),
    title: `The data, the true mixture (dashed) and EM's mixture after ${step} iteration${step === 1 ? '' : 's'}`,
    points: { xy: t.points },
    layers: [
      { gmm: t.truth, ellipses: [1], means: false, dashed: true, color: 'currentColor' },
      { gmm, ellipses: [1, 2], colorByComponent: true },
    ],
    width: 300,
  });
  const iterations = t.steps.map((_, i) => i);
  const nllSvg = chartSvg({
    title: 'Training NLL after each EM iteration',
    series: [
      { name: 'EM', x: iterations, y: t.steps.map((s) => s.nll), mark: 'both' },
      { name: 'true mixture', x: [0, t.steps.length - 1], y: [t.trueTrainNll, t.trueTrainNll], dashed: true },
      { name: 'shown', x: [step], y: [nll], mark: 'points' },
    ],
    xLabel: 'EM iteration',
    yLabel: 'training NLL (nats per point)',
    width: 360,
    height: 260,
  });
  const weights = gmm.weights.map((w) => w.toFixed(2)).join(', ');
  const line = `Iteration ${step} of ${t.steps.length - 1}: training NLL ${nll.toFixed(4)} (true mixture ${t.trueTrainNll.toFixed(4)}); weights ${weights}.`;
  return { planeSvg, nllSvg, line };
}
