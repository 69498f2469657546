/**
 * Lesson "Vanishing gradients": the grader's float64 backprop (graders/dense.ts) against tfjs autodiff, the
 * gradient-norms exercise (reference passes, plausible wrong answers fail, no tensor leak), and the lesson's
 * figure data.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { weightGradientNorms } from '../../../graders/dense.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { deepMlpProblem, deepMlpParams } from '../../../graders/problems/activation-depth/gradient-norms.ts';
import type { DeepNet } from '../../../graders/datasets/types.ts';
import { spiral } from '../../../graders/datasets/spiral.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { expectNoTensorLeak, gradeInProcess } from '../../helpers/exercise.ts';
import { variantOfSolution } from '../../../scripts/measure-lib.ts';
import { correctVariants, variantRange, wrongVariants } from '../../../scripts/activation-depth/gradient-norms-variants.ts';
import variants from '../../../scripts/activation-depth/gradient-norms-variants.json';
import { layerNorms, normsForShown, ratioVsDepth, sci } from '../../../src/components/figures/activation-depth/vanishing-gradients/gradient-norms-model.ts';
import { layerNormsLegend, normsSummary } from '../../../src/components/figures/activation-depth/vanishing-gradients/gradient-norms-view.ts';
import { ourRatio, perLayerFactor, rerunRuns, vanishingNumbers as v } from '../../../src/components/figures/activation-depth/vanishing-gradients/lesson-numbers.ts';
import rerun from '../../../reference/results/exp2d_spiral_depth.json';
import training from '../../../src/components/figures/activation-depth/vanishing-gradients/gradient-training.json';
import { epochReaching, escapeEpoch, trainingNumbers as t } from '../../../src/components/figures/activation-depth/vanishing-gradients/training-numbers.ts';

const id = '04-activation-depth/07-gradient-norms';

/** ∂L/∂W norms by tfjs autodiff (tf.grads), L = mean softmax cross-entropy: an independent second opinion. */
function tfjsNorms(net: DeepNet): number[] {
  return tf.tidy(() => {
    const x = tf.tensor2d(net.x, [net.n, net.features]);
    const labels = tf.oneHot(tf.tensor1d(net.y, 'int32'), net.classes);
    const ws = net.layers.map((l) => tf.tensor2d(l.weights, [l.inputs, l.units]));
    const bs = net.layers.map((l) => tf.tensor1d(l.bias));
    const act = { sigmoid: tf.sigmoid, relu: tf.relu, tanh: tf.tanh }[net.activation];
    const loss = (...w: tf.Tensor[]) => {
      let a: tf.Tensor = x;
      w.forEach((wl, l) => {
        const z = tf.add(tf.matMul(a, wl as tf.Tensor2D), bs[l]!);
        a = l < w.length - 1 ? act(z) : z;
      });
      return tf.losses.softmaxCrossEntropy(labels, a) as tf.Scalar;
    };
    return tf.grads(loss)(ws).map((g) => tf.norm(g).dataSync()[0]!);
  });
}

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('weightGradientNorms (the grader reference) agrees with tfjs autodiff', () => {
  const params = deepMlpParams.parse({ depths: [1, 2, 5, 8, 16], activations: ['sigmoid', 'relu', 'tanh'], width: 24, n: 90 });
  it.each([1, 2, 3])('seed %i: every layer of 15 nets within 2e-5 relative', (seed) => {
    const { calls, hidden } = deepMlpProblem.make(params, seed, {});
    let worst = 0;
    calls.forEach((c, i) => {
      const net = c.arg as DeepNet;
      const ref = weightGradientNorms(net.layers, net.activation, net.x, net.y, net.n);
      expect(ref).toEqual(hidden.reference[i]);
      const mine = tfjsNorms(net);
      expect(mine).toHaveLength(net.layers.length);
      mine.forEach((m, l) => (worst = Math.max(worst, Math.abs(m - ref[l]!) / ref[l]!)));
    });
    // Measured: at most 3e-6 (float32 tfjs vs float64) over these nets and seeds.
    expect(worst).toBeLessThan(2e-5);
  });
});

describe('gradient-norms exercise', () => {
  const { solution, meta } = loadExercise(id);
  const max = meta.checks[0]!.max!;

  it.each([1, 2, 3])('the reference solution passes on seed %i with a wide margin', async (seed) => {
    const r = await gradeInProcess(id, solution, seed);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    // Measured 7e-7 … 7e-6 on WASM: float32 rounding only, two orders of magnitude inside the bound.
    expect(r.checks[0]!.value).toBeLessThan(max / 50);
  });

  const lowest = (name: string) => Math.min(...variants.variants[name as keyof typeof variants.variants]!.map((r) => r.metrics.maxRelativeError!));
  const highest = (name: string) => Math.max(...variants.variants[name as keyof typeof variants.variants]!.map((r) => r.metrics.maxRelativeError!));

  it('the measured variants behind the bound: every correct one passes on seeds 1–10, every wrong one fails', () => {
    expect(variants.provenance.command).toMatch(/^node scripts\/with-node\.mjs node scripts\/activation-depth\/gradient-norms-variants\.ts --seeds 1-10 /);
    expect(Object.keys(variants.variants).sort()).toEqual([...Object.keys(correctVariants), ...Object.keys(wrongVariants)].sort());
    for (const name of Object.keys(correctVariants)) for (const r of variants.variants[name as keyof typeof variants.variants]) expect(r.status, name).toBe('passed');
    for (const name of Object.keys(wrongVariants)) for (const r of variants.variants[name as keyof typeof variants.variants]) expect(r.status, name).toBe('failed');
    expect(Math.max(...Object.keys(correctVariants).map(highest))).toBeLessThan(max / 20);
  });

  it('the derivation quotes the measured ranges', () => {
    const derivation = meta.checks[0]!.derivation.replace(/\s+/g, ' ');
    for (const name of Object.keys(wrongVariants)) expect(derivation, name).toContain(variantRange(lowest(name), highest(name)));
    expect(derivation).toContain(variantRange(lowest('reference'), highest('reference')));
  });

  it.each(Object.keys(correctVariants).slice(1))('a correct variant passes: %s', async (name) => {
    const r = await gradeInProcess(id, variantOfSolution(id, name, correctVariants[name]!), 1);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
  });

  it.each(Object.keys(wrongVariants))('a wrong answer fails: %s', async (name) => {
    const r = await gradeInProcess(id, variantOfSolution(id, name, wrongVariants[name]!), 2);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('failed');
    expect(r.checks[0]!.value).toBeCloseTo(variants.variants[name as keyof typeof variants.variants].find((v) => v.seed === 2)!.metrics.maxRelativeError!, 2);
    // The details name every net, with its worst layer.
    expect(r.checks[0]!.details).toHaveLength(8);
  });

  it('a graded run leaks no tensors', () => expectNoTensorLeak(id));
});

describe('figure data and the numbers the lesson quotes', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const ratio = (hidden: number, activation: 'sigmoid' | 'relu', scheme: 'pytorch' | 'glorot' | 'he' = 'pytorch') =>
    sci(ratioVsDepth([hidden], activation, { width: 32, n: 100, seeds, scheme })[0]!.mean);

  it('first/last ratios at width 32, batch 100, geometric mean over seeds 1–10', () => {
    expect(ratio(8, 'sigmoid')).toBe('7.6e-8');
    expect(ratio(8, 'relu')).toBe('0.0033');
    expect(ratio(4, 'sigmoid')).toBe('2.1e-4');
    expect(ratio(5, 'sigmoid')).toBe('3e-5');
    expect(ratio(16, 'sigmoid')).toBe('9.9e-15');
    expect(ratio(8, 'sigmoid', 'glorot')).toBe('4.5e-6');
    expect(ratio(8, 'sigmoid', 'he')).toBe('1.3e-5');
    // "With He initialisation it stays near 0.25 at every depth."
    for (const d of [1, 8, 16]) expect(Number(ratio(d, 'relu', 'he'))).toBeCloseTo(0.25, 1);
  });

  it('each sigmoid layer shrinks the gradient about 7× (seed 1, 8 hidden layers)', () => {
    const n = layerNorms({ hidden: 8, width: 32, activation: 'sigmoid', seed: 1 });
    for (let l = 1; l + 1 < n.length; l++) {
      const f = n[l + 1]! / n[l]!;
      expect(f).toBeGreaterThan(5);
      expect(f).toBeLessThan(10);
    }
  });

  it('the interactive figure recomputes 16 layers of 32 units for all three activations quickly', () => {
    normsForShown({ hidden: 16, width: 32, scheme: 'pytorch', seed: 1, n: 100, shown: 'with-tanh' }); // warm up
    const t = performance.now();
    const norms = normsForShown({ hidden: 16, width: 32, scheme: 'pytorch', seed: 2, n: 100, shown: 'with-tanh' });
    expect(performance.now() - t).toBeLessThan(2000); // ~90 ms on an idle core
    for (const a of ['sigmoid', 'relu', 'tanh'] as const) expect(norms[a]).toHaveLength(17);
  });

  it('the figure offers tanh, on the same weights, and draws it only when asked (the page asks the reader to)', () => {
    const q = { hidden: 8, width: 32, scheme: 'pytorch', seed: 1, n: 100 } as const;
    const two = normsForShown({ ...q, shown: 'sigmoid-relu' });
    const three = normsForShown({ ...q, shown: 'with-tanh' });
    expect(Object.keys(two)).toEqual(['sigmoid', 'relu']);
    expect(three.sigmoid).toEqual(two.sigmoid);
    expect(three.tanh).toEqual(layerNorms({ ...q, activation: 'tanh' }));
    expect(layerNormsLegend(three).map((l) => l.name)).toEqual(['sigmoid', 'ReLU', 'tanh']);
    expect(normsSummary(three)[2]).toMatch(/^Tanh: first layer /);
    const page = readFileSync('src/content/docs/activation-depth/vanishing-gradients.mdx', 'utf8').replace(/\s+/g, ' ');
    const astro = readFileSync('src/components/figures/activation-depth/vanishing-gradients/GradientNorms.astro', 'utf8');
    expect(astro).toContain('label="Activations"');
    expect(page).toContain('Then choose "sigmoid, ReLU and tanh" under *Activations* in the gradient figure');
  });

  it('the checked-in training results say what the lesson says', () => {
    const row = (a: string, init: string) => training.rows.find((r) => r.activation === a && r.init === init)!;
    const escape = (loss: number[]) => loss.findIndex((l) => l < 1.0) * training.setup.lossEvery;
    expect(training.provenance.command).toMatch(/^node scripts\/with-node\.mjs node scripts\/measure-vanishing\.ts/);
    expect(training.setup.hidden).toBe(8);
    expect(training.setup.width).toBe(32);
    expect(training.setup.epochs).toBe(1000);
    // The ReLU nets leave chance level long before the sigmoid nets, which sit at ln 3 at epoch 300.
    const reluEscape = Math.max(...row('relu', 'pytorch').runs.map((r) => escape(r.loss)));
    expect(Number(t.reluEscape)).toBe(reluEscape);
    for (const r of row('sigmoid', 'pytorch').runs) {
      expect(escape(r.loss)).toBeGreaterThan(3 * reluEscape);
      expect(r.loss[300 / training.setup.lossEvery]).toBeCloseTo(Math.log(3), 3);
    }
    expect(Number(t.heEscape)).toBe(Math.max(...row('relu', 'he').runs.map((r) => escape(r.loss))));
    expect(Number(t.heEscape)).toBeLessThanOrEqual(reluEscape);
    for (const r of row('relu', 'pytorch').runs) expect(r.trainAccuracy).toBeCloseTo(298 / 300, 6);
  });

  it('298 of 300 training points is the most any model gets: three share the origin with three labels', () => {
    const perClass = 100;
    expect(training.setup.data).toContain(`${perClass} training points per class (${3 * perClass} in all)`);
    for (const seed of training.setup.seeds) {
      const { train } = spiral({ classes: 3, trainPerClass: perClass, testPerClass: 1000, noise: 0.2 }, seed);
      const origin = Array.from({ length: train.n }, (_, i) => i).filter((i) => train.x[2 * i] === 0 && train.x[2 * i + 1] === 0);
      expect(origin.map((i) => train.y[i]).sort()).toEqual([0, 1, 2]);
    }
    const best = 3 * perClass - 2;
    for (const r of training.rows.flatMap((row) => row.runs)) expect(r.trainAccuracy * 3 * perClass).toBeLessThan(best + 1e-9);
    for (const r of training.rows.find((row) => row.activation === 'relu' && row.init === 'pytorch')!.runs) expect(Math.round(r.trainAccuracy * 3 * perClass)).toBe(best);
    const page = readFileSync('src/content/docs/activation-depth/vanishing-gradients.mdx', 'utf8').replace(/\s+/g, ' ');
    expect(page).toContain('{t.best} of the {t.points} points, the most any model can get. The first point of every arm is the origin');
    expect([t.best, t.points]).toEqual([String(best), String(3 * perClass)]);
    expect(page).toContain('[spiral lesson](../spiral/) explains this limit');
    expect(page).not.toContain('noisy arms overlap');
  });

  it('the page renders every training number from training-numbers.ts, computed from the checked-in results', () => {
    const row = (a: string, init: string) => training.rows.find((r) => r.activation === a && r.init === init)!.runs;
    const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)} to ${Math.max(...xs).toFixed(digits)}`;
    const at300 = 300 / training.setup.lossEvery;
    expect(t.reluTest).toBe(range(row('relu', 'pytorch').map((r) => r.testAccuracy), 3));
    expect(t.sigmoidAt300).toBe(range(row('sigmoid', 'pytorch').map((r) => r.accuracy[at300]!), 2));
    expect(t.sigmoidFinal).toBe(range(row('sigmoid', 'pytorch').map((r) => r.trainAccuracy), 2));
    expect(t.glorotFinal).toBe(range(row('sigmoid', 'glorot').map((r) => r.trainAccuracy), 2));
    expect(escapeEpoch([1.1, 1.09, 0.9])).toBe(2 * training.setup.lossEvery);
    expect(epochReaching([0.3, 0.99, 0.9933], 298 / 300)).toBe(2 * training.setup.lossEvery);
    const page = readFileSync('src/content/docs/activation-depth/vanishing-gradients.mdx', 'utf8');
    for (const key of Object.keys(t)) expect(page, key).toContain(`{t.${key}}`);
    expect(page).not.toMatch(/0\.988 to 0\.997|400\s+to 800|0\.53 to 0\.75|450 to 675/);
  });
});

describe('the comparison with the PyTorch re-run (reference/results/exp2d_spiral_depth.json)', () => {
  const page = readFileSync('src/content/docs/activation-depth/vanishing-gradients.mdx', 'utf8').replace(/\s+/g, ' ');

  it("renders the re-run's depth-8 numbers: sigmoid ratio about 1e-7 (8.1e-8 to 1.3e-7), ReLU about 0.015", () => {
    expect(rerun.config.width).toBe(100);
    expect(rerun.config.init).toMatch(/^PyTorch default/);
    expect(rerunRuns('sigmoid')).toHaveLength(3);
    expect(v.rerunSeeds).toBe('3');
    expect(v.rerunSigmoid).toEqual({ ratio: '1e-7', ratioRange: '8.1e-8 to 1.3e-7', firstNorm: '2.4e-8' });
    expect(v.rerunRelu).toEqual({ ratio: '0.015', ratioRange: '0.014 to 0.016', firstNorm: '1.05e-4' });
  });

  it('says what the numbers say: the sigmoid agrees, the ReLU ratio grows with width, larger weights vanish less', () => {
    const ours = ourRatio('sigmoid');
    const theirs = rerunRuns('sigmoid').map((r) => r.grad_ratio_first_over_last);
    // "agrees": within a factor of 2 of every re-run seed, at our width and at theirs.
    for (const r of [ours, ourRatio('sigmoid', { width: 100 })]) for (const t of theirs) expect(Math.abs(Math.log(r / t))).toBeLessThan(Math.log(2));
    const relu = [16, 32, 64, 100].map((width) => ourRatio('relu', { width }));
    // From the figures' 32 units on it grows with the width; at 16 units it is about the same as at 32.
    for (let i = 2; i < relu.length; i++) expect(relu[i]!).toBeGreaterThan(relu[i - 1]!);
    expect(Math.abs(Math.log(relu[0]! / relu[1]!))).toBeLessThan(Math.log(1.2));
    expect(relu.at(-1)!).toBeLessThan(Math.min(...rerunRuns('relu').map((r) => r.grad_ratio_first_over_last)));
    // Per-layer factors: the default's, then Glorot's and He's, all below 1.
    expect(v.factorDefault).toBe('0.13');
    expect(v.factorLarger).toBe('0.21–0.24');
    expect(v.lessVanishing).toBe('60–170');
    expect(perLayerFactor(ourRatio('sigmoid', { scheme: 'he' }))).toBeLessThan(0.3);
    // The factors are the geometric mean of consecutive layer-norm ratios (seed 1: they telescope).
    const n = layerNorms({ hidden: 8, width: 32, activation: 'sigmoid', seed: 1 });
    const steps = n.slice(0, -1).map((x, l) => x / n[l + 1]!);
    expect(Math.exp(steps.reduce((s, f) => s + Math.log(f), 0) / steps.length)).toBeCloseTo(perLayerFactor(n[0]! / n.at(-1)!), 12);
  });

  it('the page renders every number from lesson-numbers.ts and drops what the re-run refuted', () => {
    expect(page).toContain("import { vanishingNumbers as v } from '../../../components/figures/activation-depth/vanishing-gradients/lesson-numbers.ts';");
    const keys = (o: object, prefix: string): string[] => Object.entries(o).flatMap(([k, x]) => (typeof x === 'object' ? keys(x as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    for (const key of keys(v, '')) expect(page, key).toContain(`{v.${key}}`);
    expect(page).not.toContain('*best* case');
    expect(page).not.toMatch(/10\^\{-5\}\$ to \$10\^\{-4\}/);
    expect(page).not.toContain('4.9 \\times 10^{-6}');
  });
});
