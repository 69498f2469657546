/**
 * The figures' one legend style: an HTML list under (or above) the chart, styled by .rdl-figure-legend in
 * src/styles/figures.css. chartSvg can draw a legend inside the plot's top-left corner, but most figures have data
 * there, and an HTML legend wraps on narrow screens and never covers a curve. Swatches follow the series' colour
 * and dash.
 */
import { esc, palette, type Series } from './svg-chart.ts';

/**
 * A legend as HTML: one item per series (a line swatch in its colour, dashed if it is), then `note`, if given, as a
 * last item without a swatch (e.g. what solid and dashed lines mean).
 */
export function legendHtml(series: Pick<Series, 'name' | 'color' | 'dashed'>[], note?: string): string {
  const items = series.map((s, i) => {
    const color = s.color ?? palette[i % palette.length]!;
    const swatch = `<svg width="24" height="10" aria-hidden="true"><line x1="1" x2="23" y1="5" y2="5" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/></svg>`;
    return `<li>${swatch}${esc(s.name)}</li>`;
  });
  if (note !== undefined) items.push(`<li>${esc(note)}</li>`);
  return `<ul class="rdl-figure-legend">${items.join('')}</ul>`;
}
