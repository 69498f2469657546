/**
 * The gate explorer's view (no DOM, no tfjs): the SVG heat map of one sigmoid unit over the input plane, its corner
 * table, formula and verdict, built from neuron-model.ts at build time and again in the browser when a slider moves.
 */
import type { GridBox } from '../../../../../graders/problem.ts';
import { regionRuns } from '../../kit/regions-svg.ts';
import { esc, palette, r2 } from '../../kit/svg-basics.ts';
import { boundarySegment, cornerOutputs, defaultBox, gateTolerance, identifyGate, outputGrid, type Unit } from './neuron-model.ts';

/** Colours: output near 1 → orange, near 0 → blue (Okabe–Ito), 0.5 → the page background. */
export const highColor = palette[1]!;
export const lowColor = palette[0]!;
/** Opacity steps per side: the map is drawn as 2 × levels paths instead of one rect per cell. */
const levels = 8;

/** A number with a typographic minus sign, as in the lesson's math. */
const minus = (v: number) => (v < 0 ? `−${-v}` : String(v));

/** Formats an output for labels: 3 decimals, 5 near 0 or 1 (σ(10) = 0.99995), "≈ 0" / "≈ 1" beyond that. */
export function formatOutput(y: number): string {
  if (y < 5e-6) return '≈ 0';
  if (y > 1 - 5e-6) return '≈ 1';
  return y < 0.001 || y > 0.999 ? y.toFixed(5) : y.toFixed(3);
}

export interface HeatmapOptions {
  box?: GridBox;
  /** Plot area size in pixels (square). */
  plot?: number;
  title?: string;
}

/**
 * The unit's output over the box as an SVG heat map: cells coloured by output (binned into a few opacity levels),
 * the 0.5 line dashed, the four corners ringed and labelled with their outputs.
 */
export function heatmapSvg(u: Unit, o: HeatmapOptions = {}): string {
  const box = o.box ?? defaultBox;
  const plot = o.plot ?? 300;
  const m = { top: 10, right: 10, bottom: 38, left: 52 };
  const width = m.left + plot + m.right;
  const height = m.top + plot + m.bottom;
  const sx = (x: number) => m.left + ((x - box.x0) / (box.x1 - box.x0)) * plot;
  const sy = (y: number) => m.top + plot - ((y - box.y0) / (box.y1 - box.y0)) * plot;
  const cell = plot / box.size;

  // One path per (colour, opacity level), each a list of horizontal runs of equal cells: a few kilobytes instead of
  // one <rect> per cell. A cell's level is signed by side: +k above 0.5 (path 'hk'), −k below ('lk'), 0 not drawn.
  const levelOf = (y: number) => Math.round(Math.abs(2 * y - 1) * levels) * (y > 0.5 ? 1 : -1);
  const paths = new Map<string, string[]>();
  for (const run of regionRuns(outputGrid(u, box).map(levelOf), box.size)) {
    if (!run.cls) continue;
    const key = `${run.cls > 0 ? 'h' : 'l'}${Math.abs(run.cls)}`;
    // Runs overlap their neighbours by a hair so no seams show between them.
    const w = r2((run.c1 - run.c0) * cell + 0.3);
    const h = r2(cell + 0.3);
    (paths.get(key) ?? paths.set(key, []).get(key)!).push(`M${r2(m.left + run.c0 * cell)} ${r2(m.top + plot - (run.row + 1) * cell)}h${w}v${h}h${-w}z`);
  }

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart gate-heatmap"><title>${esc(o.title ?? `Output of ${formulaText(u)} over the input plane`)}</title>`,
  );
  parts.push('<g class="gate-cells">');
  for (const [key, ds] of [...paths.entries()].sort()) {
    const color = key[0] === 'h' ? highColor : lowColor;
    const opacity = r2((Number(key.slice(1)) / levels) * 0.8);
    parts.push(`<path fill="${color}" fill-opacity="${opacity}" d="${ds.join('')}"/>`);
  }
  parts.push('</g>');

  // The unit square, axes and ticks.
  parts.push(`<rect x="${r2(sx(0))}" y="${r2(sy(1))}" width="${r2(sx(1) - sx(0))}" height="${r2(sy(0) - sy(1))}" fill="none" stroke="currentColor" stroke-opacity="0.35" stroke-dasharray="2 3"/>`);
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${plot}" height="${plot}" fill="none" stroke="currentColor" stroke-opacity="0.35"/>`);
  parts.push('<g fill="currentColor" font-size="11" font-family="system-ui, sans-serif">');
  for (const t of [0, 0.5, 1]) {
    parts.push(`<text x="${r2(sx(t))}" y="${m.top + plot + 15}" text-anchor="middle">${t}</text>`);
    parts.push(`<text x="${m.left - 6}" y="${r2(sy(t) + 4)}" text-anchor="end">${t}</text>`);
  }
  parts.push(`<text x="${m.left + plot / 2}" y="${height - 6}" text-anchor="middle">x₁</text>`);
  parts.push(`<text x="12" y="${m.top + plot / 2 + 4}" text-anchor="middle">x₂</text>`);
  parts.push('</g>');

  // The 0.5 line: where z = 0.
  const seg = boundarySegment(u, box);
  if (seg)
    parts.push(
      `<line class="gate-boundary" x1="${r2(sx(seg[0][0]))}" y1="${r2(sy(seg[0][1]))}" x2="${r2(sx(seg[1][0]))}" y2="${r2(sy(seg[1][1]))}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );

  // Corners: a disc in the colour of the side they are on, and the output as a label with a halo in the page's
  // background colour so it stays readable over the heat map (in light and dark mode).
  parts.push('<g class="gate-corners" font-size="12" font-family="system-ui, sans-serif" fill="currentColor">');
  for (const c of cornerOutputs(u)) {
    const cx = r2(sx(c.x1));
    const cy = r2(sy(c.x2));
    parts.push(`<circle cx="${cx}" cy="${cy}" r="7" fill="${c.y > 0.5 ? highColor : lowColor}" stroke="currentColor" stroke-width="1.5"/>`);
    const above = c.x2 === 1;
    parts.push(`<text x="${cx}" y="${r2(above ? cy - 13 : cy + 22)}" text-anchor="middle" font-weight="600" style="paint-order: stroke; stroke: var(--sl-color-bg, #fff); stroke-width: 3px">${formatOutput(c.y)}</text>`);
  }
  parts.push('</g></svg>');
  return parts.join('');
}

/** The corners as an HTML table: inputs, weighted sum, output, and the bit it reads as. */
export function cornerTableHtml(u: Unit): string {
  const rows = cornerOutputs(u).map((c) => {
    const bit = c.y <= gateTolerance ? '0' : c.y >= 1 - gateTolerance ? '1' : '—';
    return `<tr><td>(${c.x1}, ${c.x2})</td><td>${minus(r2(c.z))}</td><td>${formatOutput(c.y)}</td><td>${bit}</td></tr>`;
  });
  return `<table class="gate-table rdl-figure-table"><thead><tr><th>(x₁, x₂)</th><th>z = w₁x₁ + w₂x₂ + b</th><th>output σ(z)</th><th>reads as</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One sentence: which gate the unit implements, or why it implements none. */
export function verdictText(u: Unit): string {
  const outs = cornerOutputs(u);
  const v = identifyGate(outs.map((c) => c.y));
  if (v.name) return `This unit implements ${v.name}: every corner is within ${gateTolerance} of 0 or 1.`;
  const which = v.undecided.map((i) => `(${outs[i]!.x1}, ${outs[i]!.x2}) gives ${formatOutput(outs[i]!.y)}`).join(', ');
  return `No gate: ${which}, between ${gateTolerance} and ${1 - gateTolerance}. Move the line away from the corners or scale all three numbers up.`;
}

/** The unit as a formula, "y = σ(10·x₁ + 10·x₂ − 15)", with signs that read naturally. */
export function formulaText(u: Unit): string {
  const term = (w: number, name: string, first: boolean) => {
    if (w === 0) return '';
    const mag = Math.abs(w) === 1 ? '' : `${Math.abs(w)}·`;
    return first ? `${w < 0 ? '−' : ''}${mag}${name}` : ` ${w < 0 ? '−' : '+'} ${mag}${name}`;
  };
  let s = term(u.w1, 'x₁', true);
  s += term(u.w2, 'x₂', s === '');
  if (u.b !== 0 || s === '') s += s === '' ? `${u.b < 0 ? '−' : ''}${Math.abs(u.b)}` : ` ${u.b < 0 ? '−' : '+'} ${Math.abs(u.b)}`;
  return `y = σ(${s})`;
}
