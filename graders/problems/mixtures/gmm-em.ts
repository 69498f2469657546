/**
 * Fitting a mixture by EM: gmm-fit's problem (2000 points from a hidden random diagonal mixture, held-out NLL against
 * the truth and against the best of several float64 EM runs), plus the run's training-NLL history, so the grader can
 * check what EM promises: the NLL never rises, and its relative change falls below the stated tolerance within the
 * stated number of iterations. The history is not taken on trust: its last entry must be the training NLL of the
 * mixture returned, which the grader recomputes. Built on gmmFitProblem (make, then score) rather than a copy of it,
 * so the Adam exercise's generator stays as it is.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { gmmFromFlat, invalidGmm } from '../../mixtures/gmm.ts';
import { meanNll } from '../../mixtures/log-density.ts';
import type { CallOutputs, ProblemDef } from '../../problem.ts';
import { gmmFitParams, gmmFitProblem, type GmmFitInput } from './gmm-fit.ts';
import type { GmmEmInput } from '../../mixtures/learner-types.ts';

export type { GmmEmInput, GmmEmResult } from '../../mixtures/learner-types.ts';

export const gmmEmParams = gmmFitParams.extend({
  maxIterations: z.number().int().min(1).max(1000).describe('Most EM iterations the returned run may take; nllHistory has room for maxIterations + 1 values.'),
  tolerance: z.number().positive().max(0.1).describe('The stopping rule the learner is given: relative change of the mean training NLL, |NLL_t − NLL_{t−1}| ≤ tolerance · max(|NLL_t|, 1).'),
});
type GmmEmParams = z.infer<typeof gmmEmParams>;
type Hidden = ReturnType<typeof gmmFitProblem.make>['hidden'];

// The learner's input is gmm-fit's plus the stopping rule: a change to either shows here as a type error.
const _sameInput: GmmFitInput extends Omit<GmmEmInput, 'maxIterations' | 'tolerance'> ? true : never = true;
void _sameInput;

const metricsDoc = {
  ...gmmFitProblem.doc.metrics,
  convergedAt: 'the first iteration t of your history whose relative change |NLL_t − NLL_{t−1}| / max(|NLL_t|, 1) is at most `tolerance` (Infinity if none is)',
  nllRise: 'the largest rise of your training-NLL history between two iterations, relative to max(|NLL|, 1) (0 if it never rises; EM guarantees it does not)',
  historyMismatch: 'the last entry of your history minus the training NLL the grader computes for the mixture you returned, in absolute value, relative to max(|NLL|, 1) (Infinity for an invalid mixture)',
};

/**
 * The history crosses the runtime as float32, whose rounding moves each value by up to half a unit in the last
 * place, so a change just inside the tolerance in the learner's float64 can read as just outside it (seen on a
 * secret seed: a run that stopped by the rule read as never converged). The difference of two rounded values is
 * off by at most one unit, 2⁻²³ relative: that much slack, and no more, since on a slow run consecutive changes
 * differ by only ~1 % and a history shifted by one iteration must still read as not converged.
 */
const float32Slack = 2 ** -23;

/** An NLL in a history line: 6 decimals, so a rise of 1e-6 between two iterations shows. */
const nats = (v: number) => v.toFixed(6);

/** The history metrics, and a line each saying what they found. */
function historyScore(p: GmmEmParams, h: Hidden, out: CallOutputs): { metrics: Record<string, number>; details: Record<string, string[]> } {
  const iterations = out.iterations![0]!;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > p.maxIterations) {
    const line = `iterations is ${iterations}; it must be a whole number from 1 to maxIterations (${p.maxIterations}): how many EM iterations your returned run took.`;
    return { metrics: { convergedAt: Infinity, nllRise: Infinity, historyMismatch: Infinity }, details: { convergedAt: [line], nllRise: [line], historyMismatch: [line] } };
  }
  const history = Array.from(out.nllHistory!.subarray(0, iterations + 1));
  const scale = (v: number) => Math.max(Math.abs(v), 1);
  let convergedAt = Infinity, rise = 0, riseAt = 0;
  for (let t = 1; t <= iterations; t++) {
    const change = history[t]! - history[t - 1]!;
    if (convergedAt === Infinity && Math.abs(change) <= p.tolerance * scale(history[t]!) + float32Slack * Math.abs(history[t]!)) convergedAt = t;
    if (change / scale(history[t - 1]!) > rise) [rise, riseAt] = [change / scale(history[t - 1]!), t];
  }
  const last = history[iterations]!;
  const lastChange = Math.abs(last - history[iterations - 1]!) / scale(last);
  const converged = Number.isFinite(convergedAt)
    ? `The relative change of your training NLL fell to ${fmt(p.tolerance)} or below at iteration ${convergedAt} (your run took ${iterations}).`
    : `After ${iterations} iteration${iterations === 1 ? '' : 's'} your training NLL still changed by ${fmt(lastChange)} (relative) per iteration; the stopping rule is ${fmt(p.tolerance)}.`;
  const rose = rise > 0
    ? `Your training NLL rose from ${nats(history[riseAt - 1]!)} to ${nats(history[riseAt]!)} at iteration ${riseAt} (relative ${fmt(rise)}).`
    : `Your training NLL never rose: ${nats(history[0]!)} at the start, ${nats(last)} at the end.`;
  const mine = gmmFromFlat(out.weights!, out.means!, out.stds!, p.dims);
  const trainNll = invalidGmm(mine) ? NaN : meanNll(mine, h.train, p.trainN);
  const historyMismatch = Number.isFinite(trainNll) ? Math.abs(last - trainNll) / scale(trainNll) : Infinity;
  const matched = Number.isFinite(trainNll)
    ? `The last entry of your history (entry ${iterations}) is ${nats(last)}; the training NLL of the mixture you returned is ${nats(trainNll)}.`
    : 'Your mixture cannot be scored, so the history cannot be checked against it.';
  return { metrics: { convergedAt, nllRise: rise, historyMismatch }, details: { convergedAt: [converged], nllRise: [rose], historyMismatch: [matched] } };
}

export const gmmEmProblem: ProblemDef<GmmEmParams, Hidden> = {
  task: 'gmm-em',
  doc: {
    summary: 'gmmFit\'s problem (points from a hidden random diagonal Gaussian mixture, K components to fit) for EM: the learner also returns the training-NLL history of the run, which is checked for convergence and monotonicity.',
    entry: '`fitEm(data: GmmEmInput, ctx)` gets `{ x, n, d, k, maxIterations, tolerance }` and returns `{ weights, means, stds, nllHistory, iterations }` (k, k×d, k×d as gmmFit; nllHistory maxIterations + 1 numbers, of which entries 0 … iterations are read; iterations a number)',
    metrics: metricsDoc,
  },
  params: gmmEmParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed, options) {
    const base = gmmFitProblem.make(p, seed, options);
    const call = base.calls[0]!;
    const arg: GmmEmInput = { ...(call.arg as GmmFitInput), maxIterations: p.maxIterations, tolerance: p.tolerance };
    return {
      calls: [
        {
          arg,
          evals: [
            ...call.evals,
            { key: 'nllHistory', kind: 'array', pick: 'nllHistory', shape: [p.maxIterations + 1], label: 'nllHistory' },
            { key: 'iterations', kind: 'array', pick: 'iterations', shape: [], label: 'iterations' },
          ],
        },
      ],
      hidden: base.hidden,
    };
  },
  score(p, h, outputs) {
    const base = gmmFitProblem.score(p, h, outputs);
    const history = historyScore(p, h, outputs[0]!);
    return { metrics: { ...base.metrics, ...history.metrics }, details: { ...base.details, ...history.details } };
  },
};
