/**
 * The loss-surface figure as an SVG string (pure, no DOM): contours of the line's mean squared error over (w, b),
 * the minimum, and the three gradient-descent paths, each a line through its steps with a dot per step. The too-large
 * path is drawn until its first step off the map.
 */
import { esc, palette, r2 } from '../kit/svg-basics.ts';
import { contourSegments, lineLoss, type DescentPath, type lossSurface } from './loss-surface-model.ts';

/** The region of (w, b) drawn. */
export const box = { w0: -1.5, w1: 3.5, b0: -3, b1: 2 };

/** The contour levels: the minimum loss plus these. */
export const contourOffsets = [0.05, 0.15, 0.4, 1, 2, 4, 8, 16];

/** The paths' colours (the figure's legend uses the same) and which is dashed. */
export const pathStyles = [
  { color: palette[0]!, dashed: false },
  { color: palette[2]!, dashed: false },
  { color: palette[5]!, dashed: true },
];

/** The colour of the reader's own run (the interactive figure's slider). */
export const yourStyle = { color: palette[3]!, dashed: false };

/** A run's progress in words, for the interactive figure's read-out. */
export function runText(p: DescentPath, minimumLoss: number, stabilityLimit: number): string {
  const end = p.loss.at(-1)!;
  const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(2));
  const verdict = p.learningRate >= stabilityLimit ? 'diverges' : end < 1.05 * minimumLoss ? 'reaches the minimum' : 'is still on its way';
  return `η = ${p.learningRate}: loss ${fmt(end)} after ${p.loss.length - 1} steps (lowest possible ${fmt(minimumLoss)}); it ${verdict}. Gradient descent converges on this loss for η below ${stabilityLimit.toFixed(3)}.`;
}

/** The map with the three runs and, if given, the reader's own (drawn in `yourStyle`). */
export function lossSurfaceSvg(s: ReturnType<typeof lossSurface>, title: string, yours?: DescentPath): string {
  const width = 360;
  const height = 340;
  const m = { left: 44, right: 12, top: 10, bottom: 40 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const X = (w: number) => m.left + ((w - box.w0) / (box.w1 - box.w0)) * pw;
  const Y = (b: number) => m.top + (1 - (b - box.b0) / (box.b1 - box.b0)) * ph;

  // Loss on a grid; row r is b = b0 + r·step (bottom to top), column c is w.
  const n = 80;
  const values = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) values[r * n + c] = lineLoss(box.w0 + (c / (n - 1)) * (box.w1 - box.w0), box.b0 + (r / (n - 1)) * (box.b1 - box.b0), s.data);
  const gx = (c: number) => X(box.w0 + (c / (n - 1)) * (box.w1 - box.w0));
  const gy = (r: number) => Y(box.b0 + (r / (n - 1)) * (box.b1 - box.b0));
  const contours = contourOffsets
    .map((off) => {
      const d = contourSegments(values, n, n, s.minimum.loss + off)
        .map(([c0, r0, c1, r1]) => `M${r2(gx(c0))} ${r2(gy(r0))}L${r2(gx(c1))} ${r2(gy(r1))}`)
        .join('');
      return `<path d="${d}" fill="none" stroke="currentColor" stroke-opacity="0.35" stroke-width="1"/>`;
    })
    .join('');

  const runs = yours ? [...s.paths, yours] : s.paths;
  const paths = runs
    .map((p, i) => {
      const { color, dashed } = i < pathStyles.length ? pathStyles[i]! : yourStyle;
      // A diverging run is drawn up to its first step off the map: the steps after it only clutter the clip's edge.
      const inside = (k: number) => p.w[k]! >= box.w0 && p.w[k]! <= box.w1 && p.b[k]! >= box.b0 && p.b[k]! <= box.b1;
      const firstOutside = p.w.findIndex((_, k) => !inside(k));
      const shown = firstOutside < 0 ? p.w.length : firstOutside + 1;
      const pts = p.w.slice(0, shown).map((w, k) => [X(w), Y(p.b[k]!)] as const);
      const line = `<polyline points="${pts.map(([x, y]) => `${r2(x)},${r2(y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dashed ? ' stroke-dasharray="5 3"' : ''}/>`;
      const dots = pts.map(([x, y]) => `<circle cx="${r2(x)}" cy="${r2(y)}" r="2.6" fill="${color}"/>`).join('');
      return `<g>${line}${dots}</g>`;
    })
    .join('');

  const ticksW = [-1, 0, 1, 2, 3];
  const ticksB = [-3, -2, -1, 0, 1, 2];
  const axes = [
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="currentColor" stroke-opacity="0.5"/>`,
    ...ticksW.map((t) => `<text x="${r2(X(t))}" y="${height - m.bottom + 14}" text-anchor="middle" font-size="11" fill="currentColor">${t}</text>`),
    ...ticksB.map((t) => `<text x="${m.left - 6}" y="${r2(Y(t) + 4)}" text-anchor="end" font-size="11" fill="currentColor">${t}</text>`),
    `<text x="${m.left + pw / 2}" y="${height - 6}" text-anchor="middle" font-size="12" fill="currentColor">slope w</text>`,
    `<text transform="translate(12 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="currentColor">intercept b</text>`,
  ].join('');
  const mx = X(s.minimum.w);
  const my = Y(s.minimum.b);
  // Drawn last, over the paths that end on it, with a halo in the page's background colour.
  const cross = `M${r2(mx - 7)} ${r2(my)}H${r2(mx + 7)}M${r2(mx)} ${r2(my - 7)}V${r2(my + 7)}`;
  const minMark = `<path d="${cross}" style="stroke: var(--sl-color-bg, #fff)" stroke-width="5"/><path d="${cross}" stroke="currentColor" stroke-width="2.2"/>`;
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}" style="max-width:100%;height:auto">` +
    `<title>${esc(title)}</title><defs><clipPath id="rdl-loss-surface-clip"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath></defs>` +
    `<g clip-path="url(#rdl-loss-surface-clip)">${contours}${paths}${minMark}</g>${axes}</svg>`
  );
}
