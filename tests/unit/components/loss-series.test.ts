/**
 * The live loss chart's data (loss-series.ts): one curve until a validation loss arrives, then two, with gaps
 * where a step has no validation loss; one point per step, in order.
 */
import { describe, expect, it } from 'vitest';
import { LossSeries } from '../../../src/components/loss-series.ts';

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
