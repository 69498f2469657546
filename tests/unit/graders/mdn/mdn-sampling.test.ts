/**
 * The MDN sampling generator and its statistics: the PIT and its Kolmogorov–Smirnov distance, the log-density
 * z-score, the diagnosis that names each wrong sampler (every variant of scripts/mdn/sampling-variants.ts gets the
 * message the exercise promises), the shipped network's float64 evaluation against tfjs, and what a secret seed
 * moves, so that draws computed offline from the public data fail.
 */
import { describe, expect, it } from 'vitest';
import { sampleMixture } from '../../../../graders/mdn/conditional-mixture.ts';
import { logDensityZ } from '../../../../graders/mdn/draw-likelihood.ts';
import { centralShare, ksUniform, pitHistogram, pitValues } from '../../../../graders/mdn/pit.ts';
import { mdnMove, noMove, trainedMdnMixture } from '../../../../graders/mdn/trained-mdn.ts';
import { trainedMdnRecord } from '../../../../graders/mdn/trained-mdn-weights.ts';
import { makeProblem } from '../../../../graders/problems/index.ts';
import type { MdnSamplingHidden, MdnSamplingInput } from '../../../../graders/problems/mdn/mdn-sampling.ts';
import { makeRng, SecretSeed } from '../../../../graders/rng.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { samplingDiagnosis, samplingMetrics, samplingParams, samplingVariants } from '../../../../scripts/mdn/sampling-variants.ts';

const data = { generator: 'mdnSampling' as const, params: samplingParams };
const secret = SecretSeed.fromKey(Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255));

describe('PIT statistics', () => {
  it('ksUniform is the sup distance of the empirical CDF from the uniform one', () => {
    expect(ksUniform([0.5])).toBeCloseTo(0.5, 12);
    expect(ksUniform([0.1, 0.3, 0.5, 0.7, 0.9])).toBeCloseTo(0.1, 12); // a perfect grid: half a step
    expect(ksUniform([0.9, 0.95, 0.99])).toBeCloseTo(0.9, 12);
    expect(ksUniform([0.2, NaN])).toBeNaN();
  });
  it('pitHistogram and centralShare count values in tenths and in the central half', () => {
    expect(pitHistogram([0, 0.05, 0.15, 0.99, 1], 10)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(centralShare([0.1, 0.3, 0.5, 0.75, 0.8])).toBeCloseTo(0.6, 12);
  });
  it('the PIT of draws from the mixtures themselves is uniform, and the log-density z of two right samples is small', () => {
    const p = makeProblem(data, 3);
    const { mixture, reference } = p.hidden as MdnSamplingHidden;
    const mine = sampleMixture(mixture, makeRng(3, 'test/mine')).y;
    const u = pitValues(mixture, mine);
    expect(Math.sqrt(mixture.n) * ksUniform(u)).toBeLessThan(2);
    expect(Math.abs(centralShare(u) - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(logDensityZ(mixture, mine, reference).z)).toBeLessThan(3.5);
    // Too narrow draws are more likely under the model than right ones: a negative z.
    const narrow = sampleMixture({ ...mixture, sigma: mixture.sigma.map((s) => 0.3 * s) }, makeRng(3, 'test/narrow')).y;
    expect(logDensityZ(mixture, narrow, reference).z).toBeLessThan(-5);
  });
});

describe('the shipped network', () => {
  it('evaluates in float64 as tfjs evaluates the same weights', async () => {
    const tf = await useNodeBackend('wasm');
    const w = trainedMdnRecord.weights, H = w.b1.length, K = w.bPi.length;
    const x = [-12, -5.5, -1, 0, 0.7, 4, 9.9];
    const m = trainedMdnMixture(x);
    const [pi, mu, sigma] = tf.tidy(() => {
      const h = tf.tanh(tf.add(tf.matMul(tf.tensor2d(x, [x.length, 1]), tf.tensor2d(w.w1, [1, H])), tf.tensor1d(w.b1)));
      const head = (W: number[], b: number[]) => tf.add(tf.matMul(h, tf.tensor2d(W, [H, K])), tf.tensor1d(b));
      return [tf.softmax(head(w.wPi, w.bPi)), head(w.wMu, w.bMu), tf.exp(head(w.wSigma, w.bSigma))].map((t) => t.dataSync());
    });
    for (let j = 0; j < x.length * K; j++) {
      expect(m.pi[j]).toBeCloseTo(pi![j]!, 5);
      expect(m.mu[j]).toBeCloseTo(mu![j]!, 4);
      expect(m.sigma[j]! / sigma![j]!).toBeCloseTo(1, 5);
    }
  });
  it('was stopped early on validation NLL (nats per point, ½ log 2π included)', () => {
    expect(trainedMdnRecord.recipe.keptEpoch).toBeLessThan(trainedMdnRecord.recipe.maxEpochs);
    expect(trainedMdnRecord.validationNll).toBeGreaterThan(1.2);
    expect(trainedMdnRecord.validationNll).toBeLessThan(1.6);
  });
});

describe('mdnSampling generator', () => {
  it('hands out the mixtures as plain rows and keeps its reference draws hidden', () => {
    const p = makeProblem(data, 42);
    const arg = p.calls[0]!.arg as MdnSamplingInput;
    expect(arg.x).toHaveLength(samplingParams.n);
    expect(arg.pi[0]).toHaveLength(5);
    for (const row of arg.pi.slice(0, 50)) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Object.keys(arg).sort()).toEqual(['mu', 'pi', 'sigma', 'x']);
    expect(makeProblem(data, 42).calls[0]!.arg).toEqual(arg);
    expect((makeProblem(data, 43).calls[0]!.arg as MdnSamplingInput).x).not.toEqual(arg.x);
  });

  it('integer seeds keep the network as trained; a secret seed moves it, and the public seed\'s right draws fail there', () => {
    expect(mdnMove(42)).toEqual(noMove);
    const move = mdnMove(secret);
    for (const v of [move.inputScale, move.targetScale]) expect(Math.abs(v - 1)).toBeGreaterThanOrEqual(0.05);
    expect(Math.abs(move.targetShift)).toBeGreaterThanOrEqual(0.3);
    const open = makeProblem(data, 42), hidden = makeProblem(data, secret);
    // Draws that pass on the public seed, replayed under the secret: every check fails.
    const replay = sampleMixture((open.hidden as MdnSamplingHidden).mixture, makeRng(1, 'offline')).y;
    const m = hidden.score([{ y: Float32Array.from(replay) }]).metrics;
    expect(m.pitKs).toBeGreaterThan(5);
    expect(m.binEnergy).toBeGreaterThan(100);
    // A right sampler under the secret passes.
    const right = samplingVariants['right (pick k by π, then draw)']!(hidden.calls[0]!.arg as MdnSamplingInput, makeRng(1, 'right'));
    const ok = hidden.score([{ y: right }]).metrics;
    expect(ok.pitKs).toBeLessThan(2.6);
    expect(Math.abs(ok.logDensityZ!)).toBeLessThan(5);
  });

  // Each wrong sampler the exercise's messages name: the checks it fails and the sentence it gets (seed 2).
  it.each([
    ['the mixture mean Σπμ', ['pitKs', 'logDensityZ', 'binEnergy'], /you returned the mean/],
    ['one Gaussian N(Σπμ, Σπσ)', ['pitKs', 'logDensityZ', 'binEnergy'], /one Gaussian N\(Σπμ, Σπσ\)/],
    ['averaging draws Σπ(μ + σz)', ['pitKs', 'logDensityZ', 'binEnergy'], /averages the components/],
    ['always the argmax component', ['pitKs', 'logDensityZ', 'binEnergy'], /always taking the argmax of π/],
    ['one k for every input', ['pitKs', 'logDensityZ', 'binEnergy'], /one component for every input/],
    ['weights ignored (uniform k)', ['pitKs', 'logDensityZ', 'binEnergy'], /the weights π were ignored/],
    ['μ of one component, σ of another', ['logDensityZ'], /μ from one component with σ from another/],
    ['σ² as the standard deviation', ['pitKs', 'logDensityZ'], /If you squared σ/],
    ['stratified PIT (quantiles of a shuffled grid)', ['pitKs'], undefined],
  ] as const)('%s fails %j', (name, failing, message) => {
    const m = samplingMetrics(name, 2);
    const bounds = { pitKs: [0.2, 2.6], logDensityZ: [-5, 5], binEnergy: [-Infinity, 30] } as const;
    const failed = (Object.keys(bounds) as (keyof typeof bounds)[]).filter((k) => !(m[k]! >= bounds[k][0] && m[k]! <= bounds[k][1]));
    expect(failed).toEqual(failing);
    const d = samplingDiagnosis(name, 2);
    if (message) expect(d).toMatch(message);
    else expect(d).toBeUndefined();
  });

  it('the right sampler passes with no diagnosis on seeds 1–5', () => {
    for (let s = 1; s <= 5; s++) {
      const m = samplingMetrics('right (pick k by π, then draw)', s);
      expect(m.pitKs).toBeGreaterThan(0.2);
      expect(m.pitKs).toBeLessThan(2.6);
      expect(Math.abs(m.logDensityZ!)).toBeLessThan(5);
      expect(m.binEnergy).toBeLessThan(30);
      expect(samplingDiagnosis('right (pick k by π, then draw)', s)).toBeUndefined();
    }
  });
});
