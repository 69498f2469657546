/**
 * The view of the "Vanishing gradients" gradient-norms figure: per-layer norms (gradient-norms-model.ts) as an SVG
 * chart, its title, legend entries and summary lines. Called at build time by GradientNorms.astro and in the browser
 * by gradient-norms-element.ts.
 */
import { chartSvg, palette } from '../../kit/svg-chart.ts';
import { firstLastRatio, sci, type HiddenActivation, type NetSettings } from './gradient-norms-model.ts';

/** Norms per shown activation (sigmoid and ReLU always, tanh when the reader asks for it). */
export type ShownNorms = Partial<Record<HiddenActivation, number[]>>;

/** Each activation's name and colour, in the order the figure draws them. */
const styles: { activation: HiddenActivation; name: string; color: string }[] = [
  { activation: 'sigmoid', name: 'sigmoid', color: palette[1]! },
  { activation: 'relu', name: 'ReLU', color: palette[0]! },
  { activation: 'tanh', name: 'tanh', color: palette[2]! },
];
const shownStyles = (norms: ShownNorms) => styles.filter((s) => norms[s.activation]);

/** Decade-aligned log domain around the values. */
export function decades(values: number[]): [number, number] {
  const ok = values.filter((v) => v > 0 && Number.isFinite(v));
  return [10 ** Math.floor(Math.log10(Math.min(...ok))), 10 ** Math.ceil(Math.log10(Math.max(...ok)))];
}

/** Figure (a)'s title for a net of this depth and width. */
export function layerNormsTitle(s: Pick<NetSettings, 'hidden' | 'width' | 'shown'>): string {
  return `Gradient norm of each layer’s weights at initialization, ${s.hidden} hidden layers of ${s.width} units, ${s.shown === 'with-tanh' ? 'sigmoid, ReLU and tanh' : 'sigmoid and ReLU'}`;
}

/** Figure (a): ‖∂L/∂W_l‖ against the layer index, one line per shown activation, log scale. */
export function layerNormsSvg(norms: ShownNorms, title: string): string {
  const x = norms.sigmoid!.map((_, l) => l + 1);
  const shown = shownStyles(norms);
  return chartSvg({
    title,
    width: 520,
    height: 300,
    xLabel: `layer (1 = first hidden, ${x.length} = output)`,
    yLabel: '‖∂L/∂W‖ (log scale)',
    yLog: true,
    xDomain: [1, Math.max(2, x.length)],
    yDomain: decades(shown.flatMap((s) => norms[s.activation]!)),
    legend: false,
    series: shown.map((s) => ({ name: s.name, x, y: norms[s.activation]!, mark: 'both' as const, color: s.color })),
  });
}

/** The shown series' names and colours, for an HTML legend under the chart. */
export function layerNormsLegend(norms: ShownNorms): { name: string; color: string }[] {
  return shownStyles(norms).map(({ name, color }) => ({ name, color }));
}

/** One line per shown activation: first layer, output layer and their ratio. */
export function normsSummary(norms: ShownNorms): string[] {
  return shownStyles(norms).map(({ activation, name }) => {
    const v = norms[activation]!;
    return `${name[0]!.toUpperCase()}${name.slice(1)}: first layer ${sci(v[0]!)}, output layer ${sci(v[v.length - 1]!)}, ratio ${sci(firstLastRatio(v))}`;
  });
}
