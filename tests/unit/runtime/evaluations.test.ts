/**
 * The runtime's generic evaluations (graders/problem.ts) on real tfjs (WASM): predict on a returned model or
 * function, pick a property, read arrays of a given shape, several calls, live decision-region frames, and a
 * message that names the problem for each way a return value can be wrong. No exercise files involved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import type { Evaluation, LearnerCall } from '../../../graders/problem.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { runLearner, type LearnerRunResult, type ProgressEvent } from '../../../src/runtime/run-learner.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await useNodeBackend('wasm');
});

const run = (source: string, calls: LearnerCall[], onProgress?: (p: ProgressEvent) => void): Promise<LearnerRunResult> =>
  runLearner({ source, entry: 'f', seed: 1, calls, tf, backend: 'wasm', ...(onProgress && { onProgress }) });

const predict2 = (extra: Partial<Extract<Evaluation, { kind: 'predict' }>> = {}): Evaluation => ({
  key: 'out',
  kind: 'predict',
  x: Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]),
  features: 2,
  outputs: 1,
  ...extra,
});

const errorOf = (r: LearnerRunResult) => (r.ok ? null : r.error);

describe('predict evaluations', () => {
  it('calls a returned function, accepting [n] or [n, 1] for one output', async () => {
    for (const body of ['x.sum(1)', 'x.sum(1, true)']) {
      const r = await run(`import * as tf from '@tensorflow/tfjs';\nexport function f() { return (x: tf.Tensor2D) => ${body}; }`, [{ arg: undefined, evals: [predict2()] }]);
      expect(r.ok && Array.from(r.outputs.calls[0]!.out!)).toEqual([0, 1, 1, 2]);
    }
  });

  it('picks a named property and says which one is missing', async () => {
    const src = `export function f() { return { AND: (x: any) => x.min(1) }; }`;
    const ok = await run(src, [{ arg: undefined, evals: [predict2({ pick: 'AND', label: 'AND' })] }]);
    expect(ok.ok && Array.from(ok.outputs.calls[0]!.out!)).toEqual([0, 0, 0, 1]);
    const missing = await run(src, [{ arg: undefined, evals: [predict2({ pick: 'OR', label: 'OR' })] }]);
    expect(errorOf(missing)).toMatchObject({ kind: 'bad-output' });
    expect(errorOf(missing)!.message).toMatch(/without "OR"/);
    const notFn = await run(`export function f() { return { OR: 3 }; }`, [{ arg: undefined, evals: [predict2({ pick: 'OR', label: 'OR' })] }]);
    expect(errorOf(notFn)!.message).toMatch(/^OR is a number \(3\); it must be a model .* or a function/);
  });

  it('names a wrong output shape and non-finite outputs', async () => {
    const wide = await run(`export function f() { return (x: any) => x; }`, [{ arg: undefined, evals: [predict2()] }]);
    expect(errorOf(wide)!.message).toMatch(/returned a tensor of shape \[4, 2\] for 4 input rows; expected \[4, 1\]/);
    const nan = await run(`export function f() { return (x: any) => x.sum(1).div(0).mul(0); }`, [{ arg: undefined, evals: [predict2()] }]);
    expect(errorOf(nan)).toMatchObject({ kind: 'nan' });
  });

  it('reports a throw inside the returned function with where it happened', async () => {
    const r = await run(`export function f() {\n  return (x: any) => {\n    throw new Error('inside');\n  };\n}`, [{ arg: undefined, evals: [predict2({ label: 'XOR' })] }]);
    expect(errorOf(r)).toMatchObject({ kind: 'thrown', line: 3 });
    expect(errorOf(r)!.message).toMatch(/when the grader called XOR/);
  });
});

describe('array evaluations', () => {
  const arrayEval = (shape: number[]): Evaluation => ({ key: 'w', kind: 'array', pick: 'weights', shape, label: 'weights' });

  it('reads tensors, typed arrays and nested arrays of the right shape', async () => {
    for (const value of ['tf.tensor2d([[1, 2, 3], [4, 5, 6]])', '[[1, 2, 3], [4, 5, 6]]']) {
      const r = await run(`import * as tf from '@tensorflow/tfjs';\nexport function f() { return { weights: ${value} }; }`, [{ arg: undefined, evals: [arrayEval([2, 3])] }]);
      expect(r.ok && Array.from(r.outputs.calls[0]!.w!)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const flat = await run(`export function f() { return Float32Array.from([1, 2]); }`, [{ arg: undefined, evals: [{ key: 'n', kind: 'array', shape: [2], label: 'norms' }] }]);
    expect(flat.ok && Array.from(flat.outputs.calls[0]!.n!)).toEqual([1, 2]);
  });

  it('says a matrix is transposed, and names ragged or non-numeric values', async () => {
    const t = await run(`export function f() { return { weights: [[1, 2], [3, 4], [5, 6]] }; }`, [{ arg: undefined, evals: [arrayEval([2, 3])] }]);
    expect(errorOf(t)!.message).toMatch(/weights has shape \[3, 2\]; expected \[2, 3\]\. It is transposed/);
    const ragged = await run(`export function f() { return { weights: [[1, 2], [3]] }; }`, [{ arg: undefined, evals: [arrayEval([2, 2])] }]);
    expect(errorOf(ragged)!.message).toMatch(/weights is an array of length 2; it must be a tensor or an array of numbers of shape \[2, 2\]/);
    const nan = await run(`export function f() { return { weights: [[1, NaN]] }; }`, [{ arg: undefined, evals: [arrayEval([1, 2])] }]);
    expect(errorOf(nan)).toMatchObject({ kind: 'nan' });
  });

  it('runs one call per argument, naming the failing call by its label', async () => {
    const calls: LearnerCall[] = [1, 2, 3].map((k) => ({ arg: k, label: `case ${k}`, evals: [{ key: 'v', kind: 'array', shape: [k], label: 'values' }] }));
    const ok = await run(`export function f(k: number) { return Array.from({ length: k }, (_, i) => i * k); }`, calls);
    expect(ok.ok && ok.outputs.calls.map((c) => Array.from(c.v!))).toEqual([[0], [0, 2], [0, 3, 6]]);
    const bad = await run(`export function f(k: number) { return k === 2 ? [1] : Array(k).fill(0); }`, calls);
    expect(errorOf(bad)!.message).toMatch(/for case 2 has shape \[1\]; expected \[2\]/);
  });

  it('gives every call its own copy of the argument', async () => {
    const arg = { x: Float32Array.from([1, 2]) };
    const calls: LearnerCall[] = [0, 1].map(() => ({ arg, evals: [{ key: 'v', kind: 'array', shape: [2], label: 'x' }] }));
    const r = await run(`export function f(a: { x: Float32Array }) { a.x[0] = a.x[0]! * 10; return a.x; }`, calls);
    expect(r.ok && r.outputs.calls.map((c) => c.v![0])).toEqual([10, 10]);
    expect(arg.x[0]).toBe(1);
  });
});

describe('live decision regions', () => {
  it('sends grid frames when the learner reports its model, and none when it does not', async () => {
    const grid: Evaluation = { key: 'grid', kind: 'grid', box: { x0: -1, x1: 1, y0: -1, y1: 1, size: 4 } };
    const src = (withModel: boolean) => `import * as tf from '@tensorflow/tfjs';
export async function f(_: unknown, ctx: any) {
  // Class 1 where x > 0: the regions are the right half of the box.
  const model = (x: tf.Tensor2D) => tf.tidy(() => tf.concat([x.slice([0, 0], [-1, 1]).neg(), x.slice([0, 0], [-1, 1])], 1));
  ctx.report({ step: 0, loss: 1${withModel ? ', model' : ''} });
  await new Promise((r) => setTimeout(r, 50));
  return model;
}`;
    const frames: ProgressEvent[] = [];
    const r = await run(src(true), [{ arg: undefined, evals: [grid] }], (p) => frames.push(p));
    expect(r.ok).toBe(true);
    const regions = frames.flatMap((f) => f.plots ?? []).find((p) => p.kind === 'regions');
    expect(regions?.box).toMatchObject({ size: 4 });
    expect(regions?.size).toBe(4);
    expect(Array.from(regions!.gridClasses)).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]);
    expect(r.ok && Array.from(r.outputs.calls[0]!.grid!)).toEqual(Array.from(regions!.gridClasses));
    const plain: ProgressEvent[] = [];
    await run(src(false), [{ arg: undefined, evals: [grid] }], (p) => plain.push(p));
    expect(plain).toEqual([{ step: 0, loss: 1 }]);
  });

  it('predicts no live grid when nobody listens for progress', async () => {
    const grid: Evaluation = { key: 'grid', kind: 'grid', box: { x0: -1, x1: 1, y0: -1, y1: 1, size: 4 } };
    let predictions = 0;
    (globalThis as { countPrediction?: () => void }).countPrediction = () => predictions++;
    const src = `import * as tf from '@tensorflow/tfjs';
export async function f(_: unknown, ctx: any) {
  const model = (x: tf.Tensor2D) => { (globalThis as any).countPrediction(); return tf.tidy(() => tf.concat([x.slice([0, 0], [-1, 1]).neg(), x.slice([0, 0], [-1, 1])], 1)); };
  ctx.report({ step: 0, loss: 1, model });
  await new Promise((r) => setTimeout(r, 50));
  return model;
}`;
    try {
      const r = await run(src, [{ arg: undefined, evals: [grid] }]);
      expect(r.ok).toBe(true);
      expect(predictions).toBe(1); // the graded grid only, not a live frame
    } finally {
      delete (globalThis as { countPrediction?: () => void }).countPrediction;
    }
  });

  it('leaks no tensors across runs', async () => {
    const src = `import * as tf from '@tensorflow/tfjs';\nexport function f() { return { weights: tf.ones([2, 3]), g: (x: tf.Tensor2D) => x.sum(1) }; }`;
    const calls: LearnerCall[] = [{ arg: undefined, evals: [{ key: 'w', kind: 'array', pick: 'weights', shape: [2, 3], label: 'weights' }, predict2({ pick: 'g' })] }];
    await run(src, calls);
    const before = tf.memory().numTensors;
    await run(src, calls);
    await run(src, calls);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the live loss curve over several calls', () => {
  it('goes on past the previous call’s last step, so a second training (the inverse problem) shows after the first', async () => {
    const src = `export async function f(_: unknown, ctx: any) {
  for (let step = 0; step < 3; step++) ctx.report({ step, loss: 10 - step });
  return (x: any) => x.sum(1);
}`;
    const events: ProgressEvent[] = [];
    const call = { arg: undefined, evals: [predict2()] };
    const r = await run(src, [call, call], (p) => events.push(p));
    expect(r.ok).toBe(true);
    const steps = events.map((e) => e.step);
    // Every step increases, the first call's start at 0 and the second's right after the first call's last.
    expect(steps.every((s, i) => i === 0 || s > steps[i - 1]!)).toBe(true);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(5);
    expect(events.at(-1)!.loss).toBe(8);
  });
});
