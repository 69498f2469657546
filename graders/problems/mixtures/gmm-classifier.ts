/**
 * A mixture classifier: `train(data, ctx)` gets points of several classes, each drawn from a hidden mixture of an
 * unknown number of clusters, and returns a model whose predict gives one score per class (e.g. log p(x | class)
 * from one fitted mixture per class; the argmax is the prediction, so logits or probabilities both work). The
 * Bayes-optimal accuracy varies from about 61 % to 88 % with the seed, so the grader bounds the ratio of the
 * learner's accuracy to it, both measured on the same hidden validation points (graders/mixtures/bayes.ts).
 */
import { mixtureClasses, mixtureClassesParams, type MixtureClassesParams } from '../../datasets/mixture-classes.ts';
import type { Split } from '../../datasets/types.ts';
import { fmt } from '../../format.ts';
import { accuracy } from '../../metrics.ts';
import { bayesPredict } from '../../mixtures/bayes.ts';
import type { Evaluation, GridBox, ProblemDef } from '../../problem.ts';
import { regionsGrid, regionsPlot } from '../classification.ts';

interface Hidden {
  test: Split;
  bayesAccuracy: number;
  /** The class-region grid evaluated (2-D inputs, when the page asks for regions), drawn live and after the run. */
  box?: GridBox;
}

const metricsDoc = {
  accuracyOverBayes: 'your validation accuracy divided by the Bayes-optimal accuracy (the true mixtures\' argmax) on the same hidden points; 1 is the best possible on average',
  testAccuracy: 'share of hidden validation points whose highest-scoring class is the label',
  bayesAccuracy: 'the Bayes-optimal classifier\'s accuracy on the same points (shown beside yours)',
};

export const gmmClassifierProblem: ProblemDef<MixtureClassesParams, Hidden> = {
  task: 'gmm-classifier',
  doc: {
    summary: 'Classes that are each an equal-weight mixture of 2–10 random clusters (issue 12), to be classified as well as the Bayes-optimal rule allows.',
    entry: '`train(data: Split, ctx)` returns a model (or function); the runtime calls it on the hidden validation inputs and reads one score per class (log-densities, logits or probabilities: only the argmax counts); for 2-D data also on a class-region grid, drawn live from the model passed to ctx.report',
    metrics: metricsDoc,
  },
  params: mixtureClassesParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed, { gridSize }) {
    const { mixtures, train, test } = mixtureClasses(p, seed);
    const bayes = bayesPredict(mixtures, test.x, test.n);
    const bayesAccuracy = bayes.reduce((s, c, i) => s + (c === test.y[i] ? 1 : 0), 0) / test.n;
    const evals: Evaluation[] = [{ key: 'scores', kind: 'predict', x: test.x, features: test.features, outputs: test.classes, label: 'model.predict' }];
    // As the classification generators do: a grid over the data makes the page draw the class regions, live from
    // the model passed to ctx.report and once more after the run.
    const grid = regionsGrid(test, gridSize);
    if (grid) evals.push(grid.evaluation);
    return { calls: [{ arg: train, evals }], hidden: grid ? { test, bayesAccuracy, box: grid.box } : { test, bayesAccuracy } };
  },
  score(_p, { test, bayesAccuracy }, [out]) {
    const testAccuracy = accuracy(out!.scores!, test.y, test.classes);
    const accuracyOverBayes = testAccuracy / bayesAccuracy;
    const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
    const line = `Accuracy on ${test.n} hidden points: yours ${pct(testAccuracy)}, Bayes-optimal (the true mixtures) ${pct(bayesAccuracy)}; ratio ${fmt(accuracyOverBayes)}.`;
    return { metrics: { accuracyOverBayes, testAccuracy, bayesAccuracy }, details: { accuracyOverBayes: [line] } };
  },
  plot: (_p, { test, box }, [out]) => regionsPlot(test, box, out?.scores, out?.grid),
};
