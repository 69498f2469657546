/** The shared "compare with a float64 reference" factory: worst error over calls, NaN kept, a line per call. */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { float64Reference, worstElementRelativeError } from '../../../graders/problems/float64-reference.ts';

// A toy generator: each call must return its reference list; the error is element-wise relative.
const toy = float64Reference({
  task: 'toy',
  doc: { summary: 's', entry: 'e', metrics: { maxRelativeError: 'm' } },
  params: z.object({}),
  make: () => ({ calls: [], hidden: [[1, 10], [100, 1000]] }),
  references: (_p, hidden: number[][]) => hidden,
  compare: (_p, ref, out) => {
    const { error, at } = worstElementRelativeError(out.v!, ref);
    return { error, line: `${error} at ${at}` };
  },
});
const score = (...calls: number[][]) => toy.score({}, [[1, 10], [100, 1000]], calls.map((v) => ({ v: Float32Array.from(v) })));

describe('float64Reference', () => {
  it('scores the worst relative error over every call, with one detail line per call', () => {
    const s = score([1, 11], [100, 1000]);
    expect(toy.metrics({})).toEqual(['maxRelativeError']);
    expect(s.metrics.maxRelativeError).toBeCloseTo(0.1, 6);
    expect(s.details!.maxRelativeError).toHaveLength(2);
    expect(s.details!.maxRelativeError![1]).toBe('0 at 0');
  });

  it('a NaN in any call makes the metric NaN, so no bound can pass it', () => {
    expect(score([1, 10], [NaN, 1000]).metrics.maxRelativeError).toBeNaN();
    expect(score([NaN, 10], [100, 2000]).metrics.maxRelativeError).toBeNaN();
  });

  it('worstElementRelativeError measures each element against its own scale and says where', () => {
    expect(worstElementRelativeError([1e-6, 2], [2e-6, 2])).toEqual({ error: 0.5, at: 0 });
    expect(worstElementRelativeError([1, NaN, 3, NaN], [1, 2, 3, 4]).at).toBe(3);
  });
});
