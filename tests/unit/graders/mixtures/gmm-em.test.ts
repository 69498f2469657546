/**
 * The gmm-em generator: gmm-fit's problem plus the EM run's history, read as fixed-size arrays; what each history
 * metric finds on hand-made histories (converged or not, rising, not ending at the returned mixture's NLL), and
 * bad iteration counts named. The real EM code and its wrong variants are graded in tests/unit/lessons/em.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { meanNll } from '../../../../graders/mixtures/log-density.ts';
import type { DiagonalGmm } from '../../../../graders/mixtures/gmm.ts';
import { makeProblem } from '../../../../graders/problems/index.ts';
import type { GmmEmInput } from '../../../../graders/problems/mixtures/gmm-em.ts';
import type { CallOutputs } from '../../../../graders/problem.ts';

const params = { components: 4, dims: 2, trainN: 2000, testN: 5000, emRestarts: 5, maxIterations: 10, tolerance: 1e-5 };
const problem = makeProblem({ generator: 'gmmEm', params }, 1);
const input = problem.calls[0]!.arg as GmmEmInput;
const hidden = problem.hidden as { truth: DiagonalGmm; train: Float32Array };
const truth = hidden.truth;
const trainNll = meanNll(truth, hidden.train, 2000);

/** The true mixture returned with this history (padded to maxIterations + 1) and iteration count. */
function outputs(history: number[], iterations = history.length - 1): CallOutputs {
  const padded = new Float32Array(params.maxIterations + 1);
  padded.set(history);
  return {
    weights: Float32Array.from(truth.weights),
    means: Float32Array.from(truth.means.flat()),
    stds: Float32Array.from(truth.stds.flat()),
    nllHistory: padded,
    iterations: Float32Array.of(iterations),
  };
}

describe('gmm-em problem', () => {
  it('gives gmm-fit\'s input plus the stopping rule, and reads the history as maxIterations + 1 numbers and a count', () => {
    expect(input).toMatchObject({ n: 2000, d: 2, k: 4, maxIterations: 10, tolerance: 1e-5 });
    const fit = makeProblem({ generator: 'gmmFit', params: { components: 4, dims: 2, trainN: 2000, testN: 5000, emRestarts: 5 } }, 1);
    expect(input.x).toEqual((fit.calls[0]!.arg as GmmEmInput).x);
    expect(problem.calls[0]!.evals.map((e) => [e.key, 'shape' in e && e.shape])).toEqual([
      ['weights', [4]],
      ['means', [4, 2]],
      ['stds', [4, 2]],
      ['nllHistory', [11]],
      ['iterations', []],
    ]);
  });

  it('a converged, falling history that ends at the returned mixture\'s NLL scores well on all three', () => {
    const history = [trainNll + 0.5, trainNll + 0.1, trainNll + 1e-3, trainNll + 1e-6, trainNll];
    const { metrics, details } = problem.score([outputs(history)]);
    // Relative changes 0.2, 0.05, 5e-4, then 5e-7: the first at or below 1e-5 is iteration 4.
    expect(metrics.convergedAt).toBe(4);
    expect(metrics.nllRise).toBe(0);
    expect(metrics.historyMismatch).toBeLessThan(1e-6);
    expect(details!.convergedAt![0]).toBe('The relative change of your training NLL fell to 0.00001 or below at iteration 4 (your run took 4).');
    expect(details!.historyMismatch![0]).toMatch(/^The last entry of your history \(entry 4\) is 1\.\d{6}; the training NLL of the mixture you returned is 1\.\d{6}\.$/);
  });

  it('a run stopped early never converged, and says by how much it still moved', () => {
    const { metrics, details } = problem.score([outputs([trainNll + 0.5, trainNll])]);
    expect(metrics.convergedAt).toBe(Infinity);
    expect(details!.convergedAt![0]).toMatch(/^After 1 iteration your training NLL still changed by 0\.\d+ \(relative\) per iteration; the stopping rule is /);
  });

  it('a rise is measured relative and located', () => {
    const { metrics, details } = problem.score([outputs([trainNll + 0.5, trainNll + 0.1, trainNll + 0.3, trainNll])]);
    expect(metrics.nllRise).toBeCloseTo(0.2 / (trainNll + 0.1), 5);
    expect(details!.nllRise![0]).toMatch(/^Your training NLL rose from 1\.\d{6} to 2\.\d{6} at iteration 2 \(relative 0\.1\d+\)\.$/);
  });

  it('a history that does not end at the returned mixture\'s NLL is caught: only entries 0 … iterations are read', () => {
    const history = [trainNll + 0.5, trainNll + 0.01, trainNll + 0.01, trainNll];
    const shifted = problem.score([outputs(history, 2)]);
    expect(shifted.metrics.historyMismatch).toBeCloseTo(0.01 / trainNll, 5);
    expect(shifted.metrics.convergedAt).toBe(2);
  });

  it.each([0, 11, 2.5])('names an iteration count of %s and scores the history Infinity', (iterations) => {
    const { metrics, details } = problem.score([outputs([trainNll + 0.5, trainNll], iterations)]);
    expect([metrics.convergedAt, metrics.nllRise, metrics.historyMismatch]).toEqual([Infinity, Infinity, Infinity]);
    expect(details!.convergedAt![0]).toBe(`iterations is ${iterations}; it must be a whole number from 1 to maxIterations (10): how many EM iterations your returned run took.`);
  });

  it('keeps gmm-fit\'s metrics and lines: the held-out NLLs side by side', () => {
    const { metrics, details } = problem.score([outputs([trainNll + 0.5, trainNll])]);
    expect(Math.abs(metrics.nllAboveTrue!)).toBeLessThan(1e-6);
    expect(details!.nllAboveEm![0]).toMatch(/^Held-out NLL \(nats per point\): yours 1\.\d+, the true mixture 1\.\d+, EM \(best of 5\) 1\.\d+\.$/);
  });

  it('an invalid mixture cannot have its history checked', () => {
    const out = outputs([trainNll + 0.5, trainNll]);
    out.stds = new Float32Array(8);
    const { metrics, details } = problem.score([out]);
    expect(metrics.historyMismatch).toBe(Infinity);
    expect(details!.historyMismatch![0]).toBe('Your mixture cannot be scored, so the history cannot be checked against it.');
  });
});
