/**
 * The sinusoid, forward and inverse (issue 13, lesson 1): `train(data, ctx)` fits y from x on
 * y = a·sin(f·x) + s·x + N(0, noise²) and is graded on held-out MSE near the noise floor. Then the runtime calls the
 * learner's same `train` on the same points with the columns swapped (x from y, one y has up to five x's); that MSE
 * is shown, not graded, with the best any single curve can score there: the conditional mean E[x | y], a curve
 * through no data. Both fits are plotted side by side.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { inverseConditionalMeans, type SinusoidProcess } from '../../mdn/inverse-conditional.ts';
import { sampleSinusoid, sinusoid, sinusoidParams, sinusoidShape, type SinusoidShape } from '../../mdn/sinusoid.ts';
import type { RegressionSplit } from '../../datasets/types.ts';
import { meanSquaredError } from '../../metrics.ts';
import type { CurvePanel, ProblemDef } from '../../problem.ts';

const base = sinusoidParams.shape;
export const sinusoidRegressionParams = z
  .object({
    trainN: base.trainN,
    testN: base.testN,
    noise: base.noise,
    xMin: base.xMin,
    xMax: base.xMax,
    showInverse: z
      .boolean()
      .default(true)
      .describe('On the lesson page, also call train on the same points with x and y swapped, and show (not grade) its MSE and curve; the instructor\'s grader skips that training.'),
  })
  .strict()
  .refine((p) => p.xMin < p.xMax, { message: 'xMin must be below xMax' });
export type SinusoidRegressionParams = z.infer<typeof sinusoidRegressionParams>;

interface Hidden {
  process: SinusoidProcess;
  test: RegressionSplit;
  /** The held-out points with the columns swapped (input y, target x). */
  inverseTest: RegressionSplit;
  curveX: Float32Array;
  inverseCurveX: Float32Array;
}

const CURVE_POINTS = 200;

/** The same points with input and target swapped. */
export const swapped = (s: RegressionSplit): RegressionSplit => ({ x: Float32Array.from(s.y), y: Float32Array.from(s.x), n: s.n, features: 1, targets: 1 });

const evenly = (lo: number, hi: number) => Float32Array.from({ length: CURVE_POINTS }, (_, i) => lo + ((hi - lo) * i) / (CURVE_POINTS - 1));

/** MSE of the best single curve on the inverse problem, E[x | y], on these held-out points. */
function inverseFloor(h: Hidden): number {
  return meanSquaredError(inverseConditionalMeans(h.process, h.inverseTest.x), h.inverseTest.y);
}

export const sinusoidRegressionProblem: ProblemDef<SinusoidRegressionParams, Hidden> = {
  task: 'regression',
  doc: {
    summary:
      'The MDN module\'s sinusoid y = a·sin(f·x) + s·x + noise (7, 0.75, 0.5 on public seeds; each moved ±5–15 % under a secret seed), forward (graded) and, with showInverse, the same points with x and y swapped (shown, not graded).',
    entry:
      '`train(data: RegressionSplit, ctx)` returns a model; the runtime calls `model.predict` on the hidden test inputs and on a curve over the input range, then (showInverse, on the lesson page only) calls `train` again on the swapped points and does the same',
    metrics: {
      testMSE: 'mean squared error on the hidden forward test points (noise² is the floor)',
      inverseMSE: 'the same code\'s mean squared error on the inverse problem (x from y) on the same held-out points swapped; 0 without showInverse and off the page (the instructor\'s grader)',
      inverseMeanMSE: 'the inverse problem\'s floor for any single curve: the MSE of the exact conditional mean E[x | y] on those points; 0 without showInverse and off the page (the instructor\'s grader)',
    },
  },
  params: sinusoidRegressionParams,
  metrics: () => ['testMSE', 'inverseMSE', 'inverseMeanMSE'],
  make(p, seed, { onPage }) {
    const shape: SinusoidShape = sinusoidShape(seed);
    const sample = { ...p, inverse: false };
    const train = sampleSinusoid(sample, p.trainN, seed, 'sinusoid/train', shape);
    const test = sampleSinusoid(sample, p.testN, seed, 'sinusoid/test', shape);
    const curveX = evenly(p.xMin, p.xMax);
    // The inverse curve spans the targets' range: the same interval for every learner, from the noise-free curve
    // (its extremes over [xMin, xMax]) widened by two noise standard deviations.
    const ys = Array.from(evenly(p.xMin, p.xMax), (x) => sinusoid(shape, x));
    const inverseCurveX = evenly(Math.min(...ys) - 2 * p.noise, Math.max(...ys) + 2 * p.noise);
    const inverseTest = swapped(test);
    const predict = (x: Float32Array, key: string) => ({ key, kind: 'predict' as const, x, features: 1, outputs: 1, label: 'model.predict' });
    return {
      calls: [
        { arg: train, label: 'the forward problem (y from x)', evals: [predict(test.x, 'pred'), predict(curveX, 'curve')] },
        // The inverse problem is shown on the page, never graded: the instructor's grader skips its training.
        ...(p.showInverse && onPage ? [{ arg: swapped(train), label: 'the inverse problem (x from y)', evals: [predict(inverseTest.x, 'pred'), predict(inverseCurveX, 'curve')] }] : []),
      ],
      hidden: { process: { shape, noise: p.noise, xMin: p.xMin, xMax: p.xMax }, test, inverseTest, curveX, inverseCurveX },
    };
  },
  score(p, h, [forward, inverse]) {
    const testMSE = meanSquaredError(forward!.pred!, h.test.y);
    if (!p.showInverse || !inverse) return { metrics: { testMSE, inverseMSE: 0, inverseMeanMSE: 0 } };
    const inverseMSE = meanSquaredError(inverse.pred!, h.inverseTest.y);
    const inverseMeanMSE = inverseFloor(h);
    return {
      metrics: { testMSE, inverseMSE, inverseMeanMSE },
      notes: [
        {
          metric: 'inverseMSE',
          label: 'Inverse problem MSE',
          value: inverseMSE,
          message:
            `On the inverse problem (x from y, the same points with the columns swapped) your same code got MSE ${fmt(inverseMSE)}. ` +
            `No single curve can do much better: the exact conditional mean E[x | y] scores ${fmt(inverseMeanMSE)} on these points. ` +
            'Squared error is minimised by the mean of the x\'s that share a y, and that mean runs between the branches, through no data (the right-hand plot). ' +
            'The next lesson predicts the whole distribution of x instead: a mixture density network.',
        },
      ],
    };
  },
  plot(p, h, [forward, inverse]) {
    const panels: CurvePanel[] = [
      {
        title: `Forward: y from x, MSE ${fmt(meanSquaredError(forward!.pred!, h.test.y))}`,
        xLabel: 'x',
        yLabel: 'y',
        x: h.test.x,
        y: h.test.y,
        curveX: h.curveX,
        curveY: forward!.curve!,
        // The best possible prediction is the noise-free curve (the noise has mean 0).
        trueY: h.curveX.map((x) => sinusoid(h.process.shape, x)),
      },
    ];
    if (p.showInverse && inverse)
      panels.push({
        title: `Inverse: x from y, MSE ${fmt(meanSquaredError(inverse.pred!, h.inverseTest.y))} (not graded)`,
        xLabel: 'y',
        yLabel: 'x',
        x: h.inverseTest.x,
        y: h.inverseTest.y,
        curveX: h.inverseCurveX,
        curveY: inverse.curve!,
        // The best single curve: E[x | y].
        trueY: Float32Array.from(inverseConditionalMeans(h.process, h.inverseCurveX)),
      });
    return { kind: 'curve-panels', panels };
  },
};
