/**
 * The 07-pipeline exercise's reference solution and its wrong variants, graded for real (tfjs, WASM in Node, the
 * exercise's own generator and check) over seeds: where the accuracy bounds and the messages in exercise.yaml come
 * from, and the numbers the pipeline lesson quotes. Each variant is the solution with one thing changed (text
 * replacements on solution.ts).
 *
 * The t-SNE map is the slow part, so the variants that change only the clustering reuse the reference's map of the
 * same seed: every source here keeps the map it computes in a global and reuses one already there (cleared before
 * each seed's reference run). kernel PCA still runs first, so the clustering's random stream is exactly the
 * reference's: "one start" is the reference's first start.
 *   node scripts/with-node.mjs node scripts/autoencoders/pipeline-variants.ts [--seeds 1-6] [--only 'name|name'] [--json FILE]
 * prints, per variant, the accuracy on each seed (min … max), how many seeds passed, and the seconds per grading
 * (the reference's include its t-SNE; the reused-map variants' do not). With --json FILE it writes every number,
 * provenance first (the lesson reads src/components/figures/autoencoders/pipeline/pipeline-variants.json).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { gradeOnWasm, seedRange, variantOfSolution, type Edit } from '../measure-lib.ts';

export const pipelineId = '03-autoencoders/07-pipeline';

const tsneCall = 'const map = await tsne(features50, n, KPCA_COMPONENTS, TSNE_SETTINGS, ctx);';
/** Keeps the map in a global and reuses one already there (see the header). */
const reuseMap: Edit = [tsneCall, 'const map = ((globalThis as Record<string, unknown>).pipelineMap ??= await tsne(features50, n, KPCA_COMPONENTS, TSNE_SETTINGS, ctx)) as Float32Array;'];
const clusterCall = 'assign(map, n, 2, miniBatchKmeans(map, n, 2, k, ctx.rng), k)';
/** k-means on `points` of `dims` dimensions instead of the map (the pipeline's first stages replaced). */
const clusterOn = (points: string, dims: string): Edit[] => [
  [tsneCall, `const map = ${points};`],
  [clusterCall, `assign(map, n, ${dims}, miniBatchKmeans(map, n, ${dims}, k, ctx.rng), k)`],
];

/** Every variant measured, by name: the edits that make it from the solution. The first is the reference. */
export const pipelineVariants: Record<string, Edit[]> = {
  'reference (kernel PCA 50 → t-SNE 500 → mini-batch k-means, greedy k-means++, best of 5)': [reuseMap],
  'k-means on the raw pixels': clusterOn('x', 'features'),
  // With γ = 0.001 the RBF kernel is nearly linear (exp(−γd²) ≈ 1 − γd², d² ≤ 40 here), so its two components are
  // PCA's (scaled by √2γ, which k-means does not see) to within about 2 %.
  'k-means on a 2-D PCA (kernel PCA with γ = 0.001, 2 components: ≈ linear PCA)': [
    ['kernelPca(x, n, features, KPCA_COMPONENTS, 1 / features, KPCA_ITERATIONS, ctx.rng)', 'kernelPca(x, n, features, 2, 0.001, KPCA_ITERATIONS, ctx.rng)'],
    [tsneCall, 'const map = Float32Array.from(features50);'],
  ],
  'k-means on the 50 kernel-PCA components (no t-SNE)': clusterOn('Float32Array.from(features50)', 'KPCA_COMPONENTS'),
  'one start (no restarts)': [reuseMap, ['const RESTARTS = 5;', 'const RESTARTS = 1;']],
  'plain k-means++ (one candidate per centre), best of 5': [reuseMap, ['const candidatesPerCentre = (k: number) => 2 + Math.floor(Math.log(k));', 'const candidatesPerCentre = (_k: number) => 1;']],
  'plain k-means++, one start': [
    reuseMap,
    ['const RESTARTS = 5;', 'const RESTARTS = 1;'],
    ['const candidatesPerCentre = (k: number) => 2 + Math.floor(Math.log(k));', 'const candidatesPerCentre = (_k: number) => 1;'],
  ],
  'k = 9 clusters': [reuseMap, [clusterCall, 'assign(map, n, 2, miniBatchKmeans(map, n, 2, k - 1, ctx.rng), k - 1)']],
  'k = 11 clusters': [reuseMap, [clusterCall, 'assign(map, n, 2, miniBatchKmeans(map, n, 2, k + 1, ctx.rng), k + 1)']],
  'the ids returned in a shuffled order': [
    reuseMap,
    ['return best.clusters;', 'const ids = best.clusters;\n  for (let i = n - 1; i > 0; i--) { const j = Math.floor(ctx.rng.uniform() * (i + 1)); [ids[i], ids[j]] = [ids[j]!, ids[i]!]; }\n  return ids;'],
  ],
};

/** One grading: accuracy (0 where the ids were refused), status, seconds, the check's first detail line. */
export interface VariantRun {
  accuracy: number;
  status: string;
  seconds: number;
  detail: string;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-6' }, only: { type: 'string' }, json: { type: 'string' } } });
  const seeds = seedRange(values.seeds);
  const names = values.only ? values.only.split('|') : Object.keys(pipelineVariants);
  const sources = Object.fromEntries(names.map((name) => [name, variantOfSolution(pipelineId, name, pipelineVariants[name]!)]));
  const out: Record<string, ({ seed: number } & VariantRun)[]> = Object.fromEntries(names.map((name) => [name, []]));
  const range = (v: number[], d = 3) => `${Math.min(...v).toFixed(d)} … ${Math.max(...v).toFixed(d)}`;
  console.log(`${pipelineId} on seeds ${values.seeds} (WASM in Node)`);
  for (const seed of seeds) {
    delete (globalThis as Record<string, unknown>).pipelineMap;
    for (const name of names) {
      const { report, seconds, metrics } = await gradeOnWasm(pipelineId, sources[name]!, seed);
      const detail = report.checks[0]?.details?.[0] ?? report.error?.message ?? '';
      out[name]!.push({ seed, accuracy: metrics.accuracy ?? 0, status: report.status, seconds, detail });
      console.log(`  seed ${seed}  ${name.padEnd(60).slice(0, 60)}  accuracy ${(metrics.accuracy ?? 0).toFixed(4)}  ${report.status}  ${seconds.toFixed(1)} s`);
    }
    if (values.json) {
      const command = `node scripts/with-node.mjs node scripts/autoencoders/pipeline-variants.ts --seeds ${values.seeds} --json ${values.json}`;
      writeFileSync(values.json, JSON.stringify({ provenance: provenance('scripts/autoencoders/pipeline-variants.ts', command), exercise: pipelineId, variants: out }, null, 1) + '\n');
    }
  }
  console.log('summary (min … max over seeds):');
  for (const name of names) {
    const rows = out[name]!;
    console.log(`  ${name}\n    accuracy ${range(rows.map((r) => r.accuracy))}  passed ${rows.filter((r) => r.status === 'passed').length}/${rows.length}  ${range(rows.map((r) => r.seconds), 1)} s`);
  }
}
