/**
 * The 04-kmeans exercise's reference solution and its wrong variants, graded for real (the exercise's own generator
 * and checks, the runtime on WASM in Node) over seeds: where the bounds and messages in
 * exercises/03-autoencoders/04-kmeans/exercise.yaml come from. Each variant is the solution with one thing changed
 * (text replacements on solution.ts), so the numbers say what that one choice costs. One more row is not a
 * submission: full k-means fitted on all 1797 digits, held-out ones included (what centres from the embedded public
 * set would score), which sets the lower bound.
 *   node scripts/with-node.mjs node scripts/autoencoders/kmeans-variants.ts [--seeds 1-10] [--only 'name|name'] [--json FILE]
 * prints, per variant, the training and held-out inertia ratios and the held-out clustering accuracy (min … max
 * over seeds), how many seeds passed and the seconds per grading; with --json FILE it writes every number,
 * provenance first (the lesson reads src/components/figures/autoencoders/k-means/kmeans-variants.json, written
 * with --json to that path).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { kMeans } from '../../graders/autoencoders/kmeans.ts';
import { loadExercise } from '../../graders/exercise-files.ts';
import { loadProblemData, makeProblem, type DataSpec } from '../../graders/problems/index.ts';
import { makeRng } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { gradeOnWasm, seedRange, variantOfSolution, type Edit } from '../measure-lib.ts';

export const kmeansId = '03-autoencoders/04-kmeans';

/** Every variant measured, by name: the edits that make it from the solution. */
export const kmeansVariants: Record<string, Edit[]> = {
  'reference (greedy k-means++, step 1/count, 300 steps of 100, best of 10 runs)': [],
  'random initial centres (uniform data points)': [
    ['const trials = 2 + Math.floor(Math.log(k));', 'const trials = 1;'],
    ['const candidate = drawWeighted(nearest, rng);', 'const candidate = Math.floor(rng.uniform() * n);'],
  ],
  'plain k-means++ (one candidate per centre)': [['const trials = 2 + Math.floor(Math.log(k));', 'const trials = 1;']],
  'one mini-batch pass (10 steps of 100)': [['const STEPS = 300;', 'const STEPS = 10;']],
  'fixed step size 0.1 instead of 1/count': [['const eta = 1 / counts[c]!;', 'const eta = 0.1;']],
  'fixed step size 0.01 instead of 1/count': [['const eta = 1 / counts[c]!;', 'const eta = 0.01;']],
  'no restarts (one run)': [['const RESTARTS = 10;', 'const RESTARTS = 1;']],
  'plain k-means++ and no restarts': [
    ['const trials = 2 + Math.floor(Math.log(k));', 'const trials = 1;'],
    ['const RESTARTS = 10;', 'const RESTARTS = 1;'],
  ],
};

/** The row that is not a submission: full k-means (10 greedy starts) on all the digits, held-out ones included. */
export const fittedOnAll = 'full k-means fitted on all 1797 digits (held-out ones included)';

/** One seed's numbers for a variant. */
export interface VariantRun {
  seed: number;
  trainInertiaRatio: number;
  heldoutInertiaRatio: number;
  clusteringAccuracy: number;
  status: string;
  seconds: number;
}

/** Grades a variant of the solution on one seed. */
export async function gradeVariant(name: string, seed: number): Promise<VariantRun> {
  const { report, seconds, metrics } = await gradeOnWasm(kmeansId, variantOfSolution(kmeansId, name, kmeansVariants[name]!), seed);
  if (report.error) throw new Error(`${name}, seed ${seed}: ${report.error.message}`);
  const accuracy = report.notes?.find((n) => n.metric === 'clusteringAccuracy')?.value ?? NaN;
  return { seed, trainInertiaRatio: metrics.trainInertiaRatio!, heldoutInertiaRatio: metrics.heldoutInertiaRatio!, clusteringAccuracy: accuracy, status: report.status, seconds };
}

/** Scores centres fitted on all the digits (train and held-out) with the generator's own scoring. */
export async function fittedOnAllRun(seed: number): Promise<VariantRun> {
  const data = loadExercise(kmeansId).meta.data as DataSpec;
  await loadProblemData(data);
  const started = performance.now();
  const p = makeProblem(data, seed);
  const h = p.hidden as { train: { x: Float32Array; n: number; features: number }; test: { x: Float32Array; n: number } };
  const d = h.train.features, k = (p.calls[0]!.arg as { k: number }).k;
  const all = new Float32Array((h.train.n + h.test.n) * d);
  all.set(h.train.x);
  all.set(h.test.x, h.train.n * d);
  const fit = kMeans({ values: all, n: h.train.n + h.test.n, d }, k, makeRng(seed, 'fitted-on-all'), 10);
  const scored = p.score([{ centres: Float32Array.from(fit.centres) }]);
  return { seed, trainInertiaRatio: scored.metrics.trainInertiaRatio!, heldoutInertiaRatio: scored.metrics.heldoutInertiaRatio!, clusteringAccuracy: scored.metrics.clusteringAccuracy!, status: '-', seconds: (performance.now() - started) / 1000 };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-10' }, only: { type: 'string' }, json: { type: 'string' } } });
  const seeds = seedRange(values.seeds);
  const names = values.only ? values.only.split('|') : [...Object.keys(kmeansVariants), fittedOnAll];
  const range = (v: number[], digits = 3) => `${Math.min(...v).toFixed(digits)} … ${Math.max(...v).toFixed(digits)}`;
  const out: Record<string, VariantRun[]> = {};
  console.log(`${kmeansId} on seeds ${values.seeds} (WASM in Node); min … max over seeds`);
  for (const name of names) {
    const runs: VariantRun[] = [];
    for (const seed of seeds) runs.push(name === fittedOnAll ? await fittedOnAllRun(seed) : await gradeVariant(name, seed));
    out[name] = runs;
    console.log(
      `  ${name}\n    training inertia ratio ${range(runs.map((r) => r.trainInertiaRatio))} (${runs.map((r) => r.trainInertiaRatio.toFixed(3)).join(' ')})` +
        `\n    held-out inertia ratio ${range(runs.map((r) => r.heldoutInertiaRatio))} (${runs.map((r) => r.heldoutInertiaRatio.toFixed(3)).join(' ')})` +
        `\n    accuracy ${range(runs.map((r) => r.clusteringAccuracy))}  passed ${runs.filter((r) => r.status === 'passed').length}/${runs.length}  ${range(runs.map((r) => r.seconds), 1)} s`,
    );
    if (values.json) {
      const command = `node scripts/with-node.mjs node scripts/autoencoders/kmeans-variants.ts --seeds ${values.seeds} --json ${values.json}`;
      writeFileSync(values.json, JSON.stringify({ provenance: provenance('scripts/autoencoders/kmeans-variants.ts', command), seeds, variants: out }, null, 1) + '\n');
    }
  }
}
