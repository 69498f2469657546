/**
 * What the MDN density figure shows for one setting: the mixture density p(y | x) = Σ_k π_k N(y | μ_k, σ_k) at one
 * input, each component's share π_k N(y | μ_k, σ_k) (dashed), and, when `showSum` is on, the density of the
 * misreading "a weighted sum of Gaussian random values" Σ_k π_k X_k, one Gaussian. Pure (strings out), shared by
 * the build-time render and the <rdl-mdn-density> element.
 */
import { legendHtml } from '../../kit/legend.ts';
import { chartSvg, palette, type Series } from '../../kit/svg-chart.ts';
import { componentDensity, countModes, grid, mixtureDensity, mixtureMoments, normalDensity, normalise, weightedSumOfDraws, type ComponentSetting } from './mdn-density-model.ts';

export interface MdnDensitySettings {
  /** Raw weights of the three components (normalised to π by the figure, as a softmax would); 0 switches one off. */
  w0: number;
  w1: number;
  w2: number;
  /** Means. */
  mu0: number;
  mu1: number;
  mu2: number;
  /** Standard deviations (> 0). */
  s0: number;
  s1: number;
  s2: number;
  /** Draw the density of π₁X₁ + π₂X₂ + π₃X₃ too. */
  showSum: boolean;
}

export interface MdnDensityView {
  svg: string;
  legend: string;
  lines: string[];
}

/** The y range drawn: wide enough for every mean the sliders allow (±10) plus a few σ. */
export const Y_RANGE: [number, number] = [-14, 14];

/** The figure's initial setting: three components apart, the weighted sum's mean falling between two of them. */
export const initialDensitySettings: MdnDensitySettings = { w0: 0.35, w1: 0.25, w2: 0.4, mu0: -7, mu1: -2, mu2: 6, s0: 1, s1: 0.8, s2: 1.2, showSum: true };

/** The settings as three components. */
export function componentsOf(s: MdnDensitySettings): ComponentSetting[] {
  return [0, 1, 2].map((k) => ({ weight: s[`w${k}` as 'w0'], mu: s[`mu${k}` as 'mu0'], sigma: s[`s${k}` as 's0'] }));
}

/** Subscript digits, so labels read π₁ rather than π1. */
const sub = (k: number) => String.fromCharCode(0x2080 + k);

/** Two decimals with a typographic minus, and no "−0.00". */
const f2 = (v: number) => (Math.abs(v) < 0.005 ? 0 : v).toFixed(2).replace('-', '−');

const mixtureColor = palette[0]!;
const componentColors = [palette[1]!, palette[2]!, palette[3]!];
const sumColor = palette[4 % palette.length]!;

export function mdnDensityView(s: MdnDensitySettings): MdnDensityView {
  const m = normalise(componentsOf(s));
  const ys = grid(Y_RANGE[0], Y_RANGE[1], 561);
  const mix = ys.map((y) => mixtureDensity(m, y));
  const sum = weightedSumOfDraws(m);
  const sumCurve = ys.map((y) => normalDensity(y, sum.mean, sum.std));
  const active = m.pi.map((p, k) => k).filter((k) => m.pi[k]! > 0);
  const series: Series[] = active.map((k) => ({ name: `π${sub(k + 1)}·N(y | μ${sub(k + 1)}, σ${sub(k + 1)}), π${sub(k + 1)} = ${f2(m.pi[k]!)}`, x: ys, y: ys.map((y) => componentDensity(m, k, y)), color: componentColors[k]!, dashed: true }));
  series.push({ name: 'the mixture density p(y | x) = Σₖ πₖ N(y | μₖ, σₖ)', x: ys, y: mix, color: mixtureColor });
  if (s.showSum) series.push({ name: `the density of π₁X₁ + π₂X₂ + π₃X₃ (Xₖ ~ N(μₖ, σₖ)): N(${f2(sum.mean)}, ${f2(sum.std)})`, x: ys, y: sumCurve, color: sumColor });
  const top = Math.max(...mix, ...(s.showSum ? sumCurve : []));
  const svg = chartSvg({
    title: `The mixture density of ${active.length} Gaussian components at one input, with each component's weighted density${s.showSum ? ', and the single Gaussian density of the weighted sum of one draw from each' : ''}`,
    width: 560,
    height: 300,
    xLabel: 'y',
    yLabel: 'density',
    xDomain: Y_RANGE,
    yDomain: [0, top * 1.05],
    legend: false,
    series,
  });
  const modes = countModes(mix);
  const moments = mixtureMoments(m);
  const peak = Math.max(...mix);
  const lines = [
    `The mixture density has ${modes} ${modes === 1 ? 'peak' : 'peaks'}. A sample picks component k with probability πₖ, then draws y from N(μₖ, σₖ): π = (${m.pi.map(f2).join(', ')}).`,
    `Its mean is Σₖ πₖ μₖ = ${f2(moments.mean)} and its standard deviation ${f2(moments.std)}.`,
  ];
  if (s.showSum)
    lines.push(
      `π₁X₁ + π₂X₂ + π₃X₃ with one draw from each component is N(${f2(sum.mean)}, ${f2(sum.std)}): one peak at the same mean, narrower than the mixture (standard deviation ${f2(sum.std)} against ${f2(moments.std)}). The mixture's density there is ${f2(mixtureDensity(m, sum.mean))}, ${(mixtureDensity(m, sum.mean) / peak * 100).toFixed(0)} % of its highest peak.`,
    );
  return { svg, legend: legendHtml(series), lines };
}
