/**
 * Fitting a mixture: the entry gets 2000 points drawn from a hidden random diagonal mixture (issue 12: K components,
 * means ~ N(0, I), stds 0.25 … 0.5, random weights) and returns its fitted { weights, means, stds }, by gradient
 * descent or by EM. The grader scores the mean NLL on hidden held-out points from the same mixture against the true
 * mixture's NLL and against the best of several float64 EM runs (graders/mixtures/em.ts) on the same training
 * points, and shows the three side by side; and whether the fit had converged, by how much one more EM step from it
 * would lower its training NLL. Components may come back in any order: only the density is scored.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { emStep, fitEmRestarts } from '../../mixtures/em.ts';
import { gmmFromFlat, invalidGmm, type DiagonalGmm } from '../../mixtures/gmm.ts';
import { meanNll } from '../../mixtures/log-density.ts';
import { randomFitMixture } from '../../mixtures/random-mixture.ts';
import type { GmmFitInput } from '../../mixtures/learner-types.ts';
import { sampleGmm } from '../../mixtures/sample.ts';
import { makeRng } from '../../rng.ts';
import type { ProblemDef } from '../../problem.ts';

export const gmmFitParams = z
  .object({
    components: z.number().int().min(1).max(32).describe('Components K of the hidden mixture, and of the mixture the learner returns.'),
    dims: z.number().int().min(1).max(16).describe('Dimensions d of the points.'),
    trainN: z.number().int().positive().describe('Training points the entry receives.'),
    testN: z.number().int().positive().describe('Hidden held-out points the NLLs are measured on.'),
    emRestarts: z.number().int().min(1).max(50).describe('k-means++ starts of the reference EM; the best (lowest training NLL) is compared with.'),
  })
  .strict();
type GmmFitParams = z.infer<typeof gmmFitParams>;

export type { GmmFitInput } from '../../mixtures/learner-types.ts';

interface Hidden {
  train: Float32Array;
  truth: DiagonalGmm;
  em: DiagonalGmm;
  test: Float64Array;
  trueNll: number;
  emNll: number;
}

const metricsDoc = {
  nllAboveTrue: 'held-out mean NLL of your mixture minus the true mixture\'s, nats per point (≈ 0 is as good as the truth; Infinity for an invalid mixture)',
  nllAboveEm: 'held-out mean NLL of your mixture minus that of the best of `emRestarts` float64 EM runs on the same training points (graders/mixtures/em.ts)',
  heldoutNll: 'held-out mean NLL of your mixture, nats per point (shown beside the next two)',
  trueNll: 'held-out mean NLL of the true generating mixture',
  emNll: 'held-out mean NLL of the reference EM fit',
  emStepChange: 'how much one EM step from your mixture lowers its training NLL, relative to max(|NLL|, 1): about 0 for a converged fit (EM\'s own stopping rule; slightly negative is possible, from the 1e-6 variance floor), Infinity for an invalid mixture',
};

export const gmmFitProblem: ProblemDef<GmmFitParams, Hidden> = {
  task: 'gmm-fit',
  doc: {
    summary: 'Points from a hidden random diagonal Gaussian mixture (issue 12\'s: means ~ N(0, I), stds 0.25 … 0.5, random weights), to be fitted with K components.',
    entry: '`fitMixture(data: GmmFitInput, ctx)` gets `{ x, n, d, k }` and returns `{ weights, means, stds }` (k, k×d, k×d; weights summing to 1, stds > 0); the runtime reads the three arrays',
    metrics: metricsDoc,
  },
  params: gmmFitParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const truth = randomFitMixture(makeRng(seed, 'gmm-fit/mixture'), p.components, p.dims);
    const train = Float32Array.from(sampleGmm(truth, p.trainN, makeRng(seed, 'gmm-fit/train')).x);
    const test = sampleGmm(truth, p.testN, makeRng(seed, 'gmm-fit/test')).x;
    const em = fitEmRestarts(train, p.trainN, p.dims, p.components, makeRng(seed, 'gmm-fit/em'), p.emRestarts).gmm;
    const arg: GmmFitInput = { x: train, n: p.trainN, d: p.dims, k: p.components };
    const { components: k, dims: d } = p;
    return {
      calls: [
        {
          arg,
          evals: [
            { key: 'weights', kind: 'array', pick: 'weights', shape: [k], label: 'weights' },
            { key: 'means', kind: 'array', pick: 'means', shape: [k, d], label: 'means' },
            { key: 'stds', kind: 'array', pick: 'stds', shape: [k, d], label: 'stds' },
          ],
        },
      ],
      hidden: { train, truth, em, test, trueNll: meanNll(truth, test, p.testN), emNll: meanNll(em, test, p.testN) },
    };
  },
  score(p, h, [out]) {
    const mine = gmmFromFlat(out!.weights!, out!.means!, out!.stds!, p.dims);
    const invalid = invalidGmm(mine);
    const heldoutNll = invalid ? Infinity : meanNll(mine, h.test, p.testN);
    const step = invalid ? undefined : emStep(mine, h.train, p.trainN, p.dims);
    const emStepChange = step ? (step.before - step.after) / Math.max(Math.abs(step.before), 1) : Infinity;
    const metrics = { nllAboveTrue: heldoutNll - h.trueNll, nllAboveEm: heldoutNll - h.emNll, heldoutNll, trueNll: h.trueNll, emNll: h.emNll, emStepChange };
    const line = invalid
      ? `Your mixture cannot be scored: ${invalid}.`
      : `Held-out NLL (nats per point): yours ${fmt(heldoutNll)}, the true mixture ${fmt(h.trueNll)}, EM (best of ${p.emRestarts}) ${fmt(h.emNll)}.`;
    const stepLine = step ? `One more EM step from your mixture would lower its training NLL from ${fmt(step.before)} to ${fmt(step.after)} (relative change ${fmt(emStepChange)}).` : line;
    return { metrics, details: { nllAboveTrue: [line], nllAboveEm: [line], emStepChange: [stepLine] } };
  },
};
