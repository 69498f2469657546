/**
 * The gmm-fit generator's metrics for good fits and bad ones, over seeds: where the exercise's bounds will come from.
 * Good: the true mixture itself, float64 EM from other starts, gradient descent in float32 tfjs (Adam on softmax
 * logits, means and log-stds; WASM). Bad: EM stopped after 5 iterations (for emStepChange), one Gaussian copied K
 * times, stds returned as variances, k-means centres with the data's overall spread.
 *   node scripts/with-node.mjs node scripts/mixtures/gmm-fit-variants.ts
 */
import type * as TF from '@tensorflow/tfjs';
import { fitEm, fitEmRestarts, kMeansPlusPlus } from '../../graders/mixtures/em.ts';
import type { DiagonalGmm } from '../../graders/mixtures/gmm.ts';
import { makeProblem, type PosedProblem } from '../../graders/problems/index.ts';
import type { GmmFitInput } from '../../graders/problems/mixtures/gmm-fit.ts';
import { makeRng } from '../../graders/rng.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';

type Tf = typeof TF;

/** Parameters like the exercise's will be (issue 12: 2000 points, 4 components, 2-D). */
export const fitParams = { components: 4, dims: 2, trainN: 2000, testN: 5000, emRestarts: 5 };

/** The one Gaussian of all points, per dimension. */
function oneGaussian({ x, n, d }: GmmFitInput): { mean: number[]; std: number[] } {
  const mean = Array.from({ length: d }, (_, j) => { let s = 0; for (let i = 0; i < n; i++) s += x[i * d + j]!; return s / n; });
  const std = mean.map((m, j) => { let s = 0; for (let i = 0; i < n; i++) s += (x[i * d + j]! - m) ** 2; return Math.sqrt(s / n); });
  return { mean, std };
}

/** Fits in float64 (graders/mixtures/) or tfjs: input → mixture. The problem is passed for "the true mixture". */
export const fitVariants: Record<string, (input: GmmFitInput, p: PosedProblem, tf: Tf) => DiagonalGmm> = {
  'the true mixture': (_i, p) => (p.hidden as { truth: DiagonalGmm }).truth,
  'EM, 1 other start': (i) => fitEm(i.x, i.n, i.d, i.k, makeRng(99, 'variant')).gmm,
  'EM, best of 5 other starts': (i) => fitEmRestarts(i.x, i.n, i.d, i.k, makeRng(99, 'variant'), 5).gmm,
  'EM, stopped after 5 iterations': (i) => fitEm(i.x, i.n, i.d, i.k, makeRng(99, 'variant'), { maxIterations: 5 }).gmm,
  'Adam, 1500 steps (tfjs)': (i, _p, tf) => gradientDescent(tf, i, 1500),
  'one Gaussian, K copies': (i) => {
    const { mean, std } = oneGaussian(i);
    return { weights: Array<number>(i.k).fill(1 / i.k), means: Array.from({ length: i.k }, () => mean), stds: Array.from({ length: i.k }, () => std) };
  },
  'EM with variances as stds': (i) => {
    const g = fitEm(i.x, i.n, i.d, i.k, makeRng(99, 'variant')).gmm;
    return { ...g, stds: g.stds.map((r) => r.map((s) => s * s)) };
  },
  'k-means++ centres, overall spread': (i) => ({
    weights: Array<number>(i.k).fill(1 / i.k),
    means: kMeansPlusPlus(i.x, i.n, i.d, i.k, makeRng(99, 'variant')),
    stds: Array.from({ length: i.k }, () => oneGaussian(i).std),
  }),
};

/** Full-batch Adam (lr 0.05) on the mean NLL, parameterised so every step gives a valid mixture: softmax weights, exp stds. */
function gradientDescent(tf: Tf, { x, n, d, k }: GmmFitInput, steps: number): DiagonalGmm {
  const start = kMeansPlusPlus(x, n, d, k, makeRng(7, 'gd'));
  const logits = tf.variable(tf.zeros([k]));
  const means = tf.variable(tf.tensor2d(start));
  const logStds = tf.variable(tf.fill([k, d], Math.log(0.5)));
  const xs = tf.tensor2d(x, [n, d]).expandDims(1);
  const opt = tf.train.adam(0.05);
  const nll = () =>
    tf.tidy(() => {
      const z = tf.div(tf.sub(xs, means.expandDims(0)), tf.exp(logStds).expandDims(0));
      const logN = tf.sum(tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), logStds.expandDims(0)), 0.5 * Math.log(2 * Math.PI)), 2);
      return tf.neg(tf.mean(tf.logSumExp(tf.add(logN, tf.logSoftmax(logits)), 1))) as TF.Scalar;
    });
  for (let s = 0; s < steps; s++) opt.minimize(nll, true)?.dispose();
  const g = {
    weights: Array.from(tf.tidy(() => tf.softmax(logits)).dataSync()),
    means: means.arraySync(),
    stds: tf.tidy(() => tf.exp(logStds)).arraySync() as number[][],
  };
  tf.dispose([logits, means, logStds, xs]);
  opt.dispose();
  return g;
}

const posed = new Map<number, PosedProblem>();
/** The problem for a seed, made once (making it runs the reference EM). */
function problemFor(seed: number): PosedProblem {
  if (!posed.has(seed)) posed.set(seed, makeProblem({ generator: 'gmmFit', params: fitParams }, seed));
  return posed.get(seed)!;
}

/** The generator's metrics for a variant's mixture on one seed. */
export function variantMetrics(tf: Tf, name: string, seed: number): Record<string, number> {
  const problem = problemFor(seed);
  const g = fitVariants[name]!(problem.calls[0]!.arg as GmmFitInput, problem, tf);
  return problem.score([{ weights: Float32Array.from(g.weights), means: Float32Array.from(g.means.flat()), stds: Float32Array.from(g.stds.flat()) }]).metrics;
}

if (import.meta.main) {
  const tf = await useNodeBackend('wasm');
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const range = (v: number[]) => `${Math.min(...v).toFixed(4)} … ${Math.max(...v).toFixed(4)}`;
  console.log(`gmmFit on seeds ${seeds.join(', ')}, params ${JSON.stringify(fitParams)}; min … max over seeds`);
  const base = seeds.map((s) => variantMetrics(tf, 'the true mixture', s));
  console.log(`  held-out NLL: true ${range(base.map((m) => m.trueNll!))}, EM ${range(base.map((m) => m.emNll!))}, EM − true ${range(base.map((m) => m.emNll! - m.trueNll!))}`);
  for (const name of Object.keys(fitVariants)) {
    const ms = seeds.map((s) => variantMetrics(tf, name, s));
    const sci = (v: number[]) => `${Math.min(...v).toExponential(1)} … ${Math.max(...v).toExponential(1)}`;
    console.log(`  ${name.padEnd(34)} nllAboveTrue ${range(ms.map((m) => m.nllAboveTrue!))}   nllAboveEm ${range(ms.map((m) => m.nllAboveEm!))}   emStepChange ${sci(ms.map((m) => m.emStepChange!))}`);
  }
}
