/**
 * The t-SNE lesson's precomputed maps and numbers (scripts/autoencoders/tsne-float64.ts, float64):
 *   node scripts/with-node.mjs node scripts/autoencoders/tsne-figure.ts [--json src/components/figures/autoencoders/t-sne/tsne-maps.json]
 * - `digits`: 300 of the shipped digits (seed 1), their 2-D PCA and t-SNE maps at perplexity 5, 30 and 100, each
 *   with its trustworthiness (k = 5) and KL; the labels only colour the figure.
 * - `sizes`: three 2-D Gaussian clusters of 100 points, A (σ = 1) at 0, B (σ = 0.1, ten times tighter) at 10 and C
 *   (σ = 1) at 50, and their t-SNE map (perplexity 30): each cluster's radius (rms distance to its centre) and the
 *   distances between centres, in the data and in the map.
 * - `search`: the perplexity search on the exercise's 800 digits (seed 42) in float64 and with every number rounded
 *   to float32: how many points reach |H − log 30| < 1e-5.
 * - `cost`: pairs the search and P touch, k-nearest-neighbour P (k = 90) against all pairs, on 1797 digits.
 * Prints the numbers and writes the JSON (provenance first) with --json.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { trustworthiness } from '../../graders/autoencoders/trustworthiness.ts';
import { pcaProjection } from '../../graders/autoencoders/pca-reference.ts';
import { drawDigits, loadImageSet } from '../../graders/datasets/digits.ts';
import { makeRng } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { conditionalP, squaredDistances, tsneFloat64 } from './tsne-float64.ts';

const { values } = parseArgs({ options: { json: { type: 'string' } } });
const round = (a: ArrayLike<number>, d = 3) => Array.from(a, (v) => Number(v.toFixed(d)));
const set = await loadImageSet('digits-8x8');

// Digits: one draw, maps at three perplexities.
const [draw] = drawDigits(set, [300], 1, 'tsne-figure');
const { x, n } = draw!;
const pca = pcaProjection(x, n, 64, 2);
const perplexities = [5, 30, 100];
const maps = perplexities.map((perplexity) => {
  const { y, kl } = tsneFloat64(x, n, 64, { perplexity, seed: 1 });
  const trust = trustworthiness(x, 64, y, 2, 5);
  console.log(`digits, perplexity ${perplexity}: trustworthiness ${trust.toFixed(4)}, KL ${kl.toFixed(3)}`);
  return { perplexity, trustworthiness: trust, kl, points: round(y, 2) };
});
const pcaTrust = trustworthiness(x, 64, pca, 2, 5);
console.log(`digits, 2-D PCA: trustworthiness ${pcaTrust.toFixed(4)}`);

// Sizes and gaps: three clusters, one ten times tighter, one five times farther.
const rng = makeRng(1, 'tsne-figure/sizes');
const clusters = [{ name: 'A', centre: 0, sd: 1 }, { name: 'B', centre: 10, sd: 0.1 }, { name: 'C', centre: 50, sd: 1 }];
const per = 100;
const data = new Float64Array(clusters.length * per * 2);
clusters.forEach((c, k) => {
  for (let i = 0; i < per; i++) {
    data[2 * (k * per + i)] = c.centre + c.sd * rng.normal();
    data[2 * (k * per + i) + 1] = c.sd * rng.normal();
  }
});
const sizesMap = tsneFloat64(data, clusters.length * per, 2, { perplexity: 30, seed: 1 }).y;
/** Each cluster's centre and rms radius, and the distances between consecutive centres. */
const geometry = (pts: Float64Array) => {
  const centres = clusters.map((_, k) => {
    let cx = 0, cy = 0;
    for (let i = 0; i < per; i++) { cx += pts[2 * (k * per + i)]! / per; cy += pts[2 * (k * per + i) + 1]! / per; }
    return [cx, cy] as const;
  });
  const radius = clusters.map((_, k) => {
    let s = 0;
    for (let i = 0; i < per; i++) s += (pts[2 * (k * per + i)]! - centres[k]![0]) ** 2 + (pts[2 * (k * per + i) + 1]! - centres[k]![1]) ** 2;
    return Math.sqrt(s / per);
  });
  const gap = (a: number, b: number) => Math.hypot(centres[a]![0] - centres[b]![0], centres[a]![1] - centres[b]![1]);
  return { radius, gapAB: gap(0, 1), gapBC: gap(1, 2) };
};
const inData = geometry(data), inMap = geometry(sizesMap);
console.log('sizes and gaps, data:', inData, '\n  map:', inMap);

// The perplexity search in float64 and in float32, on the exercise's digits.
const [ex] = drawDigits(set, [800], 42, 'tsne');
const dist = squaredDistances(ex!.x, 800, 64);
const f64 = conditionalP(dist, 800, 30);
const f32 = conditionalP(dist, 800, 30, undefined, Math.fround);
console.log(`perplexity search on 800 digits: float64 leaves ${f64.unconverged} points short of |H − log 30| < 1e-5, float32 ${f32.unconverged}`);

// What k-nearest-neighbour P saves: exp() evaluations per binary-search step, all pairs vs 90 neighbours.
const cost = { n: 1797, neighbours: 90, allPairs: 1797 * 1796, knn: 1797 * 90 };
console.log(`P on 1797 digits: ${cost.allPairs} pair terms per search step with all pairs, ${cost.knn} with 90 neighbours (${(cost.allPairs / cost.knn).toFixed(1)}×)`);

if (values.json) {
  const command = `node scripts/with-node.mjs node scripts/autoencoders/tsne-figure.ts --json ${values.json}`;
  writeFileSync(
    values.json,
    JSON.stringify({
      provenance: provenance('scripts/autoencoders/tsne-figure.ts', command),
      digits: { n, seed: 1, labels: Array.from(draw!.labels), pca: { trustworthiness: pcaTrust, points: round(pca, 3) }, maps },
      sizes: { clusters, per, data: round(data, 3), map: round(sizesMap, 2), inData, inMap },
      search: { n: 800, perplexity: 30, tolerance: 1e-5, unconvergedFloat64: f64.unconverged, unconvergedFloat32: f32.unconverged },
      cost,
    }) + '\n',
  );
}
