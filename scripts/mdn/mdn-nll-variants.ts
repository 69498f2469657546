/**
 * The mdn-nll generator's metric (maxRelativeError) for the right answer in float32 tfjs and for plausible wrong
 * ones, over seeds: where exercise 02-mdn/02-mdn-nll's bound comes from. On the WASM backend (or `--cpu`):
 *   node scripts/with-node.mjs node scripts/mdn/mdn-nll-variants.ts [--cpu] [--seeds 1,2,3,4,5,6,7,8,9,10]
 * It also prints the range of the hidden rows' true NLL per kind of row (seeds 1–10 and 42), which exercise.yaml
 * and the lesson quote, and how many rows exp → sum → log turns into Infinity.
 * tests/unit/graders/mdn/mdn-nll.test.ts grades the same variants.
 */
import { parseArgs } from 'node:util';
import type * as TF from '@tensorflow/tfjs';
import { loadExercise } from '../../graders/exercise-files.ts';
import { makeProblem } from '../../graders/problems/index.ts';
import { rowKinds, type MdnNllInput, type RowKind } from '../../graders/problems/mdn/mdn-nll.ts';
import { mixtureLogDensity } from '../../graders/mdn/conditional-mixture.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';

type Tf = typeof TF;

/** The slips a hand-written MDN loss makes, one switch each. */
export interface Slip {
  /** Leaves out −½ log 2π. */
  no2Pi?: boolean;
  /** Treats the σ given as a variance: divides by √σ and adds −½ log σ. */
  sigmaAsVariance?: boolean;
  /** +log σ instead of −log σ. */
  logSigmaSign?: boolean;
  /** log(π + 1e-8) instead of log π: the "epsilon" patch. */
  epsilonInLogPi?: boolean;
}

/** log π_k + log N(y | μ_k, σ_k) per row and component (n×k), with switches for the classic slips. */
function logJoint(tf: Tf, pi: TF.Tensor2D, mu: TF.Tensor2D, sigma: TF.Tensor2D, y: TF.Tensor2D, slip: Slip = {}): TF.Tensor2D {
  const sd = slip.sigmaAsVariance ? tf.sqrt(sigma) : sigma;
  const z = tf.div(tf.sub(y, mu), sd);
  let logN = tf.mul(-0.5, tf.square(z));
  logN = slip.logSigmaSign ? tf.add(logN, tf.log(sd)) : tf.sub(logN, tf.log(sd));
  if (!slip.no2Pi) logN = tf.sub(logN, 0.5 * Math.log(2 * Math.PI));
  const logPi = slip.epsilonInLogPi ? tf.log(tf.add(pi, 1e-8)) : tf.log(pi);
  return tf.add(logPi, logN) as TF.Tensor2D;
}

/** The per-row NLL [n] of one variant, from the four tensors the learner's nllPerPoint gets. */
type Nll = (tf: Tf, pi: TF.Tensor2D, mu: TF.Tensor2D, sigma: TF.Tensor2D, y: TF.Tensor2D) => TF.Tensor;

const stable = (slip: Slip = {}): Nll => (tf, pi, mu, sigma, y) => tf.neg(tf.logSumExp(logJoint(tf, pi, mu, sigma, y, slip), 1));

/** The original post's loss: the density of each component, weighted, summed, then −log. */
const naive: Nll = (tf, pi, mu, sigma, y) => {
  const z = tf.div(tf.sub(y, mu), sigma);
  const density = tf.div(tf.mul(tf.exp(tf.mul(-0.5, tf.square(z))), 1 / Math.sqrt(2 * Math.PI)), sigma);
  return tf.neg(tf.log(tf.sum(tf.mul(density, pi), 1)));
};

/** The right answer and the wrong ones, each in float32 tfjs. Values are read back as float32 (or rounded further). */
export const nllVariants: Record<string, { nll: Nll; round?: (v: number) => number; mean?: boolean }> = {
  'logsumexp (right)': { nll: stable() },
  'logsumexp, max subtracted by hand': {
    nll: (tf, pi, mu, sigma, y) => {
      const a = logJoint(tf, pi, mu, sigma, y);
      const m = tf.max(a, 1, true);
      return tf.neg(tf.add(tf.squeeze(m, [1]), tf.log(tf.sum(tf.exp(tf.sub(a, m)), 1))));
    },
  },
  'exp, sum, then log (the original)': { nll: naive },
  '−½ log 2π left out': { nll: stable({ no2Pi: true }) },
  'σ read as a variance': { nll: stable({ sigmaAsVariance: true }) },
  '+log σ instead of −log σ': { nll: stable({ logSigmaSign: true }) },
  'log(π + 1e-8)': { nll: stable({ epsilonInLogPi: true }) },
  'the mean NLL in every row': { nll: stable(), mean: true },
  'right, stored in float16': { nll: stable(), round: Math.f16round },
};

/** One variant's answer to one call, as the runtime would read it. */
export function runVariant(tf: Tf, v: (typeof nllVariants)[string], input: MdnNllInput): Float32Array {
  const out = tf.tidy(() => {
    const nll = v.nll(tf, tf.tensor2d(input.pi), tf.tensor2d(input.mu), tf.tensor2d(input.sigma), tf.tensor2d(input.y, [input.n, 1]));
    return v.mean ? tf.mul(tf.onesLike(nll), tf.mean(nll)) : nll;
  });
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return v.round ? values.map(v.round) : values;
}

/** The exercise's own parameters, so what is measured is what is graded. */
export const measuredData = loadExercise('02-mdn/02-mdn-nll').meta.data;

/** maxRelativeError of a variant on one seed, graded by the generator itself. */
export function variantError(tf: Tf, v: (typeof nllVariants)[string], seed: number): number {
  const problem = makeProblem(measuredData, seed);
  const outputs = problem.calls.map((c) => ({ nll: runVariant(tf, v, c.arg as MdnNllInput) }));
  return problem.score(outputs).metrics.maxRelativeError!;
}

/** The float64 NLL's range per kind of row over seeds, and how many rows the original's formula makes non-finite. */
export function nllRanges(tf: Tf, seeds: number[]): { ranges: Record<RowKind, [number, number]>; naiveNonFinite: Record<RowKind, [number, number]> } {
  const ranges = Object.fromEntries(rowKinds.map((k) => [k, [Infinity, -Infinity]])) as Record<RowKind, [number, number]>;
  const naiveNonFinite = Object.fromEntries(rowKinds.map((k) => [k, [0, 0]])) as Record<RowKind, [number, number]>;
  for (const seed of seeds) {
    const problem = makeProblem(measuredData, seed);
    const { cases } = problem.hidden as { cases: { input: MdnNllInput; mixture: Parameters<typeof mixtureLogDensity>[0]; y: Float64Array; kinds: RowKind[] }[] };
    for (const c of cases) {
      const nll = mixtureLogDensity(c.mixture, c.y);
      const naiveOut = runVariant(tf, nllVariants['exp, sum, then log (the original)']!, c.input);
      c.kinds.forEach((kind, i) => {
        const r = ranges[kind];
        [r[0], r[1]] = [Math.min(r[0], -nll[i]!), Math.max(r[1], -nll[i]!)];
        naiveNonFinite[kind][1]++;
        if (!Number.isFinite(naiveOut[i]!)) naiveNonFinite[kind][0]++;
      });
    }
  }
  return { ranges, naiveNonFinite };
}

if (import.meta.main) {
  const { values: args } = parseArgs({ options: { cpu: { type: 'boolean' }, seeds: { type: 'string', default: '1,2,3,4,5,6,7,8,9,10' } } });
  const tf = await useNodeBackend(args.cpu ? 'cpu' : 'wasm');
  const seeds = args.seeds!.split(',').map(Number);
  const { ranges, naiveNonFinite } = nllRanges(tf, [...seeds, 42]);
  console.log(`float64 NLL per kind of row, seeds ${seeds.join(',')} and 42 (nats per row, ½ log 2π included):`);
  for (const k of rowKinds) console.log(`  ${k.padEnd(10)} ${ranges[k][0].toFixed(2)} to ${ranges[k][1].toFixed(2)}; exp → sum → log not finite at ${naiveNonFinite[k][0]} of ${naiveNonFinite[k][1]}`);
  console.log(`maxRelativeError on seeds ${seeds.join(', ')} (${tf.getBackend()}), data ${JSON.stringify(measuredData.params)}`);
  for (const [name, variant] of Object.entries(nllVariants)) {
    const errors = seeds.map((s) => variantError(tf, variant, s));
    console.log(`  ${name.padEnd(36)} min ${Math.min(...errors).toExponential(2)}  max ${Math.max(...errors).toExponential(2)}`);
  }
}
