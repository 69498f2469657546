/**
 * The numbers and curves of the lesson "When the mean is the wrong answer"
 * (src/content/docs/mixture-density-networks/when-the-mean-is-wrong.mdx), written with provenance to
 * src/components/figures/mdn/when-the-mean-is-wrong/mean-curves.json:
 *   node scripts/with-node.mjs node scripts/mdn/mean-curves.ts [--seeds 1,2,3,4,5] [--figure-seed 42]
 * For each seed, the exercise's reference solution (exercises/02-mdn/01-forward-mlp/solution.ts, tfjs WASM in Node)
 * is trained on the exercise's data, forward (y from x) and inverse (the same points, x from y), and scored on the
 * held-out points: held-out MSE of both, and the inverse problem's floor for any single curve (the exact E[x | y]).
 * Also the forward noise floor over 1000 held-out sets (seeds 0–999: the noise-free curve's MSE, no training).
 * For the figure seed it also keeps every 3rd training point and both fitted curves on [−15, 15], the range the
 * original post plots, which is extrapolation beyond the data's x in [−10, 10].
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadExercise } from '../../graders/exercise-files.ts';
import { inverseConditionalMeans } from '../../graders/mdn/inverse-conditional.ts';
import { sinusoid } from '../../graders/mdn/sinusoid.ts';
import { meanSquaredError } from '../../graders/metrics.ts';
import { makeProblem } from '../../graders/problems/index.ts';
import type { RegressionSplit } from '../../graders/datasets/types.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { runLearner } from '../../src/runtime/run-learner.ts';
import { deriveSeed } from '../../graders/rng.ts';

const script = 'scripts/mdn/mean-curves.ts';
const out = 'src/components/figures/mdn/when-the-mean-is-wrong/mean-curves.json';
const id = '02-mdn/01-forward-mlp';
/** The plotting range of the original post: beyond the data's x in [−10, 10] on the forward problem. */
const PLOT_RANGE: [number, number] = [-15, 15];
const PLOT_POINTS = 121;

interface Hidden {
  process: { shape: { amplitude: number; frequency: number; slope: number }; noise: number; xMin: number; xMax: number };
  test: RegressionSplit;
  inverseTest: RegressionSplit;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

async function measure(seed: number, keepCurves: boolean) {
  const tf = await useNodeBackend('wasm');
  const { meta, solution } = loadExercise(id);
  // The page's run (onPage): the inverse problem is trained and shown there, never in the instructor's grading.
  const problem = makeProblem(meta.data, seed, { onPage: true });
  const hidden = problem.hidden as Hidden;
  const grid = Float32Array.from({ length: PLOT_POINTS }, (_, i) => PLOT_RANGE[0] + ((PLOT_RANGE[1] - PLOT_RANGE[0]) * i) / (PLOT_POINTS - 1));
  // The exercise's own calls, each with one more evaluation: the fitted curve on the plotting range.
  const calls = problem.calls.map((c) => ({ ...c, evals: [...c.evals, { key: 'wide', kind: 'predict' as const, x: grid, features: 1, outputs: 1 }] }));
  const started = performance.now();
  const result = await runLearner({ tf, backend: 'wasm', source: solution, entry: meta.entry, seed: deriveSeed(seed, 'learner'), calls });
  if (!result.ok) throw new Error(`seed ${seed}: ${result.error.message}`);
  const seconds = (performance.now() - started) / 1000;
  const [forward, inverse] = result.outputs.calls;
  const inverseMeans = inverseConditionalMeans(hidden.process, hidden.inverseTest.x);
  const row = {
    seed,
    forwardMSE: r4(meanSquaredError(forward!.pred!, hidden.test.y)),
    inverseMSE: r4(meanSquaredError(inverse!.pred!, hidden.inverseTest.y)),
    inverseMeanMSE: r4(meanSquaredError(inverseMeans, hidden.inverseTest.y)),
    // The noise-free curve's own held-out MSE: the forward floor on these points (1 on average).
    forwardCurveMSE: r4(meanSquaredError(Float64Array.from(hidden.test.x, (x) => sinusoid(hidden.process.shape, x)), hidden.test.y)),
    seconds: Math.round(seconds * 100) / 100,
  };
  if (!keepCurves) return { row };
  const train = problem.calls[0]!.arg as RegressionSplit;
  const every = 3;
  const points = { x: [] as number[], y: [] as number[] };
  for (let i = 0; i < train.n; i += every) (points.x.push(r4(train.x[i]!)), points.y.push(r4(train.y[i]!)));
  const curves = {
    grid: Array.from(grid, r4),
    forward: Array.from(forward!.wide!, r4),
    truth: Array.from(grid, (x) => r4(sinusoid(hidden.process.shape, x))),
    inverse: Array.from(inverse!.wide!, r4),
    inverseMean: Array.from(inverseConditionalMeans(hidden.process, grid), r4),
  };
  return { row, figure: { seed, pointsEvery: every, points, curves } };
}

/**
 * The forward noise floor on the exercise's held-out sets: the noise-free curve's MSE on the test split of seeds
 * 0 … count−1 (no training: the best possible prediction), its mean, standard deviation and extremes.
 */
function floorOverSeeds(count: number) {
  const { meta } = loadExercise(id);
  const v: number[] = [];
  for (let seed = 0; seed < count; seed++) {
    const h = makeProblem({ ...meta.data, params: { ...(meta.data.params as object), showInverse: false } }, seed).hidden as Hidden;
    v.push(meanSquaredError(Float64Array.from(h.test.x, (x) => sinusoid(h.process.shape, x)), h.test.y));
  }
  const mean = v.reduce((a, b) => a + b, 0) / count;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (count - 1));
  return { seeds: count, mean: r4(mean), sd: r4(sd), min: r4(Math.min(...v)), max: r4(Math.max(...v)) };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3,4,5' }, 'figure-seed': { type: 'string', default: '42' } } });
  const seeds = values.seeds.split(',').map(Number);
  const figureSeed = Number(values['figure-seed']);
  const rows: Awaited<ReturnType<typeof measure>>['row'][] = [];
  let figure: Awaited<ReturnType<typeof measure>>['figure'];
  for (const seed of [figureSeed, ...seeds.filter((s) => s !== figureSeed)]) {
    const m = await measure(seed, seed === figureSeed);
    if (m.figure) figure = m.figure;
    if (seeds.includes(seed)) rows.push(m.row);
    console.log(JSON.stringify(m.row));
  }
  const range = (k: 'forwardMSE' | 'inverseMSE' | 'inverseMeanMSE') => ({ min: Math.min(...rows.map((r) => r[k])), max: Math.max(...rows.map((r) => r[k])) });
  const result = {
    provenance: provenance(script, `node scripts/with-node.mjs node ${script} --seeds ${values.seeds} --figure-seed ${figureSeed}`),
    plotRange: PLOT_RANGE,
    dataRange: [-10, 10],
    seeds: rows,
    summary: { forwardMSE: range('forwardMSE'), inverseMSE: range('inverseMSE'), inverseMeanMSE: range('inverseMeanMSE') },
    forwardFloor: floorOverSeeds(1000),
    figure,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result) + '\n');
  console.log(`wrote ${out}`);
}
