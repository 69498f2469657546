/**
 * The p(x | y) figure as SVG and text, from its model (posterior-model.ts): the density over x with the mean marked,
 * and a line that names the branches and says how much density lies at the mean. Shared by the build (the page
 * without JavaScript shows y = 2) and the element (the slider).
 */
import { chartSvg, palette } from '../../kit/svg-chart.ts';
import { densityText, pageProcess, posteriorAt, type Posterior } from './posterior-model.ts';

/** Vertical marker lines as one series (chartSvg draws series only): a NaN between them breaks the path. */
export const verticals = (name: string, at: number[], y: [number, number], color: string) => ({
  name,
  x: at.flatMap((a) => [a, a, a]),
  y: at.flatMap(() => [y[0], y[1], NaN]),
  color,
  dashed: true,
});

/** The posterior p(x | y) as a curve, with the mean as a vertical line: the mean sits where the density is low. */
export function posteriorSvg(post: Posterior = posteriorAt(2)): string {
  const top = Math.max(...post.density) * 1.15;
  return chartSvg({
    title: `The distribution of x given y = ${post.y}: ${post.branches.length} bumps, one per branch of the curve through y, and its mean E[x | y] = ${post.mean.toFixed(2)}, where the density is ${densityText(post.densityAtMeanOverPeak)} of its peak.`,
    width: 520,
    height: 240,
    xLabel: `x, given y = ${post.y}`,
    yLabel: 'p(x | y)',
    xDomain: [pageProcess.xMin, pageProcess.xMax],
    yDomain: [0, top],
    series: [
      { name: 'p(x | y)', x: post.x, y: post.density, color: palette[1] },
      verticals(`E[x | y] = ${post.mean.toFixed(2)}`, [post.mean], [0, top], palette[0]!),
    ],
  });
}

/** The line under the chart: the branches, the mean, and the density there. */
export function posteriorSummary(post: Posterior): string {
  const branches = post.branches.length
    ? `${post.branches.length === 1 ? 'one branch' : `${post.branches.length} branches`} of the curve, at x ≈ ${post.branches.map((b) => b.toFixed(1)).join(', ')}`
    : 'no branch of the noise-free curve (only the noise reaches this y)';
  return `y = ${post.y}: ${branches}. Mean E[x | y] = ${post.mean.toFixed(2)}, where the density is ${densityText(post.densityAtMeanOverPeak)} of its peak.`;
}
