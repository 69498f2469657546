/**
 * The ring figure's panels as SVG strings (build time; the figure is static): the two rings in the plane, then
 * their first two kernel PCA coordinates for each γ, the outer ring in one colour and the inner in another.
 */
import { chartSvg, palette } from '../../kit/svg-chart.ts';
import type { KernelPcaFigureData } from './kernel-pca-data.ts';

/** One panel's scatter: the points of each ring as a series of dots. */
function ringsScatter(points: readonly number[], labels: readonly number[], title: string, xLabel: string, yLabel: string): string {
  const series = [0, 1].map((ring) => {
    const idx = labels.flatMap((l, i) => (l === ring ? [i] : []));
    return { name: ring === 0 ? 'outer ring' : 'inner ring', x: idx.map((i) => points[2 * i]!), y: idx.map((i) => points[2 * i + 1]!), mark: 'points' as const, color: palette[ring === 0 ? 0 : 5] };
  });
  return chartSvg({ title, width: 240, height: 220, xLabel, yLabel, legend: false, series });
}

/** The panels: the input, then one per γ, each with the line under it. */
export function ringPanels(data: KernelPcaFigureData['rings']): { svg: string; line: string }[] {
  const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
  return [
    {
      svg: ringsScatter(data.points, data.labels, `Two concentric rings of ${data.perRing} points each, radii ${data.outer} and ${data.inner}`, 'x₁', 'x₂'),
      line: `The input: best straight split ${pct(data.inputSplitAccuracy)}`,
    },
    ...data.panels.map((p) => ({
      svg: ringsScatter(p.points, data.labels, `The rings' first two RBF kernel PCA coordinates with γ = ${p.gamma}; the best straight line separates ${pct(p.splitAccuracy)} of the points`, 'kernel component 1', 'component 2'),
      line: `γ = ${p.gamma}: best straight split ${pct(p.splitAccuracy)}`,
    })),
  ];
}
