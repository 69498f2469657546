/**
 * The live loss chart's data (loss-series.ts): one curve until a validation loss arrives, then two, with gaps
 * where a step has no validation loss; one point per step, in order.
 */
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { sinusoidRegressionParams } from '../../../graders/problems/mdn/sinusoid-regression.ts';
import { LossSeries, lossRange } from '../../../src/components/loss-series.ts';

describe('LossSeries', () => {
  it('has one series (training loss) while no validation loss has arrived', () => {
    const s = new LossSeries();
    s.push(0, 1);
    s.push(1, 0.5);
    expect(s.hasValidation).toBe(false);
    expect(s.data()).toEqual([[0, 1], [1, 0.5]]);
  });

  it('adds the validation series with the first validation loss, null where a step has none', () => {
    const s = new LossSeries();
    s.push(0, 1);
    s.push(1, 0.8, 0.9);
    s.push(2, 0.6);
    s.push(3, 0.5, 0.7);
    expect(s.hasValidation).toBe(true);
    expect(s.data()).toEqual([[0, 1, 2, 3], [1, 0.8, 0.6, 0.5], [null, 0.9, null, 0.7]]);
  });

  it('replaces the point of a repeated step (keeping its validation loss) and ignores an earlier step', () => {
    const s = new LossSeries();
    s.push(0, 1, 1.2);
    s.push(1, 0.8, 0.9);
    expect(s.push(1, 0.7)).toBe(true);
    expect(s.push(0, 5)).toBe(false);
    expect(s.data()).toEqual([[0, 1], [1, 0.7], [1.2, 0.9]]);
  });
});

describe('the loss axis and its reference lines', () => {
  it('takes in every reference line, padded; a log axis leaves out references at 0 or below', () => {
    expect(lossRange(0.5, 2, [], false)).toEqual([0.425, 2.075]);
    expect(lossRange(0.5, 2, [{ value: 0.1 }], false)).toEqual([0.1 - 0.095, 2.095]);
    const [lo, hi] = lossRange(0.5, 2, [{ value: 0.01 }, { value: -1 }], true);
    expect(lo).toBeCloseTo(0.01 / 1.3, 12);
    expect(hi).toBeCloseTo(2.6, 12);
    expect(lossRange(1, 1, [], false)).toEqual([0.95, 1.05]);
  });

  const refs = (id: string) => loadExercise(id).meta.lossChart!.references.map((r) => r.value);
  it('the exercises\' lines are what their labels say: chance level = log(classes), noise floor = the noise variance', () => {
    const blobs = loadExercise('04-activation-depth/01-softmax-blobs').meta.data.params as { centers: unknown[] };
    expect(refs('04-activation-depth/01-softmax-blobs')[0]).toBeCloseTo(Math.log(blobs.centers.length), 4);
    const spiral = loadExercise('04-activation-depth/05-spiral').meta.data.params as { classes: number };
    expect(refs('04-activation-depth/05-spiral')[0]).toBeCloseTo(Math.log(spiral.classes), 4);
    // The cubic's noise is noise · U(0, 1): variance noise² / 12 (universal-approximation.mdx derives it).
    const cubic = loadExercise('04-activation-depth/06-cubic').meta.data.params as { noise: number };
    expect(refs('04-activation-depth/06-cubic')[0]).toBeCloseTo(cubic.noise ** 2 / 12, 10);
    const forward = sinusoidRegressionParams.parse(loadExercise('02-mdn/01-forward-mlp').meta.data.params);
    expect(refs('02-mdn/01-forward-mlp')[0]).toBe(forward.noise ** 2);
  });
});
