/**
 * The spiral lesson: the best possible classifier and the hard limits behind the exercise's upper bounds, the
 * stored decision regions of the lesson's figure, and the exercise graded for real on tfjs (WASM). Each training run
 * takes about 11 s of CPU (1000 full-batch epochs), so each run is its own test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spiral, spiralParams } from '../../../graders/datasets/spiral.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { accuracy, crossEntropy } from '../../../graders/metrics.ts';
import { bayesSpiralProbs, spiralPosterior } from '../../../scripts/activation-depth/spiral-bayes.ts';
import { decodeRegions, spiralExercise, testPoints } from '../../../src/components/figures/activation-depth/spiral/spiral-model.ts';
import stored from '../../../src/components/figures/activation-depth/spiral/spiral-regions.json';
import { accuracyText, fastRelu, fastReluRuns, fastSigmoid, fastSigmoidRuns, fastTanh, fastTanhRuns } from '../../../src/components/figures/activation-depth/spiral/fast-relu.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '04-activation-depth/05-spiral';
const { meta, solution, starter } = loadExercise(id);
const p = spiralParams.parse(meta.data.params);
const bound = (metric: string) => meta.checks.find((c) => c.metric === metric)!;

describe('the spiral data and the best possible classifier', () => {
  it('is the lesson’s spiral', () => {
    expect(p).toEqual(spiralExercise);
  });

  it('puts three test points at the origin, one per arm, so no model beats 2998/3000 or 3·ln 3/3000 nats', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { test } = spiral(p, seed);
      const origin = Array.from({ length: test.n }, (_, i) => i).filter((i) => test.x[2 * i] === 0 && test.x[2 * i + 1] === 0);
      expect(origin.map((i) => test.y[i]).sort()).toEqual([0, 1, 2]);
    }
    const bestAccuracy = 2998 / 3000, bestCrossEntropy = (3 * Math.log(3)) / 3000;
    expect(bound('testAccuracy').max!).toBeGreaterThan(bestAccuracy);
    expect(bound('testAccuracy').max!).toBeLessThan(1);
    expect(bound('testCrossEntropy').min!).toBeLessThan(bestCrossEntropy);
    expect(bound('testCrossEntropy').min!).toBeGreaterThan(0);
  });

  it('the Bayes-optimal classifier reaches those limits: the arms barely overlap', () => {
    for (const seed of [1, 2, 3]) {
      const { test } = spiral(p, seed);
      const probs = bayesSpiralProbs(test, p.noise);
      expect(accuracy(probs, test.y, 3)).toBeCloseTo(2998 / 3000, 6);
      expect(crossEntropy(probs, test.y, 3)).toBeGreaterThan((3 * Math.log(3)) / 3000 - 1e-6);
      expect(crossEntropy(probs, test.y, 3)).toBeLessThan(0.0017);
    }
    expect(spiralPosterior(0, 0, 3, 0.2)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // On arm 1 at radius 0.5 the angle is 4 + 2 = 6 rad.
    const post = spiralPosterior(0.5 * Math.sin(6), 0.5 * Math.cos(6), 3, 0.2);
    expect(post[1]).toBeGreaterThan(0.999);
  });
});

describe('the stored decision regions', () => {
  const { size, panels, seed } = decodeRegions(stored);
  it('holds a 60×60 grid of classes per activation, from the public seed', () => {
    expect(seed).toBe(meta.seed);
    expect(panels.map((q) => q.activation)).toEqual(['relu', 'tanh', 'sigmoid']);
    for (const q of panels) {
      expect(q.gridClasses).toHaveLength(size * size);
      expect(new Set(q.gridClasses)).toEqual(new Set([0, 1, 2]));
    }
  });
  it('matches the lesson: ReLU passes, tanh and sigmoid fall short', () => {
    const [relu, tanh, sigmoid] = panels;
    expect(relu!.testAccuracy).toBeGreaterThan(bound('testAccuracy').min!);
    expect(tanh!.testAccuracy).toBeLessThan(bound('testAccuracy').min!);
    expect(sigmoid!.testAccuracy).toBeLessThan(0.6);
    expect(testPoints(seed, 10).y).toHaveLength(300);
  });
});

describe('the ReLU network at learning rate 0.01, as this lesson and "Why non-linearity" quote it', () => {
  it('was measured by the script on the reference changed only in its learning rate, seeds 1–5, all passing', () => {
    expect(fastReluRuns.provenance.command).toMatch(/^node scripts\/with-node\.mjs node scripts\/measure-spiral\.ts grade --act relu --lr 0\.01 --seeds 1-5 /);
    expect(fastReluRuns.exercise).toBe(id);
    expect(fastReluRuns.change).toEqual({ activation: 'relu', epochs: 1000, learningRate: 0.01, strong: false });
    expect(fastReluRuns.runs.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5]);
    for (const r of fastReluRuns.runs) {
      expect(r.status).toBe('passed');
      expect(r.testAccuracy).toBeLessThanOrEqual(2998 / 3000);
    }
  });

  it('and with sigmoid and tanh units: the same change, the same seeds, every run passing', () => {
    for (const [act, m] of [['sigmoid', fastSigmoidRuns], ['tanh', fastTanhRuns]] as const) {
      expect(m.provenance.command).toMatch(new RegExp(`^node scripts/with-node\\.mjs node scripts/measure-spiral\\.ts grade --act ${act} --lr 0\\.01 --seeds 1-5 `));
      expect(m.change).toEqual({ activation: act, epochs: 1000, learningRate: 0.01, strong: false });
      expect(m.runs.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5]);
      for (const r of m.runs) expect(r.status).toBe('passed');
    }
    expect(fastSigmoid).toEqual(accuracyText(fastSigmoidRuns.runs));
    expect(fastTanh).toEqual(accuracyText(fastTanhRuns.runs));
  });

  it('formats the runs as the pages show them', () => {
    const runs = [0.9973, 0.999, 0.9983].map((testAccuracy, i) => ({ seed: i + 1, status: 'passed', testAccuracy, testCrossEntropy: 0.02 }));
    expect(accuracyText(runs)).toEqual({ mean: '0.998', range: '0.9973–0.9990', percent: '99.7%–99.9%', seeds: '1–3' });
    expect(accuracyText(runs.slice(1, 3)).percent).toBe('99.8%–99.9%');
    expect(accuracyText([runs[1]!, { ...runs[1]!, seed: 2, testAccuracy: 0.9987 }]).percent).toBe('99.9%');
    expect(fastRelu).toEqual(accuracyText(fastReluRuns.runs));
  });

  it('both pages render the same measurement through expressions, with no number typed by hand', () => {
    const spiralPage = readFileSync('src/content/docs/activation-depth/spiral.mdx', 'utf8').replace(/\s+/g, ' ');
    const nonlinearity = readFileSync('src/content/docs/activation-depth/why-nonlinearity.mdx', 'utf8').replace(/\s+/g, ' ');
    expect(spiralPage).toContain("import { fastRelu, fastSigmoid, fastTanh } from '../../../components/figures/activation-depth/spiral/fast-relu.ts';");
    expect(nonlinearity).toContain("import { fastRelu } from '../../../components/figures/activation-depth/spiral/fast-relu.ts';");
    expect(spiralPage).toContain('reach {fastSigmoid.mean} with sigmoid units ({fastSigmoid.range} on seeds {fastSigmoid.seeds}), {fastTanh.mean} with tanh ({fastTanh.range}) and {fastRelu.mean} with ReLU ({fastRelu.range}).');
    expect(spiralPage).not.toMatch(/0\.9947–0\.9957|0\.9980–0\.9987/);
    expect(nonlinearity).toContain('at learning rate 0.01) classifies {fastRelu.percent} of the held-out points correctly, on seeds {fastRelu.seeds}.');
    for (const page of [spiralPage, nonlinearity]) expect(page).not.toMatch(/99\.8%–99\.9%|0\.9973–0\.9990/);
  });
});

describe('spiral exercise on tfjs (WASM)', () => {
  it('the starter (a linear model) fails with a low accuracy', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    expect(r.checks.find((c) => c.metric === 'testAccuracy')!.value).toBeLessThan(0.6);
  }, 300_000);

  // The corpus (tests/exercises/04-activation-depth.test.ts) grades the solution on the public seed and seeds 1–2 (1–5 in `npm run check:corpus`).
  it('the solution passes without leaking tensors', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const r = await gradeInProcess(id, solution, 6);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('the same network with sigmoid units fails', async () => {
    const r = await gradeInProcess(id, solutionWith(id, "activation: 'relu'", "activation: 'sigmoid'"), 1);
    expect(r.status).toBe('failed');
    expect(r.checks.find((c) => c.metric === 'testAccuracy')!.value).toBeLessThan(0.6);
  }, 300_000);
});
