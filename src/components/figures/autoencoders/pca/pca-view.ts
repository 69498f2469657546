/**
 * The SVG and text of the PCA reconstruction figure, shared by the build (the page without JavaScript) and the
 * <rdl-pca-reconstruction> element: ten digits over their reconstructions from k components, and the cumulative
 * explained variance with a marker at k.
 */
import { chartSvg, palette, r2 } from '../../kit/svg-chart.ts';
import { keptVariance, reconstruct, type PcaFigureData } from './pca-model.ts';

/** Pixel size of one digit cell in the strip. */
const CELL = 5;

/** One 8×8 image as grey squares (ink dark), at (x0, y0). Values are clipped to [0, 1]: a reconstruction overshoots. */
function digitRects(pixels: readonly number[], x0: number, y0: number): string {
  const parts: string[] = [];
  for (let r = 0; r < 8; r++)
    for (let c = 0; c < 8; c++) {
      const v = Math.min(1, Math.max(0, pixels[r * 8 + c]!));
      const g = Math.round(255 * (1 - v));
      parts.push(`<rect x="${x0 + c * CELL}" y="${y0 + r * CELL}" width="${CELL}" height="${CELL}" fill="rgb(${g},${g},${g})"/>`);
    }
  return parts.join('');
}

/** The ten digits (top row) over their reconstructions from k components (bottom row). */
export function digitsSvg(data: PcaFigureData, k: number): string {
  const size = 8 * CELL, gap = 8, left = 92;
  const width = left + data.examples.length * (size + gap), height = 2 * size + 3 * gap;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>Ten digits, one of each class, over their reconstructions from the first ${k} principal components</title>`];
  parts.push(`<g fill="currentColor" font-size="11" font-family="system-ui, sans-serif"><text x="0" y="${gap + size / 2 + 4}">original</text><text x="0" y="${2 * gap + size + size / 2 + 4}">k = ${k}</text></g>`);
  data.examples.forEach((e, i) => {
    const x0 = left + i * (size + gap);
    parts.push(digitRects(e.pixels, x0, gap));
    parts.push(digitRects(reconstruct(data, e.pixels, k), x0, 2 * gap + size));
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The cumulative explained variance against k, with a marker at k. */
export function varianceChartSvg(data: PcaFigureData, k: number): string {
  const ks = Array.from({ length: data.ratios.length + 1 }, (_, i) => i);
  const kept = ks.map((i) => keptVariance(data.ratios, i));
  return chartSvg({
    title: `Share of the digits' total variance kept by the first k principal components, k = 0 to ${data.ratios.length}; the marker is at k = ${k}`,
    width: 420,
    height: 220,
    xLabel: 'components k',
    yLabel: 'variance kept',
    xDomain: [0, data.ratios.length],
    yDomain: [0, 1],
    legend: false,
    series: [
      { name: 'variance kept', x: ks, y: kept, color: palette[0] },
      { name: 'k', x: [k], y: [r2(keptVariance(data.ratios, k) * 100) / 100], mark: 'points', color: palette[5] },
    ],
  });
}

/** The sentence under the figure at k. */
export function summaryText(data: PcaFigureData, k: number): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  return `k = ${k}: the first ${k} component${k === 1 ? '' : 's'} keep ${pct(keptVariance(data.ratios, k))} of the variance; the mean squared error per pixel over all ${data.n} digits is ${data.mse[k]!.toFixed(4)} (it is ${data.mse[0]!.toFixed(4)} for the mean image alone).`;
}

/** Everything the figure shows at k. */
export function reconstructionView(data: PcaFigureData, k: number): { digits: string; chart: string; summary: string } {
  return { digits: digitsSvg(data, k), chart: varianceChartSvg(data, k), summary: summaryText(data, k) };
}
