/**
 * The data of the "Fitting by gradient descent" lesson's figures, and the numbers its prose quotes that are ours
 * (the original's come from reference/results/exp4_gmm_density.json). Writes
 * src/components/figures/mixtures/fitting-by-gradient-descent/fit-adam-figure.json (provenance first):
 *   - `fit`: one data set of the exercise's generator (seed `fitSeed`): every 4th training point, the true mixture,
 *     the reference solution's fit (exercises/01-mixtures/03-fit-adam/solution.ts, run as the grader runs it) and
 *     its loss curve, and the held-out NLLs of the fit, the truth and EM;
 *     and `heldoutDifference`: the standard error of that held-out NLL difference (fit − truth) over the test points;
 *   - `relu`: one start of Adam (lr 0.05, means started on the same data points, log-stds) on the same data, once
 *     with the original's mixing weights relu(w)/Σrelu(w) (w started at 1) and once with softmax(logits): the
 *     mixing weights every 5 steps, and the final mixtures. On this seed relu weights kill components.
 *   - `sweep`: over seeds 1–8, how many of 4 components the relu version ends with alive (weight > 0);
 *   - `toEm`: one start with softmax weights at lr 0.02 and 0.05, seeds 1–8, up to 2000 steps: the first step whose
 *     training NLL is within 0.02 of EM's (best of the generator's restarts) on the same points (null: never).
 *   node scripts/with-node.mjs node scripts/mixtures/fit-adam-figure.ts
 * tfjs on WASM in Node, seeded: rerunning it writes the same numbers.
 */
import type * as TF from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import type { DiagonalGmm } from '../../graders/mixtures/gmm.ts';
import { gmmLogDensity, meanNll } from '../../graders/mixtures/log-density.ts';
import { makeProblem } from '../../graders/problems/index.ts';
import type { GmmFitInput } from '../../graders/problems/mixtures/gmm-fit.ts';
import { loadExercise } from '../../graders/exercise-files.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { learnerRng } from '../../src/runtime/learner-context.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';

export const figureJson = 'src/components/figures/mixtures/fitting-by-gradient-descent/fit-adam-figure.json';
const command = 'node scripts/with-node.mjs node scripts/mixtures/fit-adam-figure.ts';
/** The data seed of the figure: one where relu weights lose components (see `sweep`). */
export const fitSeed = 8;
const reluSteps = 500;
const recordEvery = 5;

type Tf = typeof TF;

/** The exercise's generator, posed on a plain seed: the learner's input and the hidden truth, EM and test points. */
function posed(seed: number) {
  const { meta } = loadExercise('01-mixtures/03-fit-adam');
  const problem = makeProblem(meta.data, seed);
  const hidden = problem.hidden as { truth: DiagonalGmm; em: DiagonalGmm; test: Float64Array; trueNll: number; emNll: number };
  return { input: problem.calls[0]!.arg as GmmFitInput, hidden, testN: hidden.test.length / 2 };
}

/** One start of Adam with relu or softmax mixing weights; the weights every `recordEvery` steps and the fit. */
function oneStart(tf: Tf, { x, n, d, k }: GmmFitInput, weights: 'relu' | 'softmax', seed: number, lr = 0.05, steps = reluSteps) {
  const rng = learnerRng(seed);
  const start = Array.from({ length: k }, () => { const i = Math.floor(rng.uniform() * n); return Array.from(x.subarray(i * d, i * d + d)); });
  const raw = tf.variable(weights === 'relu' ? tf.ones([k]) : tf.zeros([k]));
  const means = tf.variable(tf.tensor3d(start.flat(), [1, k, d]));
  const logStds = tf.variable(tf.zeros([1, k, d]));
  const points = tf.tensor3d(x, [n, 1, d]);
  // torch's Categorical clamps probabilities at float32's eps before the log, as here: a dead component adds log(eps).
  const mixing = () => (weights === 'relu' ? tf.div(tf.relu(raw), tf.sum(tf.relu(raw))) : tf.softmax(raw));
  const logMixing = () => (weights === 'relu' ? tf.log(tf.maximum(mixing(), 1.1920929e-7)) : tf.logSoftmax(raw));
  const loss = () =>
    tf.tidy(() => {
      const z = tf.div(tf.sub(points, means), tf.exp(logStds));
      const logGauss = tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStds, 0.5 * Math.log(2 * Math.PI))), -1);
      return tf.neg(tf.mean(tf.logSumExp(tf.add(logGauss, logMixing()), -1))) as TF.Scalar;
    });
  const opt = tf.train.adam(lr);
  const history: { step: number; weights: number[] }[] = [];
  const read = () => Array.from(tf.tidy(mixing).dataSync());
  history.push({ step: 0, weights: read() });
  const losses: number[] = [];
  for (let step = 1; step <= steps; step++) {
    const l = opt.minimize(loss, true, [raw, means, logStds])!;
    losses.push(l.dataSync()[0]!);
    l.dispose();
    if (step % recordEvery === 0) history.push({ step, weights: read() });
  }
  const stds = tf.exp(logStds);
  const gmm: DiagonalGmm = { weights: read(), means: (means.arraySync() as number[][][])[0]!, stds: (stds.arraySync() as number[][][])[0]! };
  tf.dispose([raw, means, logStds, points, stds]);
  opt.dispose();
  return { history, gmm, losses };
}

/** The reference solution run on the input as the grader would (its own ctx), with its loss curve. */
async function referenceFit(input: GmmFitInput, seed: number) {
  const { fitMixture } = (await import('../../exercises/01-mixtures/03-fit-adam/solution.ts')) as unknown as {
    fitMixture: (i: GmmFitInput, ctx: unknown) => Promise<{ weights: number[]; means: number[][]; stds: number[][] }>;
  };
  const losses: { step: number; loss: number }[] = [];
  const ctx = { seed, backend: 'wasm', rng: learnerRng(seed), report: (p: { step: number; loss: number }) => losses.push({ step: p.step, loss: p.loss }), log: () => {} };
  const gmm = await fitMixture(input, ctx);
  return { gmm, losses };
}

const round = (v: number, digits = 5) => Number(v.toFixed(digits));
const roundGmm = (g: DiagonalGmm): DiagonalGmm => ({ weights: g.weights.map((w) => round(w)), means: g.means.map((r) => r.map((v) => round(v))), stds: g.stds.map((r) => r.map((v) => round(v))) });

if (import.meta.main) {
  const tf = await useNodeBackend('wasm');
  const { input, hidden, testN } = posed(fitSeed);
  const ref = await referenceFit(input, fitSeed);
  const relu = oneStart(tf, input, 'relu', fitSeed);
  const softmax = oneStart(tf, input, 'softmax', fitSeed);
  const nll = (g: DiagonalGmm) => round(meanNll(g, hidden.test, testN));
  const sweep = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
    const p = posed(seed);
    const r = oneStart(tf, p.input, 'relu', seed);
    return { seed, alive: r.gmm.weights.filter((w) => w > 0).length, heldoutNllAboveTrue: round(meanNll(r.gmm, p.hidden.test, p.testN) - p.hidden.trueNll) };
  });
  // Steps until one start's training NLL (the loss before each step) comes within 0.02 of EM's on the same points.
  const toEm = [0.02, 0.05].map((lr) => ({
    lr,
    seeds: [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const p = posed(seed);
      const emTrain = meanNll(p.hidden.em, p.input.x, p.input.n);
      const r = oneStart(tf, p.input, 'softmax', seed, lr, 2000);
      const at = r.losses.findIndex((l) => l <= emTrain + 0.02);
      return { seed, steps: at < 0 ? null : at + 1, finalAboveEm: round(r.losses[r.losses.length - 1]! - emTrain) };
    }),
  }));
  // The noise of a held-out NLL difference: the standard error of the mean per-point log-density difference
  // between the fit and the truth, over the test points (what "below the truth by more than noise" is measured in).
  const diff = (() => {
    const a = gmmLogDensity(ref.gmm, hidden.test, testN), b = gmmLogDensity(hidden.truth, hidden.test, testN);
    const v = Array.from(a, (x, i) => b[i]! - x);
    const mean = v.reduce((s, x) => s + x, 0) / testN;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (testN - 1));
    return { testN, sd: round(sd), standardError: round(sd / Math.sqrt(testN), 6) };
  })();
  const out = {
    provenance: provenance('scripts/mixtures/fit-adam-figure.ts', command),
    fitSeed,
    fit: {
      points: Array.from(input.x.filter((_, i) => Math.floor(i / 2) % 4 === 0), (v) => round(v, 3)),
      truth: roundGmm(hidden.truth),
      fitted: roundGmm(ref.gmm),
      losses: ref.losses.map((l) => ({ step: l.step, loss: round(l.loss) })),
      heldoutNll: { fitted: nll(ref.gmm), truth: round(hidden.trueNll), em: round(hidden.emNll) },
      heldoutDifference: diff,
    },
    relu: {
      steps: reluSteps,
      learningRate: 0.05,
      relu: { history: relu.history.map((h) => ({ step: h.step, weights: h.weights.map((w) => round(w)) })), gmm: roundGmm(relu.gmm), heldoutNll: nll(relu.gmm) },
      softmax: { history: softmax.history.map((h) => ({ step: h.step, weights: h.weights.map((w) => round(w)) })), gmm: roundGmm(softmax.gmm), heldoutNll: nll(softmax.gmm) },
    },
    sweep,
    toEm,
  };
  writeFileSync(figureJson, JSON.stringify(out) + '\n');
  console.log(`wrote ${figureJson}: held-out NLL fitted ${out.fit.heldoutNll.fitted}, true ${out.fit.heldoutNll.truth}, EM ${out.fit.heldoutNll.em}; relu alive ${relu.gmm.weights.filter((w) => w > 0).length}/4 (NLL ${out.relu.relu.heldoutNll}), softmax NLL ${out.relu.softmax.heldoutNll}`);
  for (const t of toEm) console.log(`lr ${t.lr}: steps to EM + 0.02 (training NLL) ${t.seeds.map((s) => s.steps).join(', ')}; final minus EM ${t.seeds.map((s) => s.finalAboveEm).join(', ')}`);
  console.log(`relu sweep (alive of 4, NLL above true): ${sweep.map((s) => `seed ${s.seed}: ${s.alive}, ${s.heldoutNllAboveTrue}`).join('; ')}`);
}
