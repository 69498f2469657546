/**
 * What the samples figure shows for one setting: the data and one draw per input over (x, y), the PIT histogram of
 * those draws, and lines with the grader's statistics for them. Pure (strings out), shared by the build-time render
 * and the <rdl-mdn-samples> element.
 */
import { scaleLinear } from 'd3-scale';
import { logDensityZ } from '../../../../../graders/mdn/draw-likelihood.ts';
import { centralShare, ksUniform, pitHistogram, pitValues } from '../../../../../graders/mdn/pit.ts';
import { esc, palette, r2 } from '../../kit/svg-chart.ts';
import { figureDraws, figureInstance, samplerModes, type FigureInstance, type SamplerMode } from './sampling-model.ts';

export interface SamplingSettings {
  /** How the draws are made. */
  mode: SamplerMode;
  /** Seed of the draws (graders/rng.ts), so the build and the browser show the same points. */
  seed: number;
  /** Inputs, one draw each. */
  n: number;
}

export interface SamplingView {
  scatter: string;
  pit: string;
  lines: string[];
}

/** The colours: the data grey (currentColor, faint), the draws in the palette's vermilion. */
export const drawColor = palette[5]!;

const instances = new Map<number, FigureInstance>();
/** The figure's inputs and mixtures for n (computed once per n: the network is evaluated at every input). */
export function instanceFor(n: number): FigureInstance {
  if (!instances.has(n)) instances.set(n, figureInstance(n));
  return instances.get(n)!;
}

const axisText = 'fill="currentColor" font-size="11" font-family="system-ui, sans-serif"';

/** A scatter of the data (faint) and the draws over the same inputs. */
export function scatterSvg(x: ArrayLike<number>, data: ArrayLike<number>, draws: ArrayLike<number>, title: string): string {
  const width = 420, height = 340, m = { top: 10, right: 10, bottom: 38, left: 44 };
  const sx = scaleLinear().domain([-14, 14]).range([m.left, width - m.right]);
  const sy = scaleLinear().domain([-12, 12]).range([height - m.bottom, m.top]);
  const inside = (a: number, b: number) => a >= -14 && a <= 14 && b >= -12 && b <= 12;
  const p: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>${esc(title)}</title>`];
  p.push('<g stroke="currentColor" stroke-opacity="0.12">');
  for (const t of sx.ticks(7)) p.push(`<line x1="${r2(sx(t))}" x2="${r2(sx(t))}" y1="${m.top}" y2="${height - m.bottom}"/>`);
  for (const t of sy.ticks(6)) p.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${r2(sy(t))}" y2="${r2(sy(t))}"/>`);
  p.push(`</g><g ${axisText}>`);
  for (const t of sx.ticks(7)) p.push(`<text x="${r2(sx(t))}" y="${height - m.bottom + 15}" text-anchor="middle">${t}</text>`);
  for (const t of sy.ticks(6)) p.push(`<text x="${m.left - 6}" y="${r2(sy(t)) + 4}" text-anchor="end">${t}</text>`);
  p.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 5}" text-anchor="middle">input x (the sinusoid's y)</text>`);
  p.push(`<text transform="translate(12 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">y</text></g>`);
  p.push('<g fill="currentColor" fill-opacity="0.28">');
  for (let i = 0; i < x.length; i++) if (inside(x[i]!, data[i]!)) p.push(`<circle cx="${r2(sx(x[i]!))}" cy="${r2(sy(data[i]!))}" r="1.8"/>`);
  p.push(`</g><g fill="${drawColor}" fill-opacity="0.7">`);
  for (let i = 0; i < x.length; i++) if (inside(x[i]!, draws[i]!)) p.push(`<circle cx="${r2(sx(x[i]!))}" cy="${r2(sy(draws[i]!))}" r="1.8"/>`);
  p.push(`</g><rect x="${m.left}" y="${m.top}" width="${width - m.left - m.right}" height="${height - m.top - m.bottom}" fill="none" stroke="currentColor" stroke-opacity="0.35"/></svg>`);
  return p.join('');
}

/** A histogram of PIT values in `counts.length` bins, with the uniform level dashed. */
export function pitSvg(counts: number[], title: string): string {
  const width = 240, height = 340, m = { top: 10, right: 10, bottom: 38, left: 40 };
  const n = counts.reduce((a, b) => a + b, 0), bins = counts.length;
  const dens = counts.map((c) => (c * bins) / Math.max(n, 1));
  const sx = scaleLinear().domain([0, 1]).range([m.left, width - m.right]);
  const sy = scaleLinear().domain([0, Math.max(3, ...dens)]).range([height - m.bottom, m.top]).nice();
  const p: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>${esc(title)}</title>`];
  p.push(`<g ${axisText}>`);
  for (const t of [0, 0.5, 1]) p.push(`<text x="${r2(sx(t))}" y="${height - m.bottom + 15}" text-anchor="middle">${t}</text>`);
  for (const t of sy.ticks(5)) p.push(`<text x="${m.left - 6}" y="${r2(sy(t)) + 4}" text-anchor="end">${t}</text>`);
  p.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 5}" text-anchor="middle">PIT u = F(y | x)</text></g>`);
  p.push(`<g fill="${drawColor}" fill-opacity="0.75">`);
  dens.forEach((d, b) => p.push(`<rect x="${r2(sx(b / bins)) + 1}" y="${r2(sy(d))}" width="${r2(sx(1 / bins) - sx(0)) - 2}" height="${r2(sy(0) - sy(d))}"/>`));
  p.push(`</g><line x1="${m.left}" x2="${width - m.right}" y1="${r2(sy(1))}" y2="${r2(sy(1))}" stroke="currentColor" stroke-dasharray="5 4"/>`);
  p.push(`<rect x="${m.left}" y="${m.top}" width="${width - m.left - m.right}" height="${height - m.top - m.bottom}" fill="none" stroke="currentColor" stroke-opacity="0.35"/></svg>`);
  return p.join('');
}

const f2 = (v: number) => v.toFixed(2).replace('-', '−');

export function samplingView(s: SamplingSettings): SamplingView {
  const { x, data, mixture } = instanceFor(s.n);
  const { y, reference } = figureDraws(mixture, s.mode, s.seed);
  const label = samplerModes.find((m) => m.mode === s.mode)!.label;
  const u = pitValues(mixture, y);
  const ks = Math.sqrt(s.n) * ksUniform(u);
  const ld = logDensityZ(mixture, y, reference);
  return {
    scatter: scatterSvg(x, data, y, `The data of the inverse problem (grey) and one draw per input from the trained MDN (${label}), over the input x and y`),
    pit: pitSvg(pitHistogram(u, 10), `Histogram of the draws' PIT values F(y | x), ${label}; the dashed line is the uniform level`),
    lines: [
      `Drawn by: ${label} (seed ${s.seed}), at ${s.n} inputs.`,
      `PIT: √n × KS distance from uniform ${f2(ks)} (right draws: mostly 0.4 to 1.6), ${(100 * centralShare(u)).toFixed(0)} % of the values in the central half (right draws: about 50 %).`,
      `Log-density against right draws: ${f2(ld.z)} standard errors (right draws: within about ±2).`,
    ],
  };
}
