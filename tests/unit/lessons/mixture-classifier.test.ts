/**
 * The mixture classifier lesson: the maths the page states (BIC's parameter count, the quadratic form behind "one
 * matMul per class"), every number it quotes against the JSON it comes from (the original post's re-run and our
 * scripts' output), the stored figure data, and the exercise graded on real tfjs (WASM), regions drawn live included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import original from '../../../reference/results/exp5_gmm_classifier.json';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { randomClassMixtures } from '../../../graders/mixtures/random-mixture.ts';
import { componentLogJoint } from '../../../graders/mixtures/log-density.ts';
import { makeRng } from '../../../graders/rng.ts';
import { classifierExercise, classifierFigure, lessonNumbers, variantRanges } from '../../../src/components/figures/mixtures/mixture-classifier/classifier-model.ts';
import noise from '../../../src/components/figures/mixtures/mixture-classifier/classifier-noise.json';
import speed from '../../../src/components/figures/mixtures/mixture-classifier/classifier-speed.json';
import variants from '../../../src/components/figures/mixtures/mixture-classifier/classifier-variants.json';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../../src/runtime/run-exercise.ts';
import type { ProgressEvent } from '../../../src/runtime/progress.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '01-mixtures/05-classifier';
const { meta, solution, starter } = loadExercise(id);
const check = meta.checks.find((c) => c.metric === 'accuracyOverBayes')!;
const page = readFileSync('src/content/docs/mixtures/mixture-classifier.mdx', 'utf8');
const numbers = lessonNumbers();

describe('the maths on the page', () => {
  it('BIC: a K-component diagonal mixture in d dimensions has 2dK + K − 1 free parameters; 5 ln 2000 ≈ 38 per extra component in 2-D', () => {
    const p = (k: number, d: number) => 2 * d * k + (k - 1);
    expect(p(1, 2)).toBe(4); // a mean and a variance per dimension, the one weight is 1
    expect(p(3, 2) - p(2, 2)).toBe(5);
    expect(5 * Math.log(2000)).toBeCloseTo(38, 0);
    expect(page).toContain('p = 2dK + (K - 1)');
    expect(page).toContain('5 \\ln 2000 \\approx 38');
  });

  it('each component\'s log joint is a·x² + b·x + c: one matMul on [x², x, 1] gives it (float64 check)', () => {
    const [g] = randomClassMixtures(makeRng(3, 'quadratic'), 1, 4, 4, 2);
    const x = [0.3, -1.2, 2.5, 0.1, -0.7, -0.4];
    const joint = componentLogJoint(g!, x, 3);
    for (let i = 0; i < 3; i++)
      g!.weights.forEach((w, k) => {
        let s = Math.log(w);
        for (let d = 0; d < 2; d++) {
          const v = g!.stds[k]![d]! ** 2, mu = g!.means[k]![d]!, xd = x[2 * i + d]!;
          s += (-1 / (2 * v)) * xd * xd + (mu / v) * xd - (mu * mu / (2 * v) + 0.5 * Math.log(2 * Math.PI * v));
        }
        expect(s).toBeCloseTo(joint[i * 4 + k]!, 10);
      });
  });

  it('the standard error of an accuracy near 76 % on the original\'s 1000 points is ±1.4 %, on 5000 ±0.6 %', () => {
    expect(numbers.originalValidation).toBe(1000);
    expect(numbers.originalPerClass).toBe(200);
    expect(numbers.originalSe).toBe('1.4 %');
    expect(numbers.oursValidation).toBe(5000);
    expect(numbers.oursSe).toBe('0.6 %');
  });
});

describe('the numbers the page quotes', () => {
  it('quotes every number through lessonNumbers(), none typed in', () => {
    for (const key of Object.keys(numbers)) expect(page, key).toContain(`{n.${key}}`);
    for (const typed of ['0.94', '0.99', '61 %', '76 %', '88 %', '0.60', '1.4 %']) expect(page, typed).not.toContain(typed);
  });

  it('the original post\'s re-run: Bayes 61–88 % over 20 data seeds, its gradient descent 0.94 (0.92–0.96) of Bayes, EM 0.99', () => {
    expect(numbers.bayesRange20).toBe('61 % to 88 %');
    expect(numbers.bayesSeeds20).toBe(original.bayes_val_acc_20_data_seeds.values.length);
    expect(numbers.bayesMean20).toBe('76 %');
    expect(numbers.originalGd).toBe('0.94 (0.92–0.96)');
    expect(numbers.originalEm).toBe('0.99');
    expect(original.config.n_val).toBe(1000);
  });

  it('our measurements: seeds 1–8, the noise file and the variants file agree with each other and with the exercise', () => {
    expect(noise.seeds).toEqual(variants.seeds);
    expect(noise.validationPoints).toBe(classifierExercise.classes * classifierExercise.testPerClass);
    const v = variantRanges();
    expect(Object.keys(v).sort()).toEqual(['K=1', 'K=10', 'K=15', 'max-likelihood-K', 'max-not-logsumexp', 'no-weights', 'reference', 'starter', 'uniform-prior']);
    // The reference passes on every measured seed with margin; the uniform prior changes nothing (balanced classes).
    expect(v.reference!.min).toBeGreaterThan(check.min! + 0.02);
    expect(v.reference!.max).toBeLessThan(check.max! - 0.015);
    expect(v['uniform-prior']).toEqual(v.reference);
    // Too few components and the starter fail on every seed, as does the original's gradient descent.
    expect(v['K=1']!.max).toBeLessThan(check.min!);
    expect(v.starter!.max).toBeLessThan(check.min!);
    expect(original.summary.gd_over_bayes_val.max).toBeLessThan(check.min!);
    // The upper bound is several standard errors above 1.
    expect(1 + 4 * Math.max(...noise.ratioStandardError)).toBeLessThan(check.max!);
  });
});

describe('the speed of the class scores', () => {
  it('one matMul for all classes beats a matMul and a logSumExp per class and the (n, C, K, d) broadcast (medians of interleaved rounds)', () => {
    expect(speed.medianMs.oneMatmul).toBeLessThan(speed.medianMs.perClass);
    expect(speed.medianMs.oneMatmul).toBeLessThan(speed.medianMs.broadcast);
    expect([speed.points, speed.classes]).toEqual([10_000, classifierExercise.classes]);
    expect(numbers.speedOneMatmul).toBe(`${Math.round(speed.medianMs.oneMatmul)} ms`);
    expect(page).toContain('class-scores-speed.ts');
  });
});

describe('the stored figure data', () => {
  const f = classifierFigure();
  it('holds the reference\'s regions on the public seed, and BIC curves whose minimum is the K they name', () => {
    expect(f.seed).toBe(meta.seed);
    expect(f.gridClasses).toHaveLength(f.size * f.size);
    expect(new Set(f.gridClasses)).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(f.kChosen).toHaveLength(5);
    expect(f.accuracyOverBayes).toBeGreaterThan(check.min!);
    for (const c of f.curves) {
      expect(c.bic).toHaveLength(f.maxK);
      expect(c.bic.indexOf(Math.min(...c.bic)) + 1).toBe(c.kByBic);
      expect(c.heldOut.indexOf(Math.min(...c.heldOut)) + 1).toBe(c.kByHeldOut);
      expect(c.mixture.weights).toHaveLength(c.kByBic);
    }
  });
});

describe('mixture classifier exercise on tfjs (WASM)', () => {
  it('uses the lesson\'s data', () => {
    expect(meta.data.params).toEqual(classifierExercise);
  });

  it('the starter (one unit-variance Gaussian per class) fails far below the bound', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    expect(r.checks[0]!.value).toBeLessThan(0.7);
  }, 120_000);

  it('the solution passes without leaking tensors, and the page gets live class regions while K is chosen', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const events: ProgressEvent[] = [];
    const { report, plot } = await runExercise({ meta, source: solution, backend: 'wasm', runner: inThreadRunner(tf), seed: 3, gridSize: 16, onProgress: (e) => events.push(e) });
    expect(report.status, JSON.stringify(report.error ?? report.checks)).toBe('passed');
    expect(tf.memory().numTensors).toBe(before);
    expect(plot?.kind).toBe('regions');
    const withRegions = events.filter((e) => e.plots?.some((p) => p.kind === 'regions'));
    expect(withRegions.length).toBeGreaterThanOrEqual(2);
    // The loss (mean training NLL under each point's own class mixture) only falls as K grows.
    const losses = events.map((e) => e.loss);
    losses.slice(1).forEach((l, i) => expect(l).toBeLessThanOrEqual(losses[i]! + 1e-9));
  }, 120_000);

  it('one Gaussian per class (K selection never runs) fails', async () => {
    const r = await gradeInProcess(id, solutionWith(id, 'k <= 15 && worse < 3', 'k <= 1 && worse < 3'), 1);
    expect(r.status).toBe('failed');
    expect(r.checks[0]!.value).toBeLessThan(0.8);
  }, 120_000);
});
