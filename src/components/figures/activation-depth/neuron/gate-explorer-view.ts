/**
 * The neuron lesson's figures, as pure functions (no DOM, no tfjs): one sigmoid unit y = σ(w₁x₁ + w₂x₂ + b) over
 * the input plane, which of the 16 two-input logic functions it implements (if any), and the SVG heat map that the
 * gate explorer shows at build time and redraws in the browser when a slider moves.
 */
import { gridCellCentres, type GridBox } from '../../../../../graders/problem.ts';
import { sigmoid } from '../activation-fns.ts';
import { regionRuns } from '../../kit/regions-svg.ts';
import { esc, palette, r2 } from '../../kit/svg-basics.ts';

export { sigmoid };

/** The weights and bias of one two-input unit. */
export interface Unit {
  w1: number;
  w2: number;
  b: number;
}

/** The weighted sum z = w₁x₁ + w₂x₂ + b. */
export const weightedSum = (u: Unit, x1: number, x2: number): number => u.w1 * x1 + u.w2 * x2 + u.b;

/** The unit's output σ(z). */
export const unitOutput = (u: Unit, x1: number, x2: number): number => sigmoid(weightedSum(u, x1, x2));

/** The four corners of the unit square, in truth-table order: (0,0), (0,1), (1,0), (1,1). */
export const corners: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** The unit at each corner: inputs, weighted sum and output. */
export function cornerOutputs(u: Unit): { x1: number; x2: number; z: number; y: number }[] {
  return corners.map(([x1, x2]) => ({ x1, x2, z: weightedSum(u, x1, x2), y: unitOutput(u, x1, x2) }));
}

/**
 * Names of the 16 Boolean functions of two inputs, keyed by their truth table in corner order, e.g. "0001" is AND.
 * All but XOR and XNOR are linearly separable, so a single unit can implement 14 of them.
 */
export const booleanFunctions: Record<string, string> = {
  '0000': 'the constant 0',
  '0001': 'AND',
  '0010': 'x₁ AND NOT x₂',
  '0011': 'a copy of x₁',
  '0100': 'NOT x₁ AND x₂',
  '0101': 'a copy of x₂',
  '0110': 'XOR',
  '0111': 'OR',
  '1000': 'NOR',
  '1001': 'XNOR',
  '1010': 'NOT x₂',
  '1011': 'x₁ OR NOT x₂',
  '1100': 'NOT x₁',
  '1101': 'NOT x₁ OR x₂',
  '1110': 'NAND',
  '1111': 'the constant 1',
};

/** How far an output may be from 0 or 1 and still count as that bit: the lesson's "< 0.1 / > 0.9". */
export const gateTolerance = 0.1;

export interface GateVerdict {
  /** The function implemented, or null when some corner's output is between 0.1 and 0.9. */
  name: string | null;
  /** Truth table read off the corners ('0', '1', or '?' for an undecided corner), in corner order. */
  bits: string;
  /** Indices (into `corners`) of the undecided corners. */
  undecided: number[];
  /** The largest distance of an output from its bit (0 or 1, whichever is nearer) over the four corners. */
  worstError: number;
}

/** Which logic function four corner outputs implement, at the lesson's tolerance. */
export function identifyGate(outputs: readonly number[], tolerance = gateTolerance): GateVerdict {
  const bits = outputs.map((y) => (y <= tolerance ? '0' : y >= 1 - tolerance ? '1' : '?')).join('');
  const undecided = [...bits].flatMap((c, i) => (c === '?' ? [i] : []));
  const worstError = Math.max(...outputs.map((y) => Math.min(y, 1 - y)));
  return { name: undecided.length ? null : booleanFunctions[bits]!, bits, undecided, worstError };
}

/** The XOR network of the lesson: h₁ = OR, h₂ = NAND, output = AND(h₁, h₂), all with |z| = 10 margins. */
export const xorNetworkUnits = {
  h1: { w1: 20, w2: 20, b: -10 },
  h2: { w1: -20, w2: -20, b: 30 },
  out: { w1: 20, w2: 20, b: -30 },
} as const satisfies Record<string, Unit>;

/** The XOR network's hidden and output values at one input. */
export function xorNetwork(x1: number, x2: number, units: Record<'h1' | 'h2' | 'out', Unit> = xorNetworkUnits): { h1: number; h2: number; z: number; y: number } {
  const h1 = unitOutput(units.h1, x1, x2);
  const h2 = unitOutput(units.h2, x1, x2);
  const z = weightedSum(units.out, h1, h2);
  return { h1, h2, z, y: sigmoid(z) };
}

/** The default view: the unit square with a margin, so the corners sit inside the picture. */
export const defaultBox: GridBox = { x0: -0.25, x1: 1.25, y0: -0.25, y1: 1.25, size: 30 };

/** The unit's output at the centre of each cell of a size×size grid; row 0 is the bottom row (x₂ = y0). */
export function outputGrid(u: Unit, box: GridBox = defaultBox): Float64Array {
  const xy = gridCellCentres(box);
  return Float64Array.from({ length: box.size * box.size }, (_, i) => unitOutput(u, xy[2 * i]!, xy[2 * i + 1]!));
}

/**
 * The segment of the line w₁x₁ + w₂x₂ + b = 0 (where the output is exactly 0.5) inside the box, or null when the
 * line misses the box or both weights are 0.
 */
export function boundarySegment(u: Unit, box: Omit<GridBox, 'size'> = defaultBox): [[number, number], [number, number]] | null {
  const pts: [number, number][] = [];
  const eps = 1e-12;
  const inside = (v: number, lo: number, hi: number) => v >= lo - eps && v <= hi + eps;
  if (Math.abs(u.w2) > eps)
    for (const x of [box.x0, box.x1]) {
      const y = -(u.w1 * x + u.b) / u.w2;
      if (inside(y, box.y0, box.y1)) pts.push([x, y]);
    }
  if (Math.abs(u.w1) > eps)
    for (const y of [box.y0, box.y1]) {
      const x = -(u.w2 * y + u.b) / u.w1;
      if (inside(x, box.x0, box.x1)) pts.push([x, y]);
    }
  // A line through a corner of the box is found twice; keep the two points farthest apart.
  let best: [[number, number], [number, number]] | null = null;
  let bestD = -1;
  for (let i = 0; i < pts.length; i++)
    for (let j = i + 1; j < pts.length; j++) {
      const d = Math.hypot(pts[i]![0] - pts[j]![0], pts[i]![1] - pts[j]![1]);
      if (d > bestD) [best, bestD] = [[pts[i]!, pts[j]!], d];
    }
  return bestD > 1e-9 ? best : null;
}

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
