/**
 * The numbers of the EM lesson (src/content/docs/mixtures/em.mdx), written with provenance to
 * src/components/figures/mixtures/em/em-trajectory.json:
 *   node scripts/with-node.mjs node scripts/mixtures/em-trajectory.ts
 * - `trajectory`: EM on the exercise's public-seed data (the 2000 points the learner gets with seed 42) from a
 *   k-means++ start with equal weights and the data's overall spread (the exercise's start), one mixture per
 *   iteration until the relative NLL change is ≤ 1e-5, with its training NLL; a fixed subsample of the points for
 *   the figure; the true mixture.
 * - `iterations`: on seeds 1–40 of the exercise's generator, iterations one k-means++ EM run (graders/mixtures/em.ts)
 *   takes to reach a relative change of 1e-3 and of 1e-5, and the median over seeds of the time per iteration and
 *   per run (tolerance 1e-3) in plain TypeScript, each the fastest of 5 repeats (the machine is shared).
 * - `localOptima`: on the same seeds, how often one k-means++ run ends more than 0.005 nats per point (held out)
 *   above the best of 5 (the exercise's reference and its bound), and the worst such gap.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { emStep, fitEm, kMeansPlusPlus } from '../../graders/mixtures/em.ts';
import type { DiagonalGmm } from '../../graders/mixtures/gmm.ts';
import { meanNll } from '../../graders/mixtures/log-density.ts';
import { makeProblem } from '../../graders/problems/index.ts';
import type { GmmEmInput } from '../../graders/problems/mixtures/gmm-em.ts';
import { makeRng } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { loadExercise } from '../../graders/exercise-files.ts';

const script = 'scripts/mixtures/em-trajectory.ts';
const out = 'src/components/figures/mixtures/em/em-trajectory.json';
const meta = loadExercise('01-mixtures/04-em').meta;
const params = meta.data.params as Record<string, number>;
const round = (v: number, digits = 4) => Number(v.toFixed(digits));
const roundGmm = (g: DiagonalGmm): DiagonalGmm => ({ weights: g.weights.map((w) => round(w)), means: g.means.map((r) => r.map((v) => round(v))), stds: g.stds.map((r) => r.map((v) => round(v))) });

interface Hidden {
  truth: DiagonalGmm;
  test: Float64Array;
}

/** The exercise's start: k-means++ centres, equal weights, the data's overall spread per dimension. */
function exerciseStart({ x, n, d, k }: GmmEmInput, seed: number): DiagonalGmm {
  const means = kMeansPlusPlus(x, n, d, k, makeRng(seed, 'em-lesson/start'));
  const spread = Array.from({ length: d }, (_, j) => {
    let m = 0, s = 0;
    for (let i = 0; i < n; i++) m += x[i * d + j]! / n;
    for (let i = 0; i < n; i++) s += (x[i * d + j]! - m) ** 2 / n;
    return Math.sqrt(s);
  });
  return { weights: Array<number>(k).fill(1 / k), means, stds: means.map(() => [...spread]) };
}

function trajectory() {
  const problem = makeProblem(meta.data, meta.seed);
  const input = problem.calls[0]!.arg as GmmEmInput;
  const truth = (problem.hidden as Hidden).truth;
  let gmm = exerciseStart(input, meta.seed);
  const steps: { gmm: DiagonalGmm; nll: number }[] = [];
  for (let t = 0; t <= input.maxIterations; t++) {
    const { before, next } = emStep(gmm, input.x, input.n, input.d);
    steps.push({ gmm: roundGmm(gmm), nll: round(before, 6) });
    const prev = steps[t - 1]?.nll;
    if (prev !== undefined && Math.abs(before - prev) <= input.tolerance * Math.max(Math.abs(before), 1)) break;
    gmm = next;
  }
  // Every 4th point: 500 of the 2000 show the clusters without making the page heavy.
  const shown = Array.from({ length: input.n / 4 }, (_, i) => [round(input.x[8 * i]!, 3), round(input.x[8 * i + 1]!, 3)]).flat();
  return { seed: meta.seed, tolerance: input.tolerance, truth: roundGmm(truth), trueTrainNll: round(meanNll(truth, input.x, input.n), 6), points: shown, steps };
}

function iterationsAndOptima(seeds: number[]) {
  // Warm-up, so the timings below are of compiled code, not of the first calls.
  for (const seed of seeds.slice(0, 5)) {
    const { x, n, d, k } = makeProblem(meta.data, seed).calls[0]!.arg as GmmEmInput;
    fitEm(x, n, d, k, makeRng(seed, 'em-lesson/warm-up'), { tolerance: 1e-3 });
  }
  const at3: number[] = [], at5: number[] = [], msPerIteration: number[] = [], msPerRun: number[] = [], gaps: number[] = [];
  for (const seed of seeds) {
    const problem = makeProblem(meta.data, seed);
    const { x, n, d, k } = problem.calls[0]!.arg as GmmEmInput;
    const hidden = problem.hidden as Hidden & { emNll: number };
    // The fastest of 5 repeats: on a shared machine the others measure the neighbours too.
    const timed = <T>(f: () => T): { value: T; ms: number } => {
      let ms = Infinity, value!: T;
      for (let r = 0; r < 5; r++) {
        const t0 = performance.now();
        value = f();
        ms = Math.min(ms, performance.now() - t0);
      }
      return { value, ms };
    };
    const { value: loose, ms: looseMs } = timed(() => fitEm(x, n, d, k, makeRng(seed, 'em-lesson/one'), { tolerance: 1e-3 }));
    msPerRun.push(looseMs);
    const { value: tight, ms: tightMs } = timed(() => fitEm(x, n, d, k, makeRng(seed, 'em-lesson/one'), { tolerance: 1e-5 }));
    msPerIteration.push(tightMs / tight.nll.length);
    at3.push(loose.nll.length - 1);
    at5.push(tight.nll.length - 1);
    gaps.push(meanNll(tight.gmm, hidden.test, hidden.test.length / d) - hidden.emNll);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const range = (v: number[]) => [Math.min(...v), median(v), Math.max(...v)];
  const worse = gaps.filter((g) => g > 0.005);
  return {
    iterations: { seeds: [seeds[0], seeds.at(-1)], tolerance1e3: range(at3), tolerance1e5: range(at5), medianMsPerIteration: round(median(msPerIteration), 3), medianMsPerRunTolerance1e3: round(median(msPerRun), 2) },
    localOptima: { seeds: [seeds[0], seeds.at(-1)], runs: seeds.length, worseThan0005: worse.length, worstGap: round(Math.max(...gaps), 4) },
  };
}

if (import.meta.main) {
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
  const result = { provenance: provenance(script, `node scripts/with-node.mjs node ${script}`), trajectory: trajectory(), ...iterationsAndOptima(seeds) };
  mkdirSync('src/components/figures/mixtures/em', { recursive: true });
  writeFileSync(out, JSON.stringify(result) + '\n');
  console.log(JSON.stringify({ steps: result.trajectory.steps.length, nll: [result.trajectory.steps[0]!.nll, result.trajectory.steps.at(-1)!.nll], iterations: result.iterations, localOptima: result.localOptima }));
}
