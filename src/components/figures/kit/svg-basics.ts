/**
 * What every figure's markup shares: the palette, text escaping and coordinate rounding. A module of its own, with
 * no imports but the palette, so a figure that draws no chart (the gate explorer) gets these without svg-chart's d3
 * code in its browser bundle; svg-chart.ts re-exports them.
 */

/** Colour-blind-safe palette (Okabe–Ito), the same as the exercise plots: src/components/palette.ts. */
export { palette } from '../../palette.ts';

/** Text for SVG and HTML markup: escapes &, < and " (enough for element text and double-quoted attributes). */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A coordinate rounded to 2 decimals (and printed without trailing zeros), to keep the markup short. */
export const r2 = (v: number) => Number(v.toFixed(2));
