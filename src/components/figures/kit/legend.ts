/**
 * A chart legend as HTML, for the width-vs-depth and vanishing-gradients figures: chartSvg draws its legend inside
 * the plot's top-left corner, where these figures have data. Swatches follow the series' colour and dash.
 */
import { esc, palette, type Series } from './svg-chart.ts';

export function legendHtml(series: Pick<Series, 'name' | 'color' | 'dashed'>[]): string {
  const items = series.map((s, i) => {
    const color = s.color ?? palette[i % palette.length]!;
    const swatch = `<svg width="24" height="10" aria-hidden="true"><line x1="1" x2="23" y1="5" y2="5" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/></svg>`;
    return `<li>${swatch}${esc(s.name)}</li>`;
  });
  return `<ul class="rdl-legend-html" style="list-style:none;margin:0.25rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:0.2rem 1rem;font-size:var(--sl-text-xs)">${items.join('').replace(/<li>/g, '<li style="display:inline-flex;align-items:center;gap:0.35rem;margin:0">')}</ul>`;
}
