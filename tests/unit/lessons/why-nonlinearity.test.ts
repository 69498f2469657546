/**
 * The "Why non-linearity" lesson: the linear-spiral figure's numbers (the accuracy the prose states), the
 * regions-SVG helper, and the equivalent-layer exercise (reference passes with margin, plausible mistakes fail with
 * the messages that teach, no tensor leaks, the lesson's "probe" alternative passes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { affine, maxRelativeDifference, type DenseLayer } from '../../../graders/dense.ts';
import { spiral } from '../../../graders/datasets/spiral.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { linearStackProblem } from '../../../graders/problems/activation-depth/equivalent-layer.ts';
import type { CallOutputs } from '../../../graders/problem.ts';
import {
  accuracyOf,
  fitSoftmaxRegression,
  gridClasses,
  linearSpiral,
  linearSpiralFit,
  spiralSetup,
} from '../../../src/components/figures/activation-depth/why-nonlinearity/linear-spiral-model.ts';
import { linearSpiralNumbers, linearSpiralRuns } from '../../../src/components/figures/activation-depth/why-nonlinearity/linear-spiral-numbers.ts';
import { everyKth, regionRuns, regionsSvg } from '../../../src/components/figures/kit/regions-svg.ts';
import { expectNoTensorLeak, gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

describe('linear model on the spiral (figure data)', () => {
  it('gradient descent has converged: 300 steps at lr 2 give the loss of 3000 steps', () => {
    const { train } = spiral(spiralSetup, 1);
    const short = fitSoftmaxRegression(train, linearSpiralFit);
    const long = fitSoftmaxRegression(train, { steps: 3000, lr: 2 });
    expect(short.losses[0]).toBeCloseTo(Math.log(3), 12); // zero weights: uniform probabilities
    expect(short.losses.at(-1)!).toBeCloseTo(long.losses.at(-1)!, 5);
    // The figure's fit is what scripts/linear-spiral.ts recorded for seed 1 (the lesson quotes that file).
    expect(short.losses.at(-1)!).toBeCloseTo(linearSpiralRuns.linear.find((r) => r.seed === 1)!.finalLoss, 5);
    expect(accuracyOf(short.model, train)).toBe(accuracyOf(long.model, train));
  });

  it.each([1, 2, 3, 42])('seed %i: the figure’s model computes what scripts/linear-spiral.ts recorded', (seed) => {
    const r = linearSpiral(seed);
    const recorded = linearSpiralRuns.linear.find((x) => x.seed === seed)!;
    expect(r.trainAccuracy).toBe(recorded.trainAccuracy);
    expect(r.testAccuracy).toBe(recorded.testAccuracy);
    expect(r.testCrossEntropy).toBeCloseTo(recorded.testCrossEntropy, 5);
  });

  it('the recorded runs say what the lessons say: about 50% (chance 33%), and a deep linear stack no better', () => {
    expect(linearSpiralRuns.provenance.command).toBe('node scripts/with-node.mjs node scripts/linear-spiral.ts --epochs 1000 --json src/components/figures/activation-depth/why-nonlinearity/linear-spiral.json');
    expect(linearSpiralRuns.linear.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 42]);
    for (const r of linearSpiralRuns.linear) expect(Math.abs(r.testAccuracy - 0.5)).toBeLessThan(0.02);
    expect(linearSpiralNumbers.testAbout).toBe('50%');
    // The deep stack ends at the single layer's loss to 4 decimals, on every seed.
    for (const r of linearSpiralRuns.deepLinear) expect(Math.abs(r.finalLoss - r.singleLayerLoss)).toBeLessThan(5e-5);
    expect(linearSpiralNumbers.deepLossGap).toBeLessThan(5e-5);
    const page = readFileSync('src/content/docs/activation-depth/why-nonlinearity.mdx', 'utf8');
    for (const key of ['trainPercent', 'testPercent', 'testCrossEntropy', 'deepEpochs', 'deepSeed1Loss', 'singleSeed1Loss', 'deepTestPercent', 'seeds', 'deepSeeds', 'testAbout'])
      expect(page, key).toContain(`{lin.${key}}`);
    expect(page).not.toMatch(/52\.6%|53\.5%|0\.74721|CS231n/);
  });

  it('the regions are three convex wedges: each row of the raster meets each class in at most one run', () => {
    const r = linearSpiral(42);
    const box = { x0: -1.1, x1: 1.1, y0: -1.1, y1: 1.1, size: 60 };
    const grid = gridClasses(r.model, box);
    expect(new Set(grid).size).toBe(3);
    for (let row = 0; row < box.size; row++) {
      const runs = regionRuns(grid, box.size).filter((x) => x.row === row);
      expect(new Set(runs.map((x) => x.cls)).size).toBe(runs.length);
    }
  });
});

describe('regionsSvg', () => {
  it('regionRuns covers every cell once, with the right class', () => {
    const size = 4;
    const grid = [0, 0, 1, 1, 2, 2, 2, 2, 0, 1, 0, 1, 1, 1, 1, 0];
    const runs = regionRuns(grid, size);
    const rebuilt = new Array<number>(size * size).fill(-1);
    for (const r of runs) for (let c = r.c0; c < r.c1; c++) rebuilt[r.row * size + c] = r.cls;
    expect(rebuilt).toEqual(grid);
    expect(runs).toHaveLength(2 + 1 + 4 + 2);
  });

  it('draws rows bottom-up, points in their class colour, rings only the misclassified', () => {
    const svg = regionsSvg({
      box: { x0: 0, x1: 2, y0: 0, y1: 2 },
      size: 2,
      gridClasses: [0, 1, 1, 1], // row 0 (bottom): classes 0, 1
      points: { x: [0.5, 0.5, 1.5, 1.5], y: [0, 1], predicted: [0, 0] },
      title: 'a < b',
      width: 100,
      colors: ['red', 'blue'],
    });
    expect(svg).toContain('<title>a &lt; b</title>');
    // The class-0 cell is the bottom-left one: y from 51 to 101 (1 px margin, 50 px cells).
    expect(svg).toMatch(/<g fill="red"><rect x="1" y="51" width="50" height="50"\/><\/g>/);
    expect(svg.match(/r="3.4"/g)).toHaveLength(1); // one wrong prediction
    expect(svg).toContain('<g fill="blue"><circle cx="76" cy="26" r="2.4"/></g>');
  });

  it("the lesson figure's SVG stays small", () => {
    const r = linearSpiral(42);
    const box = { x0: -1.1, x1: 1.1, y0: -1.1, y1: 1.1, size: 60 };
    const keep = everyKth(r.test.n, 5);
    expect(keep).toHaveLength(600);
    const svg = regionsSvg({
      box,
      size: 60,
      gridClasses: gridClasses(r.model, box),
      points: { x: keep.flatMap((i) => [r.test.x[2 * i]!, r.test.x[2 * i + 1]!]), y: keep.map((i) => r.test.y[i]!) },
      ticks: [-1, 0, 1],
      width: 340,
      title: 'regions',
    });
    expect(svg.length).toBeLessThan(60_000);
  });
});

const id = '04-activation-depth/04-equivalent-layer';

describe('equivalent-layer exercise (WASM backend)', () => {
  const { meta, solution, starter } = loadExercise(id);
  const bound = meta.checks[0]!.max!;

  it.each([1, 2, 3, 4, 5])('the reference passes on seed %i, far inside the bound', async (seed) => {
    const r = await gradeInProcess(id, solution, seed);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    expect(r.checks[0]!.value).toBeLessThan(1e-6); // float32 rounding only (measured ≤ 3.6e-7); bound 1e-4
  });

  it('the starter (first layer only) stops with a shape message', async () => {
    const r = await gradeInProcess(id, starter);
    expect(r.status).toBe('error');
    expect(r.error?.message).toMatch(/weights for the 3 → 5 → 4 → 2 stack has shape \[3, 5\]; expected \[3, 2\]/);
  });

  it('biases left out, or only the last bias: fails the check with the bias message', async () => {
    for (const replace of ['b = tf.zeros([1, layer.units]);', 'b = bk;']) {
      const r = await gradeInProcess(id, solutionWith(id, 'b = tf.add(tf.matMul(b, Wk), bk);', replace), 1);
      expect(r.status, replace).toBe('failed');
      expect(r.checks[0]!.value).toBeGreaterThan(100 * bound);
      expect(r.checks[0]!.message).toMatch(/earlier biases pass through every later layer's weights/);
      expect(r.checks[0]!.details?.some((d) => /differ from the stack's by \d/.test(d))).toBe(true);
    }
  });

  it('biases summed: tfjs refuses to add rows of different lengths', async () => {
    const r = await gradeInProcess(id, solutionWith(id, 'b = tf.add(tf.matMul(b, Wk), bk);', 'b = tf.add(b, bk);'), 1);
    expect(r.status).toBe('error');
    expect(r.error?.message).toMatch(/broadcast/i);
  });

  it('the product in the wrong order: tfjs says the inner dimensions do not match', async () => {
    const r = await gradeInProcess(id, solutionWith(id, 'W = tf.matMul(W, Wk);', 'W = tf.matMul(Wk, W);'), 1);
    expect(r.status).toBe('error');
    expect(r.error?.message).toMatch(/inner shapes|must match/i);
  });

  it('weights built the column-vector way come back transposed, and the message says so', async () => {
    const transposed = solutionWith(id, 'W = tf.matMul(W, Wk);', 'W = tf.matMul(Wk, W, true, false);').replace(
      'let W = tf.tensor2d(first.weights, [first.inputs, first.units]);',
      'let W = tf.tensor2d(first.weights, [first.inputs, first.units]).transpose();',
    );
    const r = await gradeInProcess(id, transposed, 1);
    expect(r.status).toBe('error');
    expect(r.error?.message).toMatch(/weights for the 3 → 5 → 4 → 2 stack has shape \[2, 3\]; expected \[3, 2\]\. It is transposed/);
  });

  it('the lesson\'s "probe the stack" alternative passes too', async () => {
    // The snippet exactly as the lesson prints it, inside the tf.tidy and return the prose describes.
    const mdx = readFileSync('src/content/docs/activation-depth/why-nonlinearity.mdx', 'utf8');
    const snippet = /```ts\n([\s\S]*?)```/.exec(mdx.slice(mdx.indexOf('## Try it yourself')))![1]!;
    expect(snippet).toContain('tf.eye(n)');
    const probe = `import * as tf from '@tensorflow/tfjs';
import type { DenseLayer } from 'course';
export function equivalentLayer(layers: DenseLayer[]) {
  return tf.tidy(() => {
${snippet}
    return { weights, bias: bias.reshape([-1]) };
  });
}`;
    const r = await gradeInProcess(id, probe, 3);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
  });

  it('a graded run leaks no tensors', () => expectNoTensorLeak(id));

  it('on the square stack, a wrong order or a lone first layer is caught by the values, not by a shape error', () => {
    const p = linearStackProblem.params.parse(meta.data.params);
    const square = p.stacks.findIndex((s) => s.join() === '4,4,4,4');
    expect(square).toBeGreaterThanOrEqual(0);
    for (let seed = 1; seed <= 5; seed++) {
      const { hidden } = linearStackProblem.make(p, seed, {});
      const fold = (layers: DenseLayer[], reversed: boolean): CallOutputs => {
        // x·W + b is the stack at x; the bias is the stack at 0 and row i of W is stack(eᵢ) − bias.
        const n = layers[0]!.inputs;
        const probe = (x: number[]) => layers.reduce<ArrayLike<number>>((a, l) => affine(a, 1, l), x);
        const bias = Float32Array.from(probe(new Array<number>(n).fill(0)));
        const rows = Array.from({ length: n }, (_, i) => Array.from(probe(Array.from({ length: n }, (_, j) => +(i === j))), (v, j) => v - bias[j]!));
        if (!reversed) return { weights: Float32Array.from(rows.flat()), bias };
        // The layers applied backwards: Wₙ ⋯ W₁ (square matrices, so the shape still fits).
        const back = layers.slice().reverse().map((l) => ({ ...l, bias: new Float32Array(l.units) }));
        const W = Array.from({ length: n }, (_, i) => Array.from(back.reduce<ArrayLike<number>>((a, l) => affine(a, 1, l), Array.from({ length: n }, (_, j) => +(i === j)))));
        return { weights: Float32Array.from(W.flat()), bias };
      };
      const outputs = hidden.stacks.map((layers) => fold(layers, false));
      expect(linearStackProblem.score(p, hidden, outputs).metrics.maxRelativeError).toBeLessThan(1e-6);
      const reversed = outputs.slice();
      reversed[square] = fold(hidden.stacks[square]!, true);
      expect(linearStackProblem.score(p, hidden, reversed).metrics.maxRelativeError, `reversed, seed ${seed}`).toBeGreaterThan(0.3);
      const firstOnly = outputs.slice();
      const l1 = hidden.stacks[square]![0]!;
      firstOnly[square] = { weights: l1.weights, bias: l1.bias };
      expect(linearStackProblem.score(p, hidden, firstOnly).metrics.maxRelativeError, `first layer only, seed ${seed}`).toBeGreaterThan(1);
      // Sanity: the probe answer is the stack (relative difference from float32 storage only).
      const want = hidden.stacks[square]!.reduce<ArrayLike<number>>((a, l) => affine(a, p.testN, l), hidden.x[square]!);
      const mine = affine(hidden.x[square]!, p.testN, { ...outputs[square]!, inputs: 4, units: 4 } as unknown as DenseLayer);
      expect(maxRelativeDifference(mine, want)).toBeLessThan(1e-6);
    }
  });
});
