/**
 * Sampling from a mixture density network: `sampleMdn({ x, pi, mu, sigma }, ctx)` gets a trained MDN's mixtures at n
 * inputs (graders/mdn/trained-mdn.ts, evaluated in float64 on the inverse sinusoid's inputs) and returns one draw
 * y_i per input, made with the seeded ctx.rng. The draws are random, so they are graded as a sample: the PIT values
 * u_i = F_i(y_i) must be uniform (Kolmogorov–Smirnov, two-sided: independent draws are never *too* uniform), and
 * within each band of inputs the draws must match the grader's own draws from the same mixtures (the energy
 * statistic). Returning the mean, one Gaussian at the mean, always the heaviest component, one component for
 * every input, ignoring π, mixing one component's μ with another's σ: each gets a message naming it.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { sampleMixture, type ConditionalMixture } from '../../mdn/conditional-mixture.ts';
import type { MdnSamplingInput } from '../../mdn/learner-types.ts';
import { logDensityZ } from '../../mdn/draw-likelihood.ts';
import { centralShare, ksUniform, pitValues } from '../../mdn/pit.ts';
import { diagnoseMdnSample } from '../../mdn/sample-diagnosis.ts';
import { sampleSinusoid, sinusoidParams } from '../../mdn/sinusoid.ts';
import { mdnMove, trainedMdnMixture } from '../../mdn/trained-mdn.ts';
import { energyStatistic } from '../../mixtures/sample-stats.ts';
import type { ProblemDef } from '../../problem.ts';
import { makeRng } from '../../rng.ts';

export const mdnSamplingParams = z
  .object({
    n: z.number().int().min(200).max(20000).describe('Inputs, drawn like the inverse problem\'s inputs (y of the sinusoid); the learner draws one value at each.'),
    bins: z.number().int().min(1).max(50).describe('Bands of equal count along the input for the energy statistic (each compares the learner\'s and the grader\'s draws in that band).'),
  })
  .strict();
export type MdnSamplingParams = z.infer<typeof mdnSamplingParams>;

/** What the learner's entry receives (declared with the other learner types, which the editor shows). */
export type { MdnSamplingInput } from '../../mdn/learner-types.ts';

export interface MdnSamplingHidden {
  /** The mixtures handed to the learner, in float64. */
  mixture: ConditionalMixture;
  /** The inputs, as handed out. */
  x: Float64Array;
  /** The grader's own draws, one per input, from the same mixtures (the reference sampler). */
  reference: Float64Array;
  /** The process's own targets at these inputs (the "data" the original plots the samples against). */
  data: Float32Array;
}

const metricsDoc = {
  pitKs: '√n × the Kolmogorov–Smirnov distance between your PIT values F_i(y_i) and U(0, 1): ≈ Kolmogorov-distributed (mostly 0.4–1.6) for a right sample, large for a wrong one, near 0 for draws that are too evenly spread to be independent',
  logDensityZ: 'how much less likely your draws are under the model than the grader\'s draws from the same mixtures, in standard errors of the difference of their mean log-densities (≈ N(0, 1) for a right sample; positive: too wide or off the branches, negative: too narrow)',
  binEnergy: 'worst over bands of inputs of the unit-free energy statistic between your draws and the grader\'s draws from the same mixtures (O(1) for a right sample)',
};

/** The inputs x, the mixtures at them (moved under a secret seed) and the process's targets there. */
export function mdnSamplingInstance(p: MdnSamplingParams, seed: Parameters<typeof mdnMove>[0]): Omit<MdnSamplingHidden, 'reference'> {
  const move = mdnMove(seed);
  // The inputs of the inverse problem: y of the sinusoid (the original curve, the one the network was trained on),
  // stretched with the network's input under a secret seed. A fresh keyed stream per seed, so the rows differ.
  const split = sampleSinusoid(sinusoidParams.parse({ trainN: p.n, testN: p.n, inverse: true }), p.n, seed, 'mdn-sampling/inputs');
  const x = Float64Array.from(split.x, (v) => v * move.inputScale);
  const data = Float32Array.from(split.y, (v) => move.targetScale * v + move.targetShift);
  return { x, mixture: trainedMdnMixture(x, move), data };
}

/** Row i of an n×k block as a plain array. */
const rows = (a: Float64Array, n: number, k: number) => Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * k, (i + 1) * k)));

/** Row indices in order of their input, cut into `bins` bands of (nearly) equal count. */
function inputBands(x: ArrayLike<number>, bins: number): number[][] {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  return Array.from({ length: bins }, (_, b) => order.slice(Math.floor((b * order.length) / bins), Math.floor(((b + 1) * order.length) / bins)));
}

export const mdnSamplingProblem: ProblemDef<MdnSamplingParams, MdnSamplingHidden> = {
  task: 'mdn-sampling',
  doc: {
    summary: 'A trained MDN\'s mixtures at n inputs to draw one value each from with the seeded ctx.rng, tested by the PIT (Kolmogorov–Smirnov) and a per-band energy statistic against the grader\'s draws.',
    entry: '`sampleMdn(input: MdnSamplingInput, ctx)` gets `{ x, pi, mu, sigma }` (n inputs, n×k each) and returns n numbers, one draw per input; the runtime reads them as an array',
    metrics: metricsDoc,
  },
  params: mdnSamplingParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const { x, mixture, data } = mdnSamplingInstance(p, seed);
    const reference = sampleMixture(mixture, makeRng(seed, 'mdn-sampling/reference')).y;
    const { n, k } = mixture;
    return {
      calls: [
        {
          arg: { x: Array.from(x), pi: rows(mixture.pi, n, k), mu: rows(mixture.mu, n, k), sigma: rows(mixture.sigma, n, k) } satisfies MdnSamplingInput,
          label: `the trained MDN's mixtures at ${n} inputs`,
          evals: [{ key: 'y', kind: 'array', shape: [n], label: 'your draws (one number per input)' }],
        },
      ],
      hidden: { mixture, x, reference, data },
    };
  },
  score(p, { mixture, x, reference }, outputs) {
    const y = outputs[0]!.y!;
    const u = pitValues(mixture, y);
    const ks = ksUniform(u);
    const pitKs = Math.sqrt(mixture.n) * ks;
    const bands = inputBands(x, p.bins);
    const energies = bands.map((band) => energyStatistic(Float64Array.from(band, (i) => y[i]!), band.length, Float64Array.from(band, (i) => reference[i]!), band.length, 1));
    const worst = energies.reduce((w, e, b) => (Number.isNaN(energies[w]!) || !(e > energies[w]!) ? w : b), 0);
    const binEnergy = energies.some(Number.isNaN) ? NaN : energies[worst]!;
    const band = bands[worst]!, worstBand = `inputs ${fmt(x[band[0]!]!)} … ${fmt(x[band[band.length - 1]!]!)}`;
    const ld = logDensityZ(mixture, y, reference);
    const diagnosis = diagnoseMdnSample(mixture, y, reference, ld.z);
    const tail = diagnosis ? ` ${diagnosis}` : '';
    const share = centralShare(u);
    return {
      metrics: { pitKs, logDensityZ: ld.z, binEnergy },
      details: {
        pitKs: [`KS distance of your ${mixture.n} PIT values from uniform: ${fmt(ks)} (√n × that = ${fmt(pitKs)}); ${fmt(100 * share)} % of them lie in the central half (0.25, 0.75], a right sample ≈ 50 %.${tail}`],
        logDensityZ: [`Mean log-density of your draws under the model ${fmt(ld.mine)} nats, of the grader's draws ${fmt(ld.reference)} (log N includes −½ log 2π): a difference of ${fmt(ld.z)} standard errors.${tail}`],
        binEnergy: [`Worst band (${worstBand}, ${Math.floor(mixture.n / p.bins)} inputs): energy statistic ${fmt(binEnergy)} between your draws and the grader's draws from the same mixtures.${tail}`],
      },
    };
  },
  plot(_p, { x, data }, outputs) {
    const y = outputs[0]?.y;
    return y ? { kind: 'samples', x: Float32Array.from(x), data, samples: y } : undefined;
  },
};
