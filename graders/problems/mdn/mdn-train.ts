/**
 * Training a mixture density network (issue 13, lesson 3): `train(data, ctx)` gets the inverse sinusoid problem
 * (input y, target x: up to five x per y) and returns the trained MDN. The runtime reads the predicted mixture
 * (π, μ, σ per input) on a fresh held-out sample of the same process through the `mixture` evaluation, and the
 * grader scores it in float64: the held-out mean NLL (nats per point, ½ log 2π included) above the true conditional
 * density's NLL on the same points, and calibration, the fraction of held-out targets inside each input's central
 * 90 % interval. The excess, not the NLL itself, is graded: each secret seed moves the sinusoid and with it the
 * true density's own NLL (1.2–1.4 and more), while a trained model's distance from it varies far less. The mixture mean's MSE and the mean
 * interval width are reported beside them but never graded: the mixture mean of a good MDN is no better than a
 * plain regression net's (the conditional mean is a curve through no data).
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { centralCoverage, meanIntervalWidth, mixtureFromOutputs, mixtureMean, mixtureMeanNll, invalidMixture, type ConditionalMixture } from '../../mdn/conditional-mixture.ts';
import { inverseTrueNll } from '../../mdn/inverse-density.ts';
import { sampleSinusoid, sinusoidShape, type SinusoidParams } from '../../mdn/sinusoid.ts';
import type { RegressionSplit } from '../../datasets/types.ts';
import { mixtureDensityGrid } from '../../mdn/density-grid.ts';
import type { ProblemDef } from '../../problem.ts';

export const mdnTrainParams = z
  .object({
    trainN: z.number().int().positive().describe('Points in the training split (the learner takes its own validation split out of these).'),
    testN: z.number().int().positive().describe('Points in the hidden held-out split: a fresh sample of the same process, on which NLL and coverage are measured.'),
    noise: z.number().positive().default(1).describe('Standard deviation of the Gaussian noise on the sinusoid (before the columns are swapped).'),
    maxComponents: z.number().int().min(1).max(32).describe('The most mixture components the returned model may predict per input.'),
    level: z.number().gt(0).lt(1).default(0.9).describe('Probability of the central interval whose held-out coverage is graded (0.9: from the 5 % to the 95 % quantile).'),
  })
  .strict();
export type MdnTrainParams = z.infer<typeof mdnTrainParams>;

interface Hidden {
  test: RegressionSplit;
  /** The inputs of the after-run plot's columns: evenly spaced over the held-out inputs' range. */
  gridX: Float32Array;
  /** The true conditional density's held-out NLL (graders/mdn/inverse-density.ts): what no model beats but by chance. */
  trueNll: number;
}

const metricsDoc = {
  excessNll: 'held-out NLL minus the true conditional density\'s NLL on the same points (graders/mdn/inverse-density.ts), nats per point: how far the model is from the best any model can expect (0), whatever the secret curve',
  heldoutNll: 'mean negative log-likelihood of the held-out targets under the predicted mixtures, nats per point (½ log 2π ≈ 0.919 included; Infinity for an invalid mixture)',
  coverage: 'fraction of held-out targets inside their input\'s central `level` interval of the predicted mixture (a calibrated model: ≈ level)',
  intervalWidth: 'mean width of the central `level` intervals (informational: how sharp the calibrated model is)',
  mixtureMeanMse: 'mean squared error of the mixture mean Σ π_k μ_k against the held-out targets (informational: an MDN is not graded on it)',
};

/** Columns and rows of the after-run density plot, and how many held-out points it draws over it. */
const PLOT = { columns: 96, rows: 72, points: 1500 } as const;

/** The sinusoid process the exercise samples: the inverse problem on the original's x range. */
const processOf = (p: MdnTrainParams): SinusoidParams => ({ trainN: p.trainN, testN: p.testN, noise: p.noise, xMin: -10, xMax: 10, inverse: true });

/** The four numbers the page and the scripts quote, from a mixture and the held-out targets. */
export function mixtureScores(m: ConditionalMixture, y: ArrayLike<number>, level: number, trueNll: number): Record<keyof typeof metricsDoc, number> {
  const mean = mixtureMean(m);
  let se = 0;
  for (let i = 0; i < m.n; i++) se += (mean[i]! - y[i]!) ** 2;
  const heldoutNll = mixtureMeanNll(m, y);
  return { excessNll: heldoutNll - trueNll, heldoutNll, coverage: centralCoverage(m, y, level), intervalWidth: meanIntervalWidth(m, level), mixtureMeanMse: se / m.n };
}

export const mdnTrainProblem: ProblemDef<MdnTrainParams, Hidden> = {
  task: 'mdn-train',
  doc: {
    summary: 'The inverse sinusoid problem (x from y, y = 7 sin(0.75x) + 0.5x + N(0, 1), coefficients moved ±5–15 % under a secret seed), to be modelled by a mixture density network.',
    entry: '`train(data: RegressionSplit, ctx)` returns the trained MDN: a model (or function) mapping inputs [n, 1] to `[pi, mu, sigma]` or `{ pi, mu, sigma }`, each [n, k]; the runtime reads the mixture on a fresh held-out sample (`mixture` evaluation)',
    metrics: metricsDoc,
  },
  params: mdnTrainParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const shape = sinusoidShape(seed);
    const train = sampleSinusoid(processOf(p), p.trainN, seed, 'mdn-train/train', shape);
    const test = sampleSinusoid(processOf(p), p.testN, seed, 'mdn-train/test', shape);
    let [lo, hi] = [Infinity, -Infinity];
    for (const v of test.x) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const gridX = Float32Array.from({ length: PLOT.columns }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / PLOT.columns);
    const mixture = (key: string, x: Float32Array) => ({ key, kind: 'mixture' as const, x, features: 1, maxComponents: p.maxComponents, label: 'model.predict' });
    return {
      calls: [{ arg: train, evals: [mixture('mixture', test.x), mixture('grid', gridX)] }],
      hidden: { test, gridX, trueNll: inverseTrueNll(shape, p.noise, -10, 10, test.x, test.y) },
    };
  },
  score(p, { test, trueNll }, [out]) {
    const m = mixtureFromOutputs(out!.mixture!, test.n, p.maxComponents);
    const invalid = invalidMixture(m);
    if (invalid) {
      const line = `Your mixture cannot be scored: ${invalid}.`;
      return { metrics: { excessNll: Infinity, heldoutNll: Infinity, coverage: NaN, intervalWidth: NaN, mixtureMeanMse: NaN }, details: { excessNll: [line], coverage: [line] } };
    }
    const s = mixtureScores(m, test.y, p.level, trueNll);
    const pct = `${Math.round(p.level * 100)} %`;
    const nllLine = `Held-out NLL ${fmt(s.heldoutNll)} nats per point on ${test.n} fresh points (½ log 2π ≈ 0.919 included), with ${m.k} component${m.k === 1 ? '' : 's'}; the true conditional density scores ${fmt(trueNll)} on the same points: ${fmt(s.excessNll)} above it.`;
    const coverageLine = `${fmt(100 * s.coverage)} % of held-out targets lie inside their central ${pct} interval (mean width ${fmt(s.intervalWidth)}).`;
    const mseLine = `Not graded: the mixture mean Σ π·μ has MSE ${fmt(s.mixtureMeanMse)}, no better than a plain regression net's, because one input has several targets.`;
    return {
      metrics: s,
      details: { excessNll: [nllLine, mseLine], coverage: [coverageLine] },
      notes: [
        {
          metric: 'heldoutNll',
          label: 'Held-out NLL (nats per point)',
          value: s.heldoutNll,
          message:
            `Your mixtures' mean negative log-likelihood of ${test.n} fresh targets, ½ log 2π ≈ 0.919 included. It depends on the curve as much as on your model ` +
            `(this data's true density scores ${fmt(trueNll)}), so the check above grades the distance between the two.`,
        },
      ],
    };
  },
  plot(p, { test, gridX }, [out]) {
    if (!out?.grid) return undefined;
    const m = mixtureFromOutputs(out.grid, gridX.length, p.maxComponents);
    if (invalidMixture(m)) return undefined;
    // The targets' range (x on [xMin, xMax]) and a margin of 2, to show a component that spills past the data.
    const [y0, y1] = [processOf(p).xMin - 2, processOf(p).xMax + 2];
    const n = Math.min(PLOT.points, test.n);
    return {
      kind: 'mixture-density',
      x0: gridX[0]! - (gridX[1]! - gridX[0]!) / 2,
      x1: gridX.at(-1)! + (gridX[1]! - gridX[0]!) / 2,
      y0,
      y1,
      columns: gridX.length,
      rows: PLOT.rows,
      density: mixtureDensityGrid(m, y0, y1, PLOT.rows),
      x: test.x.slice(0, n),
      y: test.y.slice(0, n),
    };
  },
};
