/**
 * What ctx.report carries beyond the training loss: a validation loss, and live frames the learner's code computes
 * (`scatter`, `images`). Each frame kind's schema bounds its size and admits plain numbers only; a bad
 * value gives one learner-facing log line naming the field and never stops the run or the loss curve. Real tfjs
 * (WASM), real transpiler, no mocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import type { LearnerCall } from '../../../graders/problem.ts';
import { parseChildMessage } from '../../../src/runtime/child-messages.ts';
import { childProcessRunner } from '../../../src/runtime/child-runner.ts';
import { readLearnerPlots } from '../../../src/runtime/live-frames/index.ts';
import { MAX_IMAGE_SIDE, MAX_IMAGE_STRIPS, MAX_STRIP_IMAGES } from '../../../src/runtime/live-frames/images.ts';
import { MAX_SCATTER_CLASSES, MAX_SCATTER_POINTS } from '../../../src/runtime/live-frames/scatter.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { runLearner, type LearnerRunResult, type ProgressEvent } from '../../../src/runtime/run-learner.ts';

let tf: typeof TF;
beforeAll(async () => {
  tf = await useNodeBackend('wasm');
});

const calls: LearnerCall[] = [{ arg: undefined, evals: [{ key: 'v', kind: 'array', shape: [1], label: 'x' }] }];
/** Runs `body` as the learner's entry (it returns [0] for the one array evaluation); collects events and logs. */
async function run(body: string): Promise<{ result: LearnerRunResult; events: ProgressEvent[]; logs: string[] }> {
  const events: ProgressEvent[] = [];
  const logs: string[] = [];
  const source = `import * as tf from '@tensorflow/tfjs';\nexport async function f(_: unknown, ctx: any) {\n${body}\n  return [0];\n}`;
  const result = await runLearner({ source, entry: 'f', seed: 1, calls, tf, backend: 'wasm', onProgress: (p) => events.push(p), onLog: (l) => logs.push(l), readPlots: readLearnerPlots });
  return { result, events, logs };
}

const points = (n: number) => Array.from({ length: n }, (_, i) => [i, -i]);
const scatter = (extra: Record<string, unknown> = {}) => ({ kind: 'scatter', points: points(3), ...extra });

describe('scatter frames: bounds and messages', () => {
  it('accepts points, with labels as an array or a typed array (a label tensor read with t.data())', () => {
    expect(readLearnerPlots([scatter()])).toEqual({ plots: [{ kind: 'scatter', points: points(3) }], problems: [] });
    expect(readLearnerPlots([scatter({ labels: Int32Array.from([0, 5, 11]) })]).plots).toEqual([{ kind: 'scatter', points: points(3), labels: [0, 5, 11] }]);
    expect(readLearnerPlots([{ kind: 'scatter', points: points(MAX_SCATTER_POINTS) }]).problems).toEqual([]);
  });

  it.each([
    ['not an array', { kind: 'scatter', points: [] }, /^plots is an object with keys kind, points; it must be an array of frames/],
    ['too many points', [{ kind: 'scatter', points: points(MAX_SCATTER_POINTS + 1) }], /^plots\[0\]\.points: has 2001 points; a frame holds at most 2000$/],
    ['no points', [{ kind: 'scatter', points: [] }], /^plots\[0\]\.points: has no points$/],
    ['a NaN coordinate', [{ kind: 'scatter', points: [[0, 1], [2, NaN]] }], /^plots\[0\]\.points\[1\]\[1\]: expected a finite number, got NaN$/],
    ['an infinite coordinate', [{ kind: 'scatter', points: [[Infinity, 1]] }], /^plots\[0\]\.points\[0\]\[0\]: expected a finite number, got Infinity$/],
    ['a flat array of numbers', [{ kind: 'scatter', points: [1, 2] }], /^plots\[0\]\.points\[0\]: expected an \[x, y\] pair, got 1$/],
    ['a point with three coordinates', [{ kind: 'scatter', points: [[1, 2, 3]] }], /^plots\[0\]\.points\[0\]: expected an \[x, y\] pair, got an array of length 3$/],
    ['a tensor instead of numbers', [{ kind: 'scatter', points: 'tensor' }], /^plots\[0\]\.points: expected an array, got string$/],
    ['a label out of range', [scatter({ labels: [0, 1, MAX_SCATTER_CLASSES] })], /^plots\[0\]\.labels\[2\]: must be below 12$/],
    ['a fractional label', [scatter({ labels: [0, 1.5, 2] })], /^plots\[0\]\.labels\[1\]: expected a whole number, got 1.5$/],
    ['one label short', [scatter({ labels: [0, 1] })], /^plots\[0\]\.labels: has 2 labels for 3 points; give one label per point$/],
    ['too many labels, refused by length', [scatter({ labels: new Uint8Array(MAX_SCATTER_POINTS + 1) })], /^plots\[0\]\.labels: has 2001 labels; a frame holds at most 2000$/],
    ['a misspelled field', [scatter({ label: [0, 1, 2] })], /^plots\[0\]: Unrecognized key: "label"$/],
    ['an unknown kind', [{ kind: 'ellipses', points: [] }], /^plots\[0\]\.kind is "ellipses"; the kinds you can report are "scatter", "images"$/],
    ['regions, which come from the model', [{ kind: 'regions' }], /the kinds you can report are "scatter", "images" \(decision regions are drawn from the model you pass as `model`\)$/],
    ['more frames than kinds', [scatter(), scatter(), scatter()], /^plots has 3 frames; a report holds at most one per kind \(scatter, images\)$/],
    ['a getter that throws', [Object.defineProperty({ kind: 'scatter' }, 'points', { enumerable: true, get: () => { throw new Error('nope'); } })], /^plots could not be read \(nope\)$/],
  ])('%s', (_what, value, message) => {
    const { plots, problems } = readLearnerPlots(value);
    expect(plots).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('a second frame of one kind is left out with a message; the first is drawn', () => {
    expect(readLearnerPlots([scatter(), scatter()])).toEqual({ plots: [scatter()], problems: ['plots[1] is a second "scatter" frame; a report holds at most one frame per kind'] });
  });

  it('a revoked Proxy gives a message, not an exception', () => {
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    expect(readLearnerPlots(proxy).problems[0]).toMatch(/^plots (is|could not be read)/);
  });
});

const grey = (count: number, side = 8) => Array.from({ length: count * side * side }, (_, i) => (i % 17) / 16);
const images = (extra: Record<string, unknown> = {}) => ({ kind: 'images', rows: 8, cols: 8, strips: [{ label: 'digits', images: grey(2) }], ...extra });

describe('images frames: bounds and messages', () => {
  it('accepts strips of flat grey values, as arrays or typed arrays (a tensor read with t.data()), up to the bounds', () => {
    expect(readLearnerPlots([images()])).toEqual({ plots: [images()], problems: [] });
    const typed = readLearnerPlots([images({ strips: [{ label: 'a', images: Float32Array.from(grey(1)) }] })]);
    expect(typed).toEqual({ plots: [images({ strips: [{ label: 'a', images: grey(1) }] })], problems: [] });
    const biggest = { kind: 'images', rows: MAX_IMAGE_SIDE, cols: MAX_IMAGE_SIDE, strips: Array.from({ length: MAX_IMAGE_STRIPS }, () => ({ label: 's', images: new Float32Array(MAX_STRIP_IMAGES * MAX_IMAGE_SIDE ** 2) })) };
    expect(readLearnerPlots([biggest]).problems).toEqual([]);
    expect(readLearnerPlots([images(), { kind: 'scatter', points: points(2) }]).plots).toHaveLength(2);
  });

  it.each([
    ['no strips', [images({ strips: [] })], /^plots\[0\]\.strips: has no strips$/],
    ['too many strips', [images({ strips: Array.from({ length: MAX_IMAGE_STRIPS + 1 }, () => ({ label: 's', images: grey(1) })) })], /^plots\[0\]\.strips: has more than 4 strips$/],
    ['images larger than 28×28', [images({ rows: 29 })], /^plots\[0\]\.rows: must be at most 28$/],
    ['a fractional size', [images({ cols: 7.5 })], /^plots\[0\]\.cols: expected a whole number of pixels, got 7.5$/],
    ['a part of an image', [images({ strips: [{ label: 'd', images: grey(1).slice(1) }] })], /^plots\[0\]\.strips\[0\]\.images: has 63 values, not a whole number \(≥ 1\) of 8×8 images \(64 values each\)$/],
    ['too many images in a strip', [images({ strips: [{ label: 'd', images: grey(MAX_STRIP_IMAGES + 1) }] })], /^plots\[0\]\.strips\[0\]\.images: has 33 images; a strip holds at most 32$/],
    ['an oversized typed array, refused by length', [images({ strips: [{ label: 'd', images: new Float32Array(MAX_STRIP_IMAGES * MAX_IMAGE_SIDE ** 2 + 1) }] })], /^plots\[0\]\.strips\[0\]\.images: has 25089 values; a strip holds at most 32 images of at most 28×28$/],
    ['a NaN pixel', [images({ strips: [{ label: 'd', images: [...grey(1).slice(1), NaN] }] })], /^plots\[0\]\.strips\[0\]\.images\[63\]: expected a finite grey value, got NaN$/],
    ['a tensor instead of numbers', [images({ strips: [{ label: 'd', images: 'tensor' }] })], /^plots\[0\]\.strips\[0\]\.images: expected a flat array of grey values, got string$/],
    ['a missing label', [images({ strips: [{ images: grey(1) }] })], /^plots\[0\]\.strips\[0\]\.label: expected a label string, got undefined$/],
    ['a misspelled field', [images({ strip: [] })], /^plots\[0\]: Unrecognized key: "strip"$/],
  ])('%s', (_what, value, message) => {
    const { plots, problems } = readLearnerPlots(value);
    expect(plots).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});

describe('ctx.report through the runtime', () => {
  it('carries valLoss and a scatter frame computed from a tensor with await t.array(), leaking no tensor', async () => {
    const body = `  const codes = tf.tensor2d([[0, 1], [2, 3]]);
  ctx.report({ step: 0, loss: 1, valLoss: 1.5, plots: [{ kind: 'scatter', points: await codes.array(), labels: [0, 1] }] });
  codes.dispose();
  ctx.report({ step: 1, loss: 0.5, valLoss: 0.75 });`;
    await run(body);
    const before = tf.memory().numTensors;
    const { result, events, logs } = await run(body);
    expect(result.ok).toBe(true);
    expect(logs).toEqual([]);
    expect(events).toEqual([
      { step: 0, loss: 1, valLoss: 1.5, plots: [{ kind: 'scatter', points: [[0, 1], [2, 3]], labels: [0, 1] }] },
      { step: 1, loss: 0.5, valLoss: 0.75 },
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a non-finite valLoss is left out with one log line; the run and the training curve go on', async () => {
    const { result, events, logs } = await run(`  for (let step = 0; step < 5; step++) ctx.report({ step, loss: 1 / (step + 1), valLoss: step >= 2 ? Math.log(0) * -1 : 0.5 });`);
    expect(result.ok).toBe(true);
    expect(events.map((e) => e.step)).toEqual([0, 1, 2, 3, 4]);
    expect(events.map((e) => e.valLoss)).toEqual([0.5, 0.5, undefined, undefined, undefined]);
    expect(logs).toEqual(['ctx.report: valLoss is Infinity (first at step 2); the validation curve leaves such points out, and training goes on. A hand-written loss that takes log(0) on a held-out point does this.']);
  });

  it('epochs becomes the last step the page shows ("epoch 3 / 10"); a bad one is one log line and left out', async () => {
    const good = await run(`  for (let step = 0; step < 3; step++) ctx.report({ step, loss: 1, epochs: 10 });`);
    expect(good.events.map((e) => e.last)).toEqual([9, 9, 9]);
    const bad = await run(`  for (let step = 0; step < 3; step++) ctx.report({ step, loss: 1, epochs: 2.5 });`);
    expect(bad.result.ok).toBe(true);
    expect(bad.events.map((e) => e.last)).toEqual([undefined, undefined, undefined]);
    expect(bad.logs).toEqual(['ctx.report: epochs is a number (2.5); it must be a whole number of at least 1 (the epochs the training will take in all). The page leaves it out.']);
  });

  it('a valLoss that is not a number (a tensor) says how to read it', async () => {
    const { result, logs } = await run(`  const v = tf.scalar(1);\n  ctx.report({ step: 0, loss: 1, valLoss: v });\n  v.dispose();`);
    expect(result.ok).toBe(true);
    expect(logs[0]).toMatch(/^ctx\.report: valLoss is an object .*; it must be a number \(for a tensor, read it first: \(await t\.data\(\)\)\[0\]\)/);
  });

  it('a bad frame is one log line naming the field; every loss point still arrives', async () => {
    const { result, events, logs } = await run(`  for (let step = 0; step < 3; step++) {
    ctx.report({ step, loss: 1, plots: [{ kind: 'scatter', points: [[0, NaN]] }] });
    await new Promise((r) => setTimeout(r, 350));
  }`);
    expect(result.ok).toBe(true);
    expect(events).toEqual([0, 1, 2].map((step) => ({ step, loss: 1 })));
    expect(logs).toEqual(['ctx.report: plots[0].points[0][1]: expected a finite number, got NaN. That frame is not drawn; training goes on.']);
  });

  it('sends a few frames a second, and the last one reported when the entry returns', async () => {
    const { events } = await run(`  for (let step = 0; step < 50; step++) ctx.report({ step, loss: 1, plots: [{ kind: 'scatter', points: [[step, step]] }] });`);
    const framed = events.filter((e) => e.plots);
    // The first frame goes at once; the other 48 fall within the throttle; the newest comes with the newest point.
    expect(framed.map((e) => [e.step, e.plots![0]!.kind === 'scatter' && e.plots![0]!.points[0]![0]])).toEqual([[0, 0], [49, 49]]);
    expect(events.filter((e) => !e.plots).map((e) => e.step)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
  });
});

describe("the grading child's progress frame", () => {
  it('a sandboxed child sends step, loss and valLoss, and never reads the frames (nothing draws them; their schemas stay unloaded)', async () => {
    const runner = childProcessRunner({ backend: 'wasm', timeoutMs: 20_000, sandbox: { memoryMb: 4096 } });
    const events: ProgressEvent[] = [];
    const logs: string[] = [];
    const source = `export async function f(_: unknown, ctx: any) {
  ctx.report({ step: 0, loss: 1, valLoss: 2, plots: [{ kind: 'scatter', points: [[0, 0]], labels: [12] }] });
  return [0];
}`;
    const r = await runner({ source, entry: 'f', seed: 1, calls }, { onProgress: (p) => events.push(p), onLog: (l) => logs.push(l) });
    expect(r.ok).toBe(true);
    expect(events).toEqual([{ step: 0, loss: 1, valLoss: 2 }]);
    expect(logs).toEqual([]);
  }, 30_000);


  it.each([
    [{ type: 'progress', step: 1, loss: 0.5, valLoss: 0.7 }, true],
    [{ type: 'progress', step: 1, loss: 0.5 }, true],
    [{ type: 'progress', step: 1, loss: 0.5, valLoss: null }, false], // JSON's NaN or Infinity
    [{ type: 'progress', step: 1, loss: 0.5, valLoss: '0.7' }, false],
    // Frames stay in the child: the grader has no plot, so a progress message with plots is not the runtime's.
    [{ type: 'progress', step: 1, loss: 0.5, plots: [] }, true],
  ])('%j → accepted: %s', (message, ok) => {
    expect(parseChildMessage(message).ok).toBe(ok);
  });
});
