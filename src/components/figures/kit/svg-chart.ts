/**
 * Line and scatter charts as SVG strings, from plain numbers. Pure (no DOM), so the same function draws a lesson
 * figure at build time — the page shows it without JavaScript — and redraws it in the browser when the reader
 * moves a slider. Scales, ticks and paths come from d3-scale and d3-shape; the markup is ours so it follows the
 * site's colours and dark mode (it uses currentColor and CSS variables).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line as d3line } from 'd3-shape';
import { esc, palette, r2 } from './svg-basics.ts';

export { esc, palette, r2 };

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Defaults to the palette colour at the series' index. */
  color?: string;
  /** Dashed line (e.g. a derivative drawn beside its function). */
  dashed?: boolean;
  /** 'line' (default), 'points' (a dot per value) or 'both'. */
  mark?: 'line' | 'points' | 'both';
}

export interface ChartOptions {
  series: Series[];
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** Data range when omitted. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  yLog?: boolean;
  /** Accessible name of the figure (becomes the SVG's <title>). */
  title: string;
  /** Draw the legend (default when there is more than one series). */
  legend?: boolean;
}

function extent(values: number[], log: boolean): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (!finite.length) return log ? [1e-3, 1] : [0, 1];
  let lo = Math.min(...finite), hi = Math.max(...finite);
  if (lo === hi) [lo, hi] = log ? [lo / 10, hi * 10] : [lo - 1, hi + 1];
  return [lo, hi];
}

/** Tick labels that read well: 0.25, 1e-5, 100. */
function tickText(v: number, log: boolean): string {
  if (log) {
    const e = Math.round(Math.log10(v));
    return Math.abs(Math.log10(v) - e) < 1e-9 ? (e >= -2 && e <= 3 ? String(10 ** e) : `1e${e}`) : '';
  }
  return Number(v.toPrecision(3)).toString();
}

/** An SVG chart of the series. Values outside a log scale's range (≤ 0, NaN) break the line instead of failing. */
export function chartSvg(o: ChartOptions): string {
  const width = o.width ?? 480, height = o.height ?? 300;
  const m = { top: 12, right: 14, bottom: o.xLabel ? 40 : 26, left: o.yLabel ? 58 : 44 };
  const xs = o.series.flatMap((s) => Array.from(s.x));
  const ys = o.series.flatMap((s) => Array.from(s.y));
  const x = scaleLinear().domain(o.xDomain ?? extent(xs, false)).range([m.left, width - m.right]);
  const yDomain = o.yDomain ?? extent(ys, !!o.yLog);
  const y = (o.yLog ? scaleLog() : scaleLinear()).domain(yDomain).range([height - m.bottom, m.top]);
  if (!o.yLog) (y as ReturnType<typeof scaleLinear>).nice();
  const ok = (v: number) => Number.isFinite(v) && (!o.yLog || v > 0);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>${esc(o.title)}</title>`);
  // Grid and axes.
  const xTicks = x.ticks(6);
  const yTicks = (y.ticks as (n: number) => number[])(o.yLog ? 10 : 5).filter((t) => !o.yLog || tickText(t, true));
  parts.push('<g class="rdl-grid" stroke="currentColor" stroke-opacity="0.12">');
  for (const t of xTicks) parts.push(`<line x1="${r2(x(t))}" x2="${r2(x(t))}" y1="${m.top}" y2="${height - m.bottom}"/>`);
  for (const t of yTicks) parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`);
  parts.push('</g><g class="rdl-axis" fill="currentColor" font-size="11" font-family="system-ui, sans-serif">');
  for (const t of xTicks) parts.push(`<text x="${r2(x(t))}" y="${height - m.bottom + 15}" text-anchor="middle">${tickText(t, false)}</text>`);
  for (const t of yTicks) parts.push(`<text x="${m.left - 6}" y="${r2(y(t)) + 4}" text-anchor="end">${tickText(t, !!o.yLog)}</text>`);
  if (o.xLabel) parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 6}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  if (o.yLabel) parts.push(`<text transform="translate(13 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  parts.push(`</g><rect x="${m.left}" y="${m.top}" width="${width - m.left - m.right}" height="${height - m.top - m.bottom}" fill="none" stroke="currentColor" stroke-opacity="0.35"/>`);

  o.series.forEach((s, i) => {
    const color = s.color ?? palette[i % palette.length]!;
    const pts = Array.from(s.x, (xv, k) => [xv, s.y[k]!] as [number, number]);
    const mark = s.mark ?? 'line';
    if (mark !== 'points') {
      const path = d3line<[number, number]>()
        .defined(([, yv]) => ok(yv))
        .x(([xv]) => r2(x(xv)))
        .y(([, yv]) => r2(y(yv)))(pts);
      if (path) parts.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    }
    if (mark !== 'line')
      for (const [xv, yv] of pts) if (ok(yv)) parts.push(`<circle cx="${r2(x(xv))}" cy="${r2(y(yv))}" r="2.6" fill="${color}"/>`);
  });

  if (o.legend ?? o.series.length > 1) {
    parts.push('<g class="rdl-legend" font-size="11" font-family="system-ui, sans-serif" fill="currentColor">');
    o.series.forEach((s, i) => {
      const color = s.color ?? palette[i % palette.length]!;
      const ly = m.top + 8 + i * 15;
      parts.push(`<line x1="${m.left + 8}" x2="${m.left + 28}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
      parts.push(`<text x="${m.left + 33}" y="${ly + 4}">${esc(s.name)}</text>`);
    });
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}
