/**
 * The stage-accuracy figure as an SVG string: one row per stage input, two horizontal bars (the digits, Fashion-MNIST),
 * each labelled with its accuracy. Pure, so the build renders it into the page (no JavaScript needed).
 */
import { esc, palette, r2 } from '../../kit/svg-basics.ts';
import type { StageRow } from './stage-accuracy-model.ts';

/** The two bars' names and colours, for the legend. */
export const stageSeries = [
  { name: '8×8 digits (1797, k = 10)', color: palette[0]! },
  { name: 'Fashion-MNIST (2000, k = 10)', color: palette[1]! },
];

/** Grouped horizontal bars of accuracy 0 … 1 per row. */
export function stageAccuracySvg(rows: StageRow[], title: string): string {
  const width = 560, labelW = 230, right = 44, rowH = 34, top = 8, axisH = 34;
  const height = top + rows.length * rowH + axisH;
  const x = (v: number) => labelW + v * (width - labelW - right);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>${esc(title)}</title>`];
  parts.push('<g class="rdl-grid" stroke="currentColor" stroke-opacity="0.12">');
  for (let t = 0; t <= 10; t += 2) parts.push(`<line x1="${r2(x(t / 10))}" x2="${r2(x(t / 10))}" y1="${top}" y2="${top + rows.length * rowH}"/>`);
  parts.push('</g><g fill="currentColor" font-size="11" font-family="system-ui, sans-serif">');
  for (let t = 0; t <= 10; t += 2) parts.push(`<text x="${r2(x(t / 10))}" y="${top + rows.length * rowH + 14}" text-anchor="middle">${t / 10}</text>`);
  parts.push(`<text x="${r2(x(0.5))}" y="${height - 4}" text-anchor="middle">clustering accuracy (Hungarian matching; 0.1 is chance for ten even classes)</text>`);
  rows.forEach((row, i) => {
    const y0 = top + i * rowH;
    parts.push(`<text x="${labelW - 6}" y="${y0 + rowH / 2 + 4}" text-anchor="end">${esc(row.label)}</text>`);
    [row.digits, row.fashion].forEach((v, j) => {
      const y = y0 + 4 + j * 13;
      parts.push(`<rect x="${labelW}" y="${y}" width="${r2(x(v) - labelW)}" height="12" fill="${stageSeries[j]!.color}"/>`);
      parts.push(`<text x="${r2(x(v) + 4)}" y="${y + 10}">${v.toFixed(2)}</text>`);
    });
  });
  parts.push('</g></svg>');
  return parts.join('');
}
