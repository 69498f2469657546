/**
 * The SVG and HTML of the underflow figure, shared by the build (the page without JavaScript) and the
 * <rdl-underflow-line> element: the measured log p along the line (four ways), a marker at the slider's
 * distance, and the step-by-step read-out at that distance.
 */
import { chartSvg, palette, type Series } from '../../kit/svg-chart.ts';
import { esc } from '../../kit/svg-basics.ts';
import { methods, stepsAt, type Line, type Method, type PointSteps } from './underflow-model.ts';
import type { DiagonalGmm } from '../../../../../graders/mixtures/gmm.ts';

/** How the legend and the table name each computation. */
export const methodNames: Record<Method, string> = {
  float64: 'float64, log domain (the truth)',
  stableFloat32: 'float32 tfjs, logsumexp',
  naiveFloat32: 'float32 tfjs, exp → sum → log',
  naiveFloat64: 'float64, exp → sum → log',
};

/** Colour and dash per computation: the two log-domain curves lie on top of each other, so the float32 one is dashed. */
export const methodSeries: Record<Method, Pick<Series, 'color' | 'dashed'>> = {
  float64: { color: palette[0]! },
  stableFloat32: { color: palette[2]!, dashed: true },
  naiveFloat32: { color: palette[3]! },
  naiveFloat64: { color: palette[1]! },
};

/** The legend's series, in the chart's order. */
export const legendSeries = methods.map((m) => ({ name: methodNames[m], ...methodSeries[m] }));

/**
 * The chart: log p against distance for each computation. All four agree until a naive one becomes −Infinity, so
 * the naive curves are drawn first and the log-domain ones on top; each naive curve gets a dot at its last finite
 * value and a dashed vertical line in its colour where −Infinity begins. The solid vertical line is the slider's `t`.
 */
export function lineChartSvg(line: Line, t: number): string {
  const finite = methods.flatMap((m) => line.values[m].filter(Number.isFinite));
  const yDomain: [number, number] = [Math.min(...finite), Math.max(...finite)];
  const curve = (m: Method): Series => ({ name: methodNames[m], x: line.distances, y: line.values[m], ...methodSeries[m] });
  const series: Series[] = [curve('naiveFloat64'), curve('naiveFloat32'), curve('float64'), curve('stableFloat32')];
  for (const m of ['naiveFloat32', 'naiveFloat64'] as const) {
    const i = line.values[m].findIndex((v) => v === -Infinity);
    if (i <= 0) continue;
    const color = methodSeries[m].color!;
    series.push({ name: `${methodNames[m]}: last finite value`, x: [line.distances[i - 1]!], y: [line.values[m][i - 1]!], mark: 'points', color });
    series.push({ name: `${methodNames[m]}: −Infinity from here`, x: [line.distances[i]!, line.distances[i]!], y: yDomain, color, dashed: true });
  }
  series.push({ name: 'the point the slider picks', x: [t, t], y: yDomain, color: 'currentColor' });
  return chartSvg({
    title: `log p along a line out of the two-component mixture, to ${line.distances.at(-1)} standard deviations: float64, float32 logsumexp, and exp-then-log in float32 and float64`,
    width: 560,
    height: 320,
    xLabel: 'distance from the nearest component (standard deviations)',
    yLabel: 'log p(x)',
    xDomain: [line.distances[0]!, line.distances.at(-1)!],
    yDomain,
    legend: false,
    series,
  });
}

/** A number as the read-out prints it: 0 and ±Infinity as words, else 4 significant digits. */
export function num(v: number): string {
  if (v === 0) return '0';
  if (v === -Infinity) return '−Infinity';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const s = a >= 1e-3 && a < 1e5 ? Number(v.toPrecision(4)).toString() : v.toExponential(3);
  return s.replace('-', '−');
}

/** One read-out row: a label, then the float32 and the float64 value. */
const row = (label: string, f32: string, f64: string) => `<tr><th scope="row">${label}</th><td>${f32}</td><td>${f64}</td></tr>`;
const pair = (values: number[]) => values.map(num).join(', ');

/** The read-out table at one distance: the component terms, then each step of both combinations, float32 beside float64. */
export function stepsTable(s: PointSteps): string {
  const { float32: a, float64: b } = s;
  return [
    `<table class="rdl-figure-table underflow-steps"><caption>At ${num(s.t)} standard deviations, x = (${s.x.map(num).join(', ')})</caption>`,
    '<thead><tr><th></th><th>float32</th><th>float64</th></tr></thead><tbody>',
    row('terms a<sub>k</sub> = log π<sub>k</sub> + log N(x | μ<sub>k</sub>, σ<sub>k</sub>), A, B', pair(s.terms32), pair(s.terms)),
    row('naive: exp(a<sub>k</sub>)', pair(a.exps), pair(b.exps)),
    row('naive: log of their sum', num(a.naive), num(b.naive)),
    row('logsumexp: m = max a<sub>k</sub>', num(a.max), num(b.max)),
    row('logsumexp: exp(a<sub>k</sub> − m)', pair(a.shiftedExps), pair(b.shiftedExps)),
    row('logsumexp: m + log of their sum', num(a.stable), num(b.stable)),
    `</tbody></table>`,
  ].join('');
}

/** The summary line under the read-out: which computations give −Infinity here, against the true value. */
export function stepsSummary(s: PointSteps): string {
  const failing = [s.float32.naive === -Infinity && 'float32', s.float64.naive === -Infinity && 'float64'].filter(Boolean);
  const truth = `The true log p here is ${num(s.exact)}`;
  if (!failing.length) return esc(`${truth}; every exp is still a positive number, so both ways agree.`);
  return esc(`${truth}; exp(aₖ) is 0 for both components in ${failing.join(' and ')}, so the naive sum is 0 and its log −Infinity. Subtracting the largest term first makes the largest exp exactly 1.`);
}

/** Everything the element redraws when the slider moves. */
export function underflowView(g: DiagonalGmm, line: Line, t: number): { chart: string; steps: string; summary: string } {
  const s = stepsAt(g, t);
  return { chart: lineChartSvg(line, t), steps: stepsTable(s), summary: stepsSummary(s) };
}
