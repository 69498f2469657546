/**
 * A 2-D embedding of digits as SVG, each point drawn as its own digit in its class's colour (ten classes, and the
 * glyph says which one even where colours repeat or cannot be told apart). Pure strings from plain numbers, shared
 * by the module's figures at build time; no DOM.
 */
import { scaleLinear } from 'd3-scale';
import { esc, palette, r2 } from '../kit/svg-basics.ts';

/** What the embedding figure draws. */
export interface EmbeddingSvgOptions {
  /** Point i is points[i] = [x, y]. */
  points: readonly (readonly [number, number] | readonly number[])[];
  /** labels[i]: point i's digit, 0 … 9. */
  labels: readonly number[];
  /** Accessible name of the chart. */
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}

/** The colour of a digit class (the palette cycles: the glyph itself tells 0 from 7). */
export const digitColor = (label: number) => palette[label % palette.length]!;

/** The embedding as an SVG string: axes with ticks and labels, one coloured glyph per point. */
export function embeddingSvg(o: EmbeddingSvgOptions): string {
  const width = o.width ?? 420, height = o.height ?? 360;
  const m = { top: 10, right: 12, bottom: 40, left: 52 };
  const xs = o.points.map((p) => p[0]!), ys = o.points.map((p) => p[1]!);
  const pad = (lo: number, hi: number): [number, number] => [lo - 0.04 * (hi - lo || 1), hi + 0.04 * (hi - lo || 1)];
  const x = scaleLinear().domain(pad(Math.min(...xs), Math.max(...xs))).range([m.left, width - m.right]).nice();
  const y = scaleLinear().domain(pad(Math.min(...ys), Math.max(...ys))).range([height - m.bottom, m.top]).nice();
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>${esc(o.title)}</title>`];
  parts.push('<g class="rdl-axis" fill="currentColor" font-size="11" font-family="system-ui, sans-serif">');
  for (const t of x.ticks(5)) parts.push(`<text x="${r2(x(t))}" y="${height - m.bottom + 15}" text-anchor="middle">${t}</text>`);
  for (const t of y.ticks(5)) parts.push(`<text x="${m.left - 6}" y="${r2(y(t)) + 4}" text-anchor="end">${t}</text>`);
  parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 6}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(13 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  parts.push(`</g><rect x="${m.left}" y="${m.top}" width="${width - m.left - m.right}" height="${height - m.top - m.bottom}" fill="none" stroke="currentColor" stroke-opacity="0.35"/>`);
  parts.push('<g font-size="10" font-family="system-ui, sans-serif" font-weight="600" text-anchor="middle">');
  o.points.forEach((p, i) => {
    const label = o.labels[i]!;
    parts.push(`<text x="${r2(x(p[0]!))}" y="${r2(y(p[1]!) + 3.5)}" fill="${digitColor(label)}">${label}</text>`);
  });
  parts.push('</g></svg>');
  return parts.join('');
}
