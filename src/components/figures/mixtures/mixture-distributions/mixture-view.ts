/**
 * What the mixture-distributions figure shows for one setting: the mixture's density contours, its components' 1σ
 * and 2σ ellipses and a seeded sample (gmmPlaneSvg), and a few lines comparing the sample with the mixture. Pure
 * (strings out), shared by the build-time render and the <rdl-mixture-distributions> element.
 */
import { gmmPlaneSvg } from '../../kit/gmm-svg.ts';
import { averagedMoments, drawFigureSample, mixtureMoments, sampleMoments, twoComponentMixture } from './mixture-model.ts';

export interface MixtureSettings {
  /** π_A, the weight of component A (B gets 1 − π_A). */
  weightA: number;
  /** A's mean is (−offset, −offset), B's (offset, offset). */
  offset: number;
  /** How the points are drawn: the mixture ('pick') or the averaging mistake ('average'). */
  mode: 'pick' | 'average';
  /** Points drawn. */
  n: number;
  /** Seed of the draw (graders/rng.ts), so the build and the browser show the same points. */
  seed: number;
}

export interface MixtureView {
  svg: string;
  lines: string[];
}

/** Two decimals with a typographic minus, and no "−0.00" for a tiny negative. */
const f2 = (v: number) => (Math.abs(v) < 0.005 ? 0 : v).toFixed(2).replace('-', '−');

export function mixtureView(s: MixtureSettings): MixtureView {
  const g = twoComponentMixture(s.weightA, s.offset);
  const sample = drawFigureSample(g, s.n, s.seed, s.mode);
  const svg = gmmPlaneSvg({
    box: { x0: -1.5, x1: 1.5, y0: -1.5, y1: 1.5 },
    title: `Density contours of the mixture ${f2(s.weightA)}·A + ${f2(1 - s.weightA)}·B, A at (${f2(-s.offset)}, ${f2(-s.offset)}), B at (${f2(s.offset)}, ${f2(s.offset)}), with ${s.n} points ${s.mode === 'pick' ? 'sampled from it, coloured by component' : 'made by averaging a draw of A and a draw of B'}`,
    layers: [{ gmm: g, contours: true, ellipses: [1, 2], colorByComponent: true, color: 'currentColor' }],
    points: { xy: sample.xy, labels: sample.labels ?? undefined },
    ticks: [-1, 0, 1],
  });
  const want = mixtureMoments(g, 0), got = sampleMoments(sample.xy, 0);
  const lines: string[] = [];
  if (sample.labels) {
    const fromA = sample.labels.reduce((k, c) => k + (c === 0 ? 1 : 0), 0);
    lines.push(`${fromA} of ${s.n} points came from A (${(100 * fromA / s.n).toFixed(0)} %; its weight is ${(100 * s.weightA).toFixed(0)} %), the others from B.`);
  } else {
    const avg = averagedMoments(g, 0);
    lines.push(`Every point is ${f2(s.weightA)}·a + ${f2(1 - s.weightA)}·b with a from A and b from B: one blob around (${f2(avg.mean)}, ${f2(avg.mean)}) with standard deviation ${f2(avg.std)} per axis, narrower than either component (${f2(g.stds[0]![0]!)}).`);
  }
  lines.push(`Along x the points have mean ${f2(got.mean)} and standard deviation ${f2(got.std)}; the mixture has ${f2(want.mean)} and ${f2(want.std)}.`);
  return { svg, lines };
}
