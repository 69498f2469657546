/**
 * Classification problems: `train(data, ctx)` gets the training split and returns a model; the runtime predicts
 * class probabilities for the hidden test inputs (and, for 2-D inputs, a decision-region grid); the grader scores
 * accuracy and cross-entropy against labels the learner's code never saw.
 */
import type { z } from 'zod';
import type { GradingSeed } from '../rng.ts';
import { blobs, blobsParams } from '../datasets/blobs.ts';
import { spiral, spiralParams } from '../datasets/spiral.ts';
import type { Dataset, Split } from '../datasets/types.ts';
import { accuracy, argmaxRow, crossEntropy } from '../metrics.ts';
import type { Evaluation, GeneratorDoc, GridBox, ProblemDef, RegionsPlot } from '../problem.ts';

interface Hidden {
  test: Split;
  /** The decision-region grid evaluated, if any. */
  box?: GridBox;
}

/** The bounding box of 2-D points, padded by 10% so edge points are not on the border. */
function paddedBox(x: Float32Array): RegionsPlot['box'] {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < x.length; i += 2) {
    x0 = Math.min(x0, x[i]!); x1 = Math.max(x1, x[i]!);
    y0 = Math.min(y0, x[i + 1]!); y1 = Math.max(y1, x[i + 1]!);
  }
  const px = (x1 - x0) * 0.1, py = (y1 - y0) * 0.1;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

/**
 * The decision-region grid over the test points, for 2-D inputs when the page asks for one (gridSize): its box, and
 * the `grid` evaluation that makes the runtime draw the regions live from the model passed to ctx.report.
 */
export function regionsGrid(test: Split, gridSize: number | undefined): { box: GridBox; evaluation: Evaluation } | undefined {
  if (test.features !== 2 || !gridSize) return undefined;
  const box = { ...paddedBox(test.x), size: gridSize };
  return { box, evaluation: { key: 'grid', kind: 'grid', box } };
}

/** The regions plot after the run: the grid's classes, and the test points with the class `scores` rank first. */
export function regionsPlot(test: Split, grid: GridBox | undefined, scores: Float32Array | undefined, gridClasses: Float32Array | undefined): RegionsPlot | undefined {
  if (!grid || !gridClasses || !scores) return undefined;
  const { size, ...box } = grid;
  const predicted = new Uint8Array(test.n);
  for (let i = 0; i < test.n; i++) predicted[i] = argmaxRow(scores, i * test.classes, test.classes);
  return { kind: 'regions', box, size, gridClasses: Uint8Array.from(gridClasses), x: test.x, y: test.y, predicted };
}

const doc = {
  entry: '`train(data: Split, ctx)` returns a model; the runtime calls `model.predict` on the hidden test inputs (class probabilities) and, for 2-D inputs, on a decision-region grid',
  metrics: {
    testAccuracy: 'share of hidden test points whose most probable class is the label',
    testCrossEntropy: 'mean −log p(label) over the hidden test points (natural log)',
  },
} satisfies Omit<GeneratorDoc, 'summary'>;

/** A classification generator from a dataset function: the same calls, metrics and plot for every dataset. */
function classification<P>(params: z.ZodType<P>, generate: (p: P, seed: GradingSeed) => Dataset, summary: string): ProblemDef<P, Hidden> {
  return {
    task: 'classification',
    doc: { summary, ...doc },
    params,
    metrics: () => ['testAccuracy', 'testCrossEntropy'],
    make(p, seed, { gridSize }) {
      const { train, test } = generate(p, seed);
      const evals: Evaluation[] = [{ key: 'probs', kind: 'predict', x: test.x, features: test.features, outputs: test.classes, probabilities: true, label: 'model.predict' }];
      const grid = regionsGrid(test, gridSize);
      if (grid) evals.push(grid.evaluation);
      return { calls: [{ arg: train, evals }], hidden: grid ? { test, box: grid.box } : { test } };
    },
    score(_p, { test }, [out]) {
      const probs = out!.probs!;
      return { metrics: { testAccuracy: accuracy(probs, test.y, test.classes), testCrossEntropy: crossEntropy(probs, test.y, test.classes) } };
    },
    plot: (_p, { test, box }, [out]) => regionsPlot(test, box, out?.probs, out?.grid),
  };
}

export const blobsProblem = classification(blobsParams, blobs, 'Gaussian blobs (like scikit-learn\'s make_blobs with fixed centres), one per class.');
export const spiralProblem = classification(spiralParams, spiral, 'The NYU deep-learning course\'s spiral: interleaved arms from the origin, one per class; not linearly separable.');
