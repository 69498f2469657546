/**
 * The table of evaluation kinds (src/runtime/evaluate/kinds.ts): what each kind reads in the learner's realm is
 * exactly what it tells the parent to expect (length, and its re-check passes), and the parent's validation of a
 * child's result (child-messages.ts) goes through each kind's declaration, so a forged result is refused. Non-finite
 * values reach the generator only for an evaluation that grades them, as tokens on the wire (wire-values.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import type { Evaluation, LearnerCall } from '../../../graders/problem.ts';
import { checkOutputs, parseChildMessage } from '../../../src/runtime/child-messages.ts';
import { evaluationKinds, kindOf } from '../../../src/runtime/evaluate/kinds.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { runLearner } from '../../../src/runtime/run-learner.ts';
import { wireValue } from '../../../src/runtime/wire-values.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await useNodeBackend('wasm');
});

/** One evaluation of each kind, on a return value `{ model, w }` (model: softmax over 3 classes of 2-D inputs). */
const evals: Record<Evaluation['kind'], Evaluation> = {
  predict: { key: 'p', kind: 'predict', pick: 'model', x: Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1, -1, 0.5]), features: 2, outputs: 3, probabilities: true },
  grid: { key: 'g', kind: 'grid', pick: 'model', box: { x0: -1, x1: 1, y0: -1, y1: 1, size: 5 } },
  array: { key: 'a', kind: 'array', pick: 'w', shape: [2, 3], label: 'the weights' },
};
const calls: LearnerCall[] = [{ arg: undefined, evals: Object.values(evals) }];
const source = `import * as tf from '@tensorflow/tfjs';
export function f() {
  const model = (x: tf.Tensor2D) => tf.softmax(tf.matMul(x, tf.tensor2d([[1, -1, 0.5], [0, 2, -1]])));
  return { model, w: [[1, 2, 3], [4, 5, 6]] };
}`;

describe('evaluation kinds', () => {
  it('has an entry for every kind, each declaring its length and re-check', () => {
    expect(Object.keys(evaluationKinds).sort()).toEqual(Object.keys(evals).sort());
    for (const kind of Object.values(evaluationKinds)) {
      expect(typeof kind.read).toBe('function');
      expect(typeof kind.length).toBe('function');
      expect(typeof kind.check).toBe('function');
    }
    expect(() => kindOf({ key: 'x', kind: 'sample' } as never)).toThrow(/unknown evaluation kind "sample"/);
  });

  it('reads exactly what it declares: the parent accepts an honest run’s outputs as they are', async () => {
    const r = await runLearner({ source, entry: 'f', seed: 1, calls, tf, backend: 'wasm' });
    if (!r.ok) throw new Error(r.error.message);
    const out = r.outputs.calls[0]!;
    for (const e of Object.values(evals)) {
      expect(out[e.key]).toHaveLength(kindOf(e).length(e));
      expect(kindOf(e).check(e, out[e.key]!)).toBeUndefined();
    }
    expect([evals.predict, evals.grid, evals.array].map((e) => kindOf(e).length(e))).toEqual([15, 25, 6]);
    const wire = { calls: [Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Array.from(v)]))] };
    expect(checkOutputs(wire, calls)).toMatchObject({ ok: true });
  });

  const honest = () => ({ p: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2, 0.3, 0.5, 0, 0, 1], g: Array(25).fill(2), a: [1, 2, 3, 4, 5, 6] });
  it.each([
    ['a short output', (o: Record<string, number[]>) => (o.a = [1, 2, 3]), 'output "a" of call 1 has 3 values; the problem expects 6'],
    ['a grid cell that is not a class index', (o: Record<string, number[]>) => (o.g![3] = 1.5), 'output "g" of call 1 holds 1.5 at cell 3, which is not a class index'],
    ['probabilities that are not a distribution', (o: Record<string, number[]>) => (o.p![4] = 3), 'output "p" of call 1 row 1 is not a probability distribution (sums to 3.000)'],
    ['a negative probability', (o: Record<string, number[]>) => ((o.p![0] = 1.5), (o.p![1] = -0.5)), 'output "p" of call 1 row 0 is not a probability distribution (sums to 1.000)'],
  ])('the parent refuses %s', (_what, forge, why) => {
    const o = honest();
    expect(checkOutputs({ calls: [o] }, calls)).toMatchObject({ ok: true });
    forge(o);
    expect(checkOutputs({ calls: [o] }, calls)).toEqual({ ok: false, why });
  });
});

describe('non-finite values an evaluation grades (the array kind’s allowNonFinite)', () => {
  const graded: Evaluation = { key: 'lp', kind: 'array', shape: [3], label: 'the log-densities', allowNonFinite: true };
  const plain: Evaluation = { key: 'lp', kind: 'array', shape: [3], label: 'the log-densities' };
  const returning = `export function f() { return [-1.5, -Infinity, NaN]; }`;

  it('the reader passes −Infinity and NaN on when the evaluation grades them, and stops the run otherwise', async () => {
    const r = await runLearner({ source: returning, entry: 'f', seed: 1, calls: [{ arg: undefined, evals: [graded] }], tf, backend: 'wasm' });
    if (!r.ok) throw new Error(r.error.message);
    expect(Array.from(r.outputs.calls[0]!.lp!)).toEqual([-1.5, -Infinity, NaN]);
    const refused = await runLearner({ source: returning, entry: 'f', seed: 1, calls: [{ arg: undefined, evals: [plain] }], tf, backend: 'wasm' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'nan', message: 'The value f() returned contains -Infinity at index 1.' } });
  });

  it('a non-finite value travels as its token, and the parent reads it back only for an evaluation that grades it', () => {
    const sent = JSON.parse(JSON.stringify({ calls: [{ lp: [-1.5, -Infinity, NaN].map(wireValue) }] }));
    expect(sent.calls[0].lp).toEqual([-1.5, '-Infinity', 'NaN']);
    const back = checkOutputs(sent, [{ arg: undefined, evals: [graded] }]);
    expect(back.ok && Array.from(back.calls[0]!.lp!)).toEqual([-1.5, -Infinity, NaN]);
    expect(checkOutputs(sent, [{ arg: undefined, evals: [plain] }])).toEqual({ ok: false, why: 'output "lp" of call 1 holds -Infinity at index 1; this evaluation takes finite numbers only' });
  });

  it.each([
    ['a predict evaluation', 'p', 9],
    ['a grid evaluation', 'g', 3],
  ])('the parent refuses a token in %s', (_what, key, at) => {
    const o: Record<string, (number | string)[]> = { p: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2, 0.3, 0.5, 0, 0, 1], g: Array(25).fill(2), a: [1, 2, 3, 4, 5, 6] };
    o[key]![at] = 'Infinity';
    expect(checkOutputs({ calls: [o] } as never, calls)).toEqual({ ok: false, why: `output "${key}" of call 1 holds Infinity at index ${at}; this evaluation takes finite numbers only` });
  });

  it.each([['-inf'], ['null'], ['1e400'], ['-Infinity ']])('the schema admits no other string: %j', (token) => {
    const frame = { type: 'result', nonce: 'n', result: { ok: true, outputs: { calls: [{ lp: [-1.5, token, 0] }] } } };
    expect(parseChildMessage(frame)).toMatchObject({ ok: false });
    expect(parseChildMessage({ ...frame, result: { ok: true, outputs: { calls: [{ lp: [-1.5, '-Infinity', 0] }] } } })).toMatchObject({ ok: true });
  });
});
