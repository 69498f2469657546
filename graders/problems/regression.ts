/**
 * Regression: `train(data, ctx)` gets inputs and real-valued targets and returns a model; the runtime predicts the
 * hidden test inputs (and a curve over the input range for the plot); the grader scores the mean squared error.
 */
import { cube, cubicParams, cubicShape, sampleCubic, type CubicParams, type CubicShape } from '../datasets/cubic.ts';
import type { RegressionSplit } from '../datasets/types.ts';
import { meanSquaredError } from '../metrics.ts';
import type { ProblemDef } from '../problem.ts';

interface Hidden {
  test: RegressionSplit;
  curveX: Float32Array;
  shape: CubicShape;
}

const CURVE_POINTS = 200;

export const cubicProblem: ProblemDef<CubicParams, Hidden> = {
  task: 'regression',
  doc: {
    summary: 'A noisy cubic y = a·x³ + b + noise (a = 1, b = 0 on public seeds; hidden under a secret seed).',
    entry: '`train(data: RegressionSplit, ctx)` returns a model; the runtime calls `model.predict` on the hidden test inputs and on a curve over the input range for the plot',
    metrics: { testMSE: 'mean squared error on the hidden test points (noise²/12 is the floor)' },
  },
  params: cubicParams,
  metrics: () => ['testMSE'],
  make(p, seed) {
    const shape = cubicShape(seed);
    const train = sampleCubic(p, p.trainN, seed, 'cubic/train', shape);
    const test = sampleCubic(p, p.testN, seed, 'cubic/test', shape);
    const curveX = Float32Array.from({ length: CURVE_POINTS }, (_, i) => p.xMin + ((p.xMax - p.xMin) * i) / (CURVE_POINTS - 1));
    return {
      calls: [
        {
          arg: train,
          evals: [
            { key: 'pred', kind: 'predict', x: test.x, features: 1, outputs: 1, label: 'model.predict' },
            { key: 'curve', kind: 'predict', x: curveX, features: 1, outputs: 1, label: 'model.predict' },
          ],
        },
      ],
      hidden: { test, curveX, shape },
    };
  },
  score(_p, { test }, [out]) {
    return { metrics: { testMSE: meanSquaredError(out!.pred!, test.y) } };
  },
  plot(p, { test, curveX, shape }, [out]) {
    // The best possible prediction is the conditional mean: a·x³ + b plus the noise's mean, noise/2.
    const trueY = curveX.map((x) => shape.a * cube(x) + shape.b + p.noise / 2);
    return { kind: 'curve', x: test.x, y: test.y, curveX, curveY: out!.curve!, trueY };
  },
};
