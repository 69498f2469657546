/**
 * What every figure's markup shares: the palette, text escaping and coordinate rounding. A module of its own, with
 * no imports, so a figure that draws no chart (the gate explorer, the exercise page's decision plot) gets these
 * without svg-chart's d3 code in its browser bundle; svg-chart.ts re-exports them.
 */

/** Colour-blind-safe palette (Okabe–Ito), the same as the exercise plots. */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];

/** Text for SVG and HTML markup: escapes &, < and " (enough for element text and double-quoted attributes). */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A coordinate rounded to 2 decimals (and printed without trailing zeros), to keep the markup short. */
export const r2 = (v: number) => Number(v.toFixed(2));
