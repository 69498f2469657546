/**
 * A conditional mixture's density on a grid of targets, for plots: p(y | x_i) for every input row i of the mixture
 * and every target in an evenly spaced range, in float64 via the log domain (exact where the density underflows).
 */
import { componentLogJoint, type ConditionalMixture } from './conditional-mixture.ts';
import { logSumExp } from '../mixtures/log-density.ts';

/**
 * p(y_r | x_i) for the `rows` targets y_r at the centres of `rows` equal slices of [y0, y1] (bottom to top) and each
 * of the mixture's n inputs (columns): row-major from the bottom row, rows × n.
 */
export function mixtureDensityGrid(m: ConditionalMixture, y0: number, y1: number, rows: number): Float32Array {
  const out = new Float32Array(rows * m.n);
  for (let r = 0; r < rows; r++) {
    const y = y0 + ((r + 0.5) * (y1 - y0)) / rows;
    for (let i = 0; i < m.n; i++) out[r * m.n + i] = Math.exp(logSumExp(componentLogJoint(m, i, y)));
  }
  return out;
}
