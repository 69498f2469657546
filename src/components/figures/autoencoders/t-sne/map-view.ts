/**
 * A 2-D map as an SVG scatter, one colour per class (the t-SNE lesson's figures): pure strings, drawn at build time
 * so the page shows the maps without JavaScript. t-SNE's axes have no units, so no axis carries a number's meaning.
 */
import { chartSvg, palette, type Series } from '../../kit/svg-chart.ts';

/** Ten distinguishable colours for the ten digits: the course palette, then three more. */
export const digitColors = [...palette, '#882255', '#44AA99', '#777777'];

/** Points i = (flat[2i], flat[2i + 1]) split into one point series per class, named by `names[class]`. */
export function seriesByClass(flat: ArrayLike<number>, labels: ArrayLike<number>, names: string[], colors = digitColors): Series[] {
  return names.map((name, c) => {
    const x: number[] = [], y: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === c) { x.push(flat[2 * i]!); y.push(flat[2 * i + 1]!); }
    return { name, x, y, color: colors[c % colors.length]!, mark: 'points' as const };
  });
}

/** One map panel: the points coloured by class, axes named as given, no legend (the figure has one). */
export function mapSvg(o: { flat: ArrayLike<number>; labels: ArrayLike<number>; names: string[]; title: string; xLabel: string; yLabel: string; colors?: string[]; width?: number; height?: number }): string {
  return chartSvg({
    title: o.title,
    width: o.width ?? 260,
    height: o.height ?? 240,
    xLabel: o.xLabel,
    yLabel: o.yLabel,
    legend: false,
    series: seriesByClass(o.flat, o.labels, o.names, o.colors),
  });
}
