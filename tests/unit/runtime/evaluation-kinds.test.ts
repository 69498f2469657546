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
  mixture: { key: 'm', kind: 'mixture', pick: 'mdn', x: Float32Array.from([-1, 0, 2]), features: 1, maxComponents: 3 },
};
const calls: LearnerCall[] = [{ arg: undefined, evals: Object.values(evals) }];
const source = `import * as tf from '@tensorflow/tfjs';
export function f() {
  const model = (x: tf.Tensor2D) => tf.softmax(tf.matMul(x, tf.tensor2d([[1, -1, 0.5], [0, 2, -1]])));
  // A two-component mixture density network's heads, as a function: π = softmax, μ linear, σ = exp.
  const mdn = (x: tf.Tensor2D) => ({
    pi: tf.softmax(tf.matMul(x, tf.tensor2d([[1, -1]]))),
    mu: tf.matMul(x, tf.tensor2d([[2, -2]])),
    sigma: tf.exp(tf.matMul(x, tf.tensor2d([[0.1, 0.2]]))),
  });
  return { model, w: [[1, 2, 3], [4, 5, 6]], mdn };
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
    expect([evals.predict, evals.grid, evals.array, evals.mixture].map((e) => kindOf(e).length(e))).toEqual([15, 25, 6, 27]);
    // π, μ, σ blocks of 3 rows × 3 slots: the learner's k = 2, padded with π = 0, μ = 0, σ = 1.
    const m = Array.from(out.m!);
    expect(m.filter((_, j) => j % 3 === 2)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(m[0]! + m[1]!).toBeCloseTo(1, 6);
    expect(m.slice(9, 11)).toEqual([-2, 2]);
    expect(m[18]).toBeCloseTo(Math.exp(-0.1), 6);
    const wire = { calls: [Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Array.from(v)]))] };
    expect(checkOutputs(wire, calls)).toMatchObject({ ok: true });
  });

  const honest = () => ({
    p: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2, 0.3, 0.5, 0, 0, 1],
    g: Array(25).fill(2),
    a: [1, 2, 3, 4, 5, 6],
    m: [0.5, 0.5, 0, 1, 0, 0, 0.2, 0.8, 0, 1, 2, 0, 3, 4, 0, 5, 6, 0, 1, 1, 1, 2, 2, 1, 0.5, 0.5, 1],
  });
  it.each([
    ['a short output', (o: Record<string, number[]>) => (o.a = [1, 2, 3]), 'output "a" of call 1 has 3 values; the problem expects 6'],
    ['a grid cell that is not a class index', (o: Record<string, number[]>) => (o.g![3] = 1.5), 'output "g" of call 1 holds 1.5 at cell 3, which is not a class index'],
    ['probabilities that are not a distribution', (o: Record<string, number[]>) => (o.p![4] = 3), 'output "p" of call 1 row 1 is not a probability distribution (sums to 3.000)'],
    ['mixture weights that do not sum to 1', (o: Record<string, number[]>) => (o.m![0] = 0.9), 'output "m" of call 1 has mixture weights summing to 1.400 in row 0, not a probability distribution'],
    ['a σ that is not positive', (o: Record<string, number[]>) => (o.m![22] = 0), 'output "m" of call 1 has σ = 0 in row 1, not positive'],
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

describe('the mixture kind teaches what a mixture density network must return', () => {
  const e: Evaluation = { key: 'm', kind: 'mixture', x: Float32Array.from([0, 1]), features: 1, maxComponents: 2, label: 'model.predict' };
  const run = (body: string) =>
    runLearner({ source: `import * as tf from '@tensorflow/tfjs';\nexport function f() { return (x: tf.Tensor2D) => ${body}; }`, entry: 'f', seed: 1, calls: [{ arg: undefined, evals: [e] }], tf, backend: 'wasm' });
  const ok = `[tf.softmax(tf.ones([2, 2])), tf.zeros([2, 2]), tf.ones([2, 2])]`;

  it('reads [pi, mu, sigma] and { pi, mu, sigma } alike, leaking no tensor', async () => {
    const before = tf.memory().numTensors;
    const a = await run(ok);
    const b = await run(`({ pi: tf.softmax(tf.ones([2, 2])), mu: tf.zeros([2, 2]), sigma: tf.ones([2, 2]) })`);
    if (!a.ok || !b.ok) throw new Error('expected both to pass');
    expect(Array.from(a.outputs.calls[0]!.m!)).toEqual([0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(b.outputs.calls[0]!.m!)).toEqual(Array.from(a.outputs.calls[0]!.m!));
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['one tensor', `tf.ones([2, 6])`, /returned one tensor; a mixture density network must return \[pi, mu, sigma\]/],
    ['two heads', `[tf.ones([2, 2]), tf.ones([2, 2])]`, /returned an array of 2 values/],
    ['a missing head', `({ pi: tf.softmax(tf.ones([2, 2])), mu: tf.zeros([2, 2]) })`, /whose sigma is undefined/],
    ['mismatched shapes', `[tf.softmax(tf.ones([2, 2])), tf.zeros([2, 3]), tf.ones([2, 2])]`, /mu has shape \[2, 3\]; pi, mu and sigma must all have shape \[2, k\]/],
    ['too many components', `[tf.softmax(tf.ones([2, 3])), tf.zeros([2, 3]), tf.ones([2, 3])]`, /has 3 mixture components; this exercise takes 1 to 2/],
    ['logits for π', `[tf.ones([2, 2]), tf.zeros([2, 2]), tf.ones([2, 2])]`, /pi of row 0 sum to 2.000; they must be probabilities: apply tf.softmax/],
    ['a raw σ head', `[tf.softmax(tf.ones([2, 2])), tf.zeros([2, 2]), tf.neg(tf.ones([2, 2]))]`, /sigma of row 0 is -1; a standard deviation must be positive: put the σ head through tf.exp/],
    ['an overflowed σ', `[tf.softmax(tf.ones([2, 2])), tf.zeros([2, 2]), tf.exp(tf.fill([2, 2], 100))]`, /sigma is Infinity for input row 0/],
  ])('refuses %s with a message that says what to fix', async (_what, body, message) => {
    const before = tf.memory().numTensors;
    const r = await run(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});
