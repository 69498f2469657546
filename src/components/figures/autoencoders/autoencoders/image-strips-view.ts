/**
 * Rows of small grey images as an SVG string (dark ink on white, a rect per pixel, no smoothing), each row with a
 * label: held-out digits over their reconstructions, drawn at build time so the page shows them without JavaScript.
 * Pure, like every figure view: the lesson test checks what it draws.
 */
import { esc } from '../../kit/svg-basics.ts';

export interface ImageStrip {
  label: string;
  /** count·rows·cols grey values in [0, 1], image after image, row-major. */
  images: readonly number[];
}

export interface ImageStripsOptions {
  rows: number;
  cols: number;
  strips: readonly ImageStrip[];
  /** Screen pixels per image pixel. */
  scale?: number;
  /** Accessible name (the SVG's <title>). */
  title: string;
}

const LABEL_WIDTH = 150;
const GAP = 4;

/** Hex grey of a value in [0, 1]: 0 → white, 1 → black (values outside are clipped). */
export function inkHex(v: number): string {
  const g = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
  return `#${g.toString(16).padStart(2, '0').repeat(3)}`;
}

/** The strips as one SVG; every image a <g> of rows·cols rects (white ones left out: the background is white). */
export function imageStripsSvg(o: ImageStripsOptions): string {
  const scale = o.scale ?? 4;
  const size = o.rows * o.cols;
  const count = Math.max(...o.strips.map((s) => Math.floor(s.images.length / size)));
  const cellW = o.cols * scale + GAP, cellH = o.rows * scale + GAP;
  const width = LABEL_WIDTH + count * cellW, height = o.strips.length * cellH + GAP;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-image-strips"><title>${esc(o.title)}</title>`];
  for (const [r, strip] of o.strips.entries()) {
    const top = GAP + r * cellH;
    parts.push(`<text x="0" y="${top + (o.rows * scale) / 2 + 4}" font-size="12" font-family="system-ui, sans-serif" fill="currentColor">${esc(strip.label)}</text>`);
    for (let i = 0; i < Math.floor(strip.images.length / size); i++) {
      const left = LABEL_WIDTH + i * cellW;
      parts.push(`<g transform="translate(${left} ${top})"><rect width="${o.cols * scale}" height="${o.rows * scale}" fill="#fff" stroke="#999" stroke-width="0.5"/>`);
      for (let p = 0; p < size; p++) {
        const v = strip.images[i * size + p]!;
        if (!(v > 1 / 512)) continue;
        parts.push(`<rect x="${(p % o.cols) * scale}" y="${Math.floor(p / o.cols) * scale}" width="${scale}" height="${scale}" fill="${inkHex(v)}"/>`);
      }
      parts.push('</g>');
    }
  }
  parts.push('</svg>');
  return parts.join('');
}
