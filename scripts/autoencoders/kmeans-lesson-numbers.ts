/**
 * The numbers the k-means lesson (src/content/docs/autoencoders/k-means.mdx) quotes, on all 1797 digits' pixels
 * (÷ 16, the shipped values: scikit-learn's), in float64 (graders/autoencoders/kmeans.ts):
 *   - seeding: one run of Lloyd's iterations from plain k-means++ and from greedy k-means++ on each of 20 seeds
 *     (inertia and clustering accuracy: median, min, max), and the best of 10 greedy runs by inertia;
 *   - seeding on the t-SNE map of the digits (scripts/autoencoders/digits-tsne-map.json, written by
 *     scripts/autoencoders/tsne-map.py: the reference pipeline's map, where the clusters are well apart): clustering
 *     accuracy of one run from each seeding, and of the best of 5 greedy runs;
 *   - the contingency table of the best-of-10 clustering against the digits, with its Hungarian matching
 *     (graders/autoencoders/clustering-accuracy.ts), for the lesson's table;
 *   - max(acc, 1 − acc) on three clusters: k-means with k = 3 on the digits 3, 5 and 8, scored under each of the 6
 *     orders its cluster ids could have come in, beside the Hungarian accuracy (the same for every order).
 *   node scripts/with-node.mjs node scripts/autoencoders/kmeans-lesson-numbers.ts [--json FILE]
 * prints them; with --json FILE (the lesson reads src/components/figures/autoencoders/k-means/kmeans-numbers.json)
 * it writes them, provenance first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { clusteringAccuracy, contingency } from '../../graders/autoencoders/clustering-accuracy.ts';
import { assign, greedyTrials, kMeans, kMeansPlusPlus, lloyd, type Rows } from '../../graders/autoencoders/kmeans.ts';
import { loadImageSet } from '../../graders/datasets/digits.ts';
import { makeRng } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';

const SEEDS = 20, K = 10;
const tsneMapFile = 'scripts/autoencoders/digits-tsne-map.json';

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const summary = (v: number[]) => ({ median: median(v), min: Math.min(...v), max: Math.max(...v) });

/** Every ordering of 0 … n − 1. */
function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

export async function lessonNumbers() {
  const set = await loadImageSet('digits-8x8');
  const d = set.rows * set.cols;
  const all: Rows = { values: Float64Array.from(set.pixels, (v) => v / set.maxValue), n: set.n, d };
  const labels = set.labels;

  // Seeding: one Lloyd run per seed from each seeding.
  const runs = { plain: { inertia: [] as number[], accuracy: [] as number[] }, greedy: { inertia: [] as number[], accuracy: [] as number[] } };
  for (let seed = 1; seed <= SEEDS; seed++)
    for (const [name, trials] of [['plain', 1], ['greedy', greedyTrials(K)]] as const) {
      const fit = lloyd(all, kMeansPlusPlus(all, K, makeRng(seed, `kmeans-lesson:${name}`), trials), K);
      runs[name].inertia.push(fit.inertia);
      runs[name].accuracy.push(clusteringAccuracy(labels, assign(all, { values: fit.centres, n: K, d }).cluster, 10, K).accuracy);
    }
  const best = kMeans(all, K, makeRng(1, 'kmeans-lesson:best'), 10);
  const bestClusters = assign(all, { values: best.centres, n: K, d }).cluster;
  const matching = clusteringAccuracy(labels, bestClusters, 10, K);

  // The t-SNE map: seeding matters more where clusters are far apart and a merged pair costs a whole cluster.
  const tsneMap = JSON.parse(readFileSync(tsneMapFile, 'utf8')) as { n: number; points: number[] };
  const map: Rows = { values: tsneMap.points, n: tsneMap.n, d: 2 };
  if (map.n !== set.n) throw new Error(`the t-SNE map has ${map.n} points, the digits ${set.n}`);
  const mapAccuracy = (centres: Float64Array) => clusteringAccuracy(labels, assign(map, { values: centres, n: K, d: 2 }).cluster, 10, K).accuracy;
  const onMap = { plain: [] as number[], greedy: [] as number[], bestOf5: [] as number[] };
  for (let seed = 1; seed <= SEEDS; seed++) {
    onMap.plain.push(mapAccuracy(lloyd(map, kMeansPlusPlus(map, K, makeRng(seed, 'kmeans-lesson:map:plain'), 1), K).centres));
    onMap.greedy.push(mapAccuracy(lloyd(map, kMeansPlusPlus(map, K, makeRng(seed, 'kmeans-lesson:map:greedy')), K).centres));
    onMap.bestOf5.push(mapAccuracy(kMeans(map, K, makeRng(seed, 'kmeans-lesson:map:best'), 5).centres));
  }

  // Three clusters: the digits 3, 5 and 8.
  const digits = [3, 5, 8];
  const rowsOf = [...labels.keys()].filter((i) => digits.includes(labels[i]!));
  const three: Rows = { values: Float64Array.from(rowsOf.flatMap((i) => Array.from(all.values as Float64Array).slice(i * d, (i + 1) * d))), n: rowsOf.length, d };
  const threeLabels = Int32Array.from(rowsOf, (i) => digits.indexOf(labels[i]!));
  const threeFit = kMeans(three, 3, makeRng(1, 'kmeans-lesson:three'), 10);
  const threeClusters = assign(three, { values: threeFit.centres, n: 3, d }).cluster;
  const orders = permutations(3).map((order) => {
    // The same clustering with its ids renamed: cluster j is called order[j].
    const renamed = Int32Array.from(threeClusters, (j) => order[j]!);
    const plain = renamed.reduce((s, j, i) => s + (j === threeLabels[i] ? 1 : 0), 0) / renamed.length;
    return { order, accuracy: plain, maxWithComplement: Math.max(plain, 1 - plain) };
  });

  return {
    data: `all ${set.n} digits, 64 pixels ÷ ${set.maxValue}, k = ${K}`,
    seeds: SEEDS,
    oneRun: {
      plain: { inertia: summary(runs.plain.inertia), accuracy: summary(runs.plain.accuracy) },
      greedy: { inertia: summary(runs.greedy.inertia), accuracy: summary(runs.greedy.accuracy), trials: greedyTrials(K) },
    },
    tsneMap: { plain: summary(onMap.plain), greedy: summary(onMap.greedy), bestOf5: summary(onMap.bestOf5) },
    bestOf10: { inertia: best.inertia, accuracy: matching.accuracy, classOf: matching.classOf, contingency: contingency(labels, bestClusters, 10, K) },
    threeClusters: {
      digits,
      n: three.n,
      hungarian: clusteringAccuracy(threeLabels, threeClusters, 3, 3).accuracy,
      contingency: contingency(threeLabels, threeClusters, 3, 3),
      orders,
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { json: { type: 'string' } } });
  const numbers = await lessonNumbers();
  console.log(JSON.stringify(numbers, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(4)) : v), 1));
  if (values.json) {
    const command = `node scripts/with-node.mjs node scripts/autoencoders/kmeans-lesson-numbers.ts --json ${values.json}`;
    writeFileSync(values.json, JSON.stringify({ provenance: provenance('scripts/autoencoders/kmeans-lesson-numbers.ts', command), ...numbers }, null, 1) + '\n');
  }
}
