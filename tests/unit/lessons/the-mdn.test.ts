/**
 * "The mixture density network" lesson: the maths the page states (the heads' activations, the density as a
 * weighted sum of densities against the single Gaussian of a weighted sum of draws, the NLL convention, the
 * logsumexp form), every quoted number read through lesson-numbers.ts and checked against its source (our float32
 * tfjs measurement naive-underflow.json, re-measured here; the original's re-run reference/results/exp6_mdn.json;
 * the generator's row ranges), the figure's model and build-time view, and the exercise graded on real tfjs: the
 * starter fails, the solution passes, and the original's exp → sum → log fails with the underflow message, in this
 * process and through a sandboxed child.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { MdnNllInput as CourseInput } from 'course';
import original from '../../../reference/results/exp6_mdn.json';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { HALF_LOG_2PI, mixtureLogDensity, sampleMixture } from '../../../graders/mdn/conditional-mixture.ts';
import { rowRanges, type MdnNllInput } from '../../../graders/problems/mdn/mdn-nll.ts';
import { LOG_F32_TINIEST } from '../../../graders/problems/mixtures/gmm-log-density.ts';
import { makeRng } from '../../../graders/rng.ts';
import { scan, settings } from '../../../scripts/mdn/naive-underflow.ts';
import { originalNaiveAlwaysFinite, scientific, theMdnNumbers as n, underflowRow } from '../../../src/components/figures/mdn/the-mdn/lesson-numbers.ts';
import { countModes, grid, mixtureDensity, mixtureMoments, normalDensity, normalise, weightedSumOfDraws } from '../../../src/components/figures/mdn/the-mdn/mdn-density-model.ts';
import { componentsOf, initialDensitySettings, mdnDensityView, Y_RANGE } from '../../../src/components/figures/mdn/the-mdn/mdn-density-view.ts';
import stored from '../../../src/components/figures/mdn/the-mdn/naive-underflow.json';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { solutionWith } from '../../helpers/exercise.ts';
import { itGradesTheLogDomain } from '../../helpers/log-domain-exercise.ts';

const id = '02-mdn/02-mdn-nll';
const { meta, solution } = loadExercise(id);
const source = readFileSync('src/content/docs/mixture-density-networks/the-mdn.mdx', 'utf8');
const page = source.replace(/\s+/g, ' ');
/** The original post's loss, as a learner would write it into the solution. */
const naive = solutionWith(
  id,
  'return tf.neg(tf.logSumExp(joint, 1)) as tf.Tensor1D;',
  'return tf.neg(tf.log(tf.sum(tf.mul(tf.div(tf.mul(tf.exp(tf.mul(-0.5, tf.square(z))), 1 / Math.sqrt(2 * Math.PI)), sigma), pi), 1))) as tf.Tensor1D;',
);
/** The figure's initial mixture, weights normalised. */
const figureMixture = normalise(componentsOf(initialDensitySettings));

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the maths the page states', () => {
  it('softmax gives positive weights summing to 1, exp positive σ with log σ = s', () => {
    const logits = tf.tensor1d([-3, 0.5, 8]);
    const before = tf.memory().numTensors;
    const [pi, logPi, shifted] = tf.tidy(() => [tf.softmax(logits), tf.logSoftmax(logits), tf.sub(logits, tf.logSumExp(logits))].map((t) => t.arraySync() as number[]));
    expect(tf.memory().numTensors).toBe(before);
    logits.dispose();
    expect(pi!.every((p) => p > 0)).toBe(true);
    expect(pi!.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    logPi!.forEach((v, k) => expect(v).toBeCloseTo(shifted![k]!, 5));
    for (const s of [-20, 0, 5]) expect(Math.log(Math.exp(s))).toBeCloseTo(s, 12);
    expect(source).toContain('\\sigma_k(x) = e^{s_k}');
    expect(source).toContain('\\pi_k(x) = \\operatorname{softmax}(\\boldsymbol{\\ell})_k');
  });

  it('a weighted sum of independent Gaussian draws is the single Gaussian N(Σπμ, √Σπ²σ²); the mixture is not', () => {
    const sum = weightedSumOfDraws(figureMixture);
    const rng = makeRng(5, 'the-mdn/sum');
    const draws = Array.from({ length: 200_000 }, () => figureMixture.pi.reduce((s, p, k) => s + p * (figureMixture.mu[k]! + figureMixture.sigma[k]! * rng.normal()), 0));
    const mean = draws.reduce((a, b) => a + b) / draws.length;
    const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length);
    expect(mean).toBeCloseTo(sum.mean, 2);
    expect(sd).toBeCloseTo(sum.std, 2);
    // Same mean as the mixture, far narrower, and one peak against the mixture's three.
    expect(sum.mean).toBeCloseTo(mixtureMoments(figureMixture).mean, 12);
    expect(sum.std).toBeLessThan(mixtureMoments(figureMixture).std / 5);
    const ys = grid(Y_RANGE[0], Y_RANGE[1], 561);
    expect(countModes(ys.map((y) => normalDensity(y, sum.mean, sum.std)))).toBe(1);
    expect(countModes(ys.map((y) => mixtureDensity(figureMixture, y)))).toBe(3);
    expect(source).toContain('\\sum_{k} \\pi_k X_k \\sim \\mathcal{N}\\Big(\\sum_k \\pi_k \\mu_k, \\ \\sqrt{\\textstyle\\sum_k \\pi_k^2 \\sigma_k^2}\\Big)');
  });

  it('sampling the mixture (pick a component, then draw) reproduces the mixture’s moments', () => {
    const k = 3, rows = 100_000;
    const m = { n: rows, k, pi: new Float64Array(rows * k), mu: new Float64Array(rows * k), sigma: new Float64Array(rows * k) };
    for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) [m.pi[i * k + c], m.mu[i * k + c], m.sigma[i * k + c]] = [figureMixture.pi[c]!, figureMixture.mu[c]!, figureMixture.sigma[c]!];
    const { y } = sampleMixture(m, makeRng(3, 'the-mdn/sample'));
    const mean = y.reduce((a, b) => a + b) / rows;
    const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / rows);
    expect(mean).toBeCloseTo(mixtureMoments(figureMixture).mean, 1);
    expect(sd).toBeCloseTo(mixtureMoments(figureMixture).std, 1);
  });

  it('the NLL convention: ½ log 2π ≈ 0.919, a standard normal scores 1.419 nats per point', () => {
    expect(n.halfLog2Pi).toBe('0.919');
    expect(n.standardNormalNll).toBe('1.419');
    // E[−log N(Y | 0, 1)] for Y ~ N(0, 1), by a large sample through the grader's own maths.
    const rng = makeRng(1, 'the-mdn/std');
    const rows = 200_000;
    const y = Float64Array.from({ length: rows }, () => rng.normal());
    const m = { n: rows, k: 1, pi: new Float64Array(rows).fill(1), mu: new Float64Array(rows), sigma: new Float64Array(rows).fill(1) };
    const nll = -mixtureLogDensity(m, y).reduce((a, b) => a + b) / rows;
    expect(nll).toBeCloseTo(HALF_LOG_2PI + 0.5, 2);
  });

  it('logsumexp with the max trick equals the plain formula where that is finite, and is finite where it is not', () => {
    const a = [-3.2, -0.4, -7];
    const m = Math.max(...a);
    expect(m + Math.log(a.reduce((s, v) => s + Math.exp(v - m), 0))).toBeCloseTo(Math.log(a.reduce((s, v) => s + Math.exp(v), 0)), 12);
    const far = [-1250, -1300];
    expect(Math.log(far.reduce((s, v) => s + Math.fround(Math.exp(v)), 0))).toBe(-Infinity);
    expect(Math.max(...far) + Math.log(far.reduce((s, v) => s + Math.exp(v + 1250), 0))).toBeCloseTo(-1250, 6);
  });
});

describe('every number the page quotes comes from lesson-numbers.ts', () => {
  it('the page shows each one through {n.…}, none typed by hand', () => {
    for (const key of Object.keys(n)) expect(source, key).toContain(`{n.${key}}`);
  });

  it('the original’s MDN and its re-run (reference/results/exp6_mdn.json)', () => {
    expect(n.originalHidden).toBe(String(original.config.n_hidden));
    expect(n.originalComponents).toBe(String(original.config.n_gaussians));
    expect(n.originalSeeds).toBe('3');
    expect(n.originalEpochs).toBe('10000');
    // The finding the page states: the naive loss never became Infinity or NaN, on any seed or epoch.
    expect(originalNaiveAlwaysFinite).toBe(true);
    for (const r of original.runs) expect(Number.isFinite(r.mdn_naive_heldout_nll)).toBe(true);
    expect(Number(n.originalNaiveVsStable)).toBeLessThan(0.02);
    expect([n.originalHeldoutMin, n.originalHeldoutMax]).toEqual(['1.58', '1.70']);
  });

  it('float32’s smallest number is e^−103.3', () => {
    expect(n.logF32Tiniest).toBe('−103.3');
    expect(LOG_F32_TINIEST).toBeCloseTo(-149 * Math.LN2, 12);
    expect(Math.fround(Math.exp(-103.2))).toBeGreaterThan(0);
    expect(Math.fround(Math.exp(-104))).toBe(0);
  });

  it('the exercise’s hidden rows are the generator’s', () => {
    expect([n.tinySigmaSmallest, n.farMin, n.farMax, n.tinyPiSmallest]).toEqual(['10^−6', '30', '60', '10^−30']);
    expect(rowRanges.farDistance).toEqual([30, 60]);
    expect(meta.data.params).toEqual({ components: [5, 3], ordinary: 200, tinySigma: 40, far: 40, tinyPi: 40 });
    expect(meta.summary.replace(/\s+/g, ' ')).toContain('two hidden sets of 320 rows (5 and 3 components)');
    expect(page).toContain('must stay below $10^{-4}$');
    expect(meta.checks[0]!.max).toBe(1e-4);
  });
});

describe('where the original loss breaks (scripts/mdn/naive-underflow.ts, float32 tfjs)', () => {
  it('was measured on WASM for the settings the page names, in steps of 0.01 to 20 σ', () => {
    expect(stored.backend).toBe('wasm');
    expect(stored.step).toBe(0.01);
    expect(stored.rows.map((r) => [r.pi, r.sigma])).toEqual(settings.map((s) => [s.pi, s.sigma]));
    expect(source).toContain('With $\\sigma = 10^{-6}$');
    expect(source).toContain('with $\\pi = 10^{-10}$');
  });

  it('the cliff is at the same z whatever σ is (exp(−½z²) underflows first), closer with a small weight', () => {
    const [unit, , tiny, small] = stored.rows;
    expect(n.naiveInfiniteZ).toBe(unit!.firstInfiniteZ!.toFixed(2));
    expect(tiny!.firstInfiniteZ).toBe(unit!.firstInfiniteZ);
    expect(small!.firstInfiniteZ!).toBeLessThan(unit!.firstInfiniteZ!);
    // −½ z² crosses float32's floor between the last finite z and the first infinite one.
    const z = unit!.firstInfiniteZ!;
    expect(-0.5 * (z - 0.02) ** 2).toBeGreaterThan(LOG_F32_TINIEST - 0.5);
    expect(-0.5 * z * z).toBeLessThan(LOG_F32_TINIEST + 0.5);
    expect(Number(n.tinySigmaTrueNll)).toBeCloseTo(Number(n.naiveTrueNll) + Math.log(1e-6), 0);
    expect(underflowRow(1e-10, 1).firstInfiniteZ!.toFixed(2)).toBe(n.tinyPiInfiniteZ);
    expect(n.stableWorstError).toBe(scientific(Math.max(...stored.rows.map((r) => r.stableMaxRelativeError))));
    expect(scientific(1.89e-6)).toBe('1.9 × 10⁻⁶');
    expect(scientific(2.5e-12)).toBe('2.5 × 10⁻¹²');
  });

  it('float32 tfjs reproduces it now, and the log-domain form stays at float32 rounding', async () => {
    await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    for (const s of settings) {
      const row = scan(tf, s.pi, s.sigma);
      const kept = underflowRow(s.pi, s.sigma);
      expect(row.firstInfiniteZ).toBe(kept.firstInfiniteZ);
      expect(row.stableMaxRelativeError).toBeLessThan(5e-6);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the figure’s model and view', () => {
  it('normalises the sliders’ weights like a softmax would: positive, summing to 1; all-zero becomes equal', () => {
    expect(normalise([{ weight: 1, mu: 0, sigma: 1 }, { weight: 3, mu: 1, sigma: 1 }]).pi).toEqual([0.25, 0.75]);
    expect(normalise([{ weight: 0, mu: 0, sigma: 1 }, { weight: 0, mu: 1, sigma: 1 }]).pi).toEqual([0.5, 0.5]);
  });

  it('the mixture density integrates to 1 and equals the grader’s', () => {
    const ys = grid(-40, 40, 16001);
    const h = ys[1]! - ys[0]!;
    expect(ys.reduce((s, y) => s + mixtureDensity(figureMixture, y) * h, 0)).toBeCloseTo(1, 6);
    const k = 3, m = { n: 1, k, pi: Float64Array.from(figureMixture.pi), mu: Float64Array.from(figureMixture.mu), sigma: Float64Array.from(figureMixture.sigma) };
    for (const y of [-7, 0.3, 5]) expect(Math.log(mixtureDensity(figureMixture, y))).toBeCloseTo(mixtureLogDensity(m, [y])[0]!, 10);
  });

  it('renders at build time with the sum shown: three components, the mixture and the sum, and the summary says so', () => {
    const v = mdnDensityView(initialDensitySettings);
    expect(v.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(v.svg.match(/<path /g)).toHaveLength(5);
    expect(v.svg.match(/<path [^>]*stroke-dasharray/g)).toHaveLength(3);
    expect(v.lines[0]).toMatch(/^The mixture density has 3 peaks\./);
    expect(v.lines[2]).toMatch(/^π₁X₁ \+ π₂X₂ \+ π₃X₃ with one draw from each component is N\(−0\.55, 0\.63\): one peak at the same mean/);
    expect(v.legend.match(/<li>/g)).toHaveLength(5);
    const off = mdnDensityView({ ...initialDensitySettings, showSum: false, w2: 0 });
    expect(off.svg.match(/<path /g)).toHaveLength(3);
    expect(off.lines).toHaveLength(2);
    expect(off.lines[0]).toMatch(/has 2 peaks/);
  });
});

describe('the exercise', () => {
  it('takes the course module’s MdnNllInput, which is the generator’s', () => {
    expectTypeOf<CourseInput>().toEqualTypeOf<MdnNllInput>();
  });

  itGradesTheLogDomain({ id, naive, naiveDetails: /rows are not finite .*exp underflowed to 0 before the log, and −log 0 is Infinity/ });
});
