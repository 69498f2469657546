/**
 * The view of the "Vanishing gradients" gradient-norms figure: per-layer norms (gradient-norms-model.ts) as an SVG
 * chart, its title, legend entries and summary lines. Called at build time by GradientNorms.astro and in the browser
 * by gradient-norms-element.ts.
 */
import { chartSvg, palette } from '../../kit/svg-chart.ts';
import { firstLastRatio, sci, type HiddenActivation, type NetSettings } from './gradient-norms-model.ts';

/** Decade-aligned log domain around the values. */
export function decades(values: number[]): [number, number] {
  const ok = values.filter((v) => v > 0 && Number.isFinite(v));
  return [10 ** Math.floor(Math.log10(Math.min(...ok))), 10 ** Math.ceil(Math.log10(Math.max(...ok)))];
}

/** Figure (a)'s title for a net of this depth and width. */
export function layerNormsTitle(s: Pick<NetSettings, 'hidden' | 'width'>): string {
  return `Gradient norm of each layer’s weights at initialization, ${s.hidden} hidden layers of ${s.width} units, sigmoid and ReLU`;
}

/** Figure (a): ‖∂L/∂W_l‖ against the layer index, sigmoid and ReLU, log scale. */
export function layerNormsSvg(norms: Record<HiddenActivation, number[]>, title: string): string {
  const x = norms.sigmoid.map((_, l) => l + 1);
  return chartSvg({
    title,
    width: 520,
    height: 300,
    xLabel: `layer (1 = first hidden, ${x.length} = output)`,
    yLabel: '‖∂L/∂W‖ (log scale)',
    yLog: true,
    xDomain: [1, Math.max(2, x.length)],
    yDomain: decades([...norms.sigmoid, ...norms.relu]),
    legend: false,
    series: [
      { name: 'sigmoid', x, y: norms.sigmoid, mark: 'both', color: palette[1] },
      { name: 'ReLU', x, y: norms.relu, mark: 'both', color: palette[0] },
    ],
  });
}

/** The two series' names and colours, for an HTML legend under the chart. */
export const layerNormsLegend = [
  { name: 'sigmoid', color: palette[1]! },
  { name: 'ReLU', color: palette[0]! },
];

/** One line per activation: first layer, output layer and their ratio. */
export function normsSummary(norms: Record<HiddenActivation, number[]>): string[] {
  return (['sigmoid', 'relu'] as const).map((a) => {
    const v = norms[a];
    return `${a === 'relu' ? 'ReLU' : 'Sigmoid'}: first layer ${sci(v[0]!)}, output layer ${sci(v[v.length - 1]!)}, ratio ${sci(firstLastRatio(v))}`;
  });
}
