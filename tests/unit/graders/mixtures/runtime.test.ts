/**
 * The Mixtures generators through the real runtime (runExercise, in-thread, WASM): learner TypeScript receives
 * the posed data, its return values are read by the existing evaluation kinds (array with pick, predict), and the
 * grade comes out as the generators' metrics. No new evaluation kind is needed; this test is what says so. The
 * metas are built here (no exercise folders yet: the exercises come later).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseExercise, type ExerciseMeta } from '../../../../graders/schema.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../../../src/runtime/run-exercise.ts';
import type { GeneratorName } from '../../../../graders/problems/index.ts';

let tf: Awaited<ReturnType<typeof useNodeBackend>>;
beforeAll(async () => {
  tf = await useNodeBackend('wasm');
});

/** A meta for `generator` with one check (`metric` ≤ `max`); the bound here is a test's, not an exercise's. */
function meta(generator: GeneratorName, params: object, entry: string, metric: string, max: number): ExerciseMeta {
  const raw = { formatVersion: 1, title: 't', summary: 's', lesson: 'mixtures/x', entry, seed: 1, timeoutMs: 60000, data: { generator, params }, checks: [{ metric, label: metric, max, tooHigh: 'too high', derivation: 'test' }] };
  return { ...parseExercise(raw, 'test'), id: `05-mixtures/${generator}` };
}

const run = async (m: ExerciseMeta, source: string) => (await runExercise({ meta: m, source, backend: 'wasm', runner: inThreadRunner(tf) })).report;

describe('Mixtures generators through the runtime', () => {
  it('gmmLogDensity: a logsumexp entry passes; exp-then-log is graded, and fails with the underflow line', async () => {
    const m = meta('gmmLogDensity', { mixtures: [{ components: 4, dims: 2 }, { components: 3, dims: 5 }], n: 200, far: 5 }, 'logDensity', 'maxRelativeError', 1e-5);
    const src = (reduce: string) => `import * as tf from '@tensorflow/tfjs';
export function logDensity(g: { weights: number[]; means: number[][]; stds: number[][]; x: Float32Array; n: number; d: number }) {
  return tf.tidy(() => {
    const x = tf.tensor2d(g.x, [g.n, g.d]).expandDims(1);
    const sd = tf.tensor2d(g.stds).expandDims(0);
    const z = tf.div(tf.sub(x, tf.tensor2d(g.means).expandDims(0)), sd);
    const logN = tf.sum(tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), tf.log(sd)), 0.5 * Math.log(2 * Math.PI)), 2);
    const joint = tf.add(logN, tf.log(tf.tensor1d(g.weights)));
    return ${reduce};
  });
}`;
    const before = tf.memory().numTensors;
    const ok = await run(m, src('tf.logSumExp(joint, 1)'));
    expect(ok.status, JSON.stringify(ok.error ?? ok.checks)).toBe('passed');
    expect(ok.checks[0]!.value).toBeLessThan(1e-6);
    const naive = await run(m, src('tf.log(tf.sum(tf.exp(joint), 1))'));
    // The array evaluation allows non-finite values (allowNonFinite), so the generator, not the reader, explains them.
    expect(naive.status).toBe('failed');
    expect(naive.checks[0]!.value).toBe(Infinity);
    expect(naive.checks[0]!.details![0]).toMatch(/^4 components in 2-D: −Infinity at 5 of 205 points, all 50 or more standard deviations from every component/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gmmFit: three picked arrays (nested number arrays) are read back and scored', async () => {
    const m = meta('gmmFit', { components: 2, dims: 2, trainN: 500, testN: 1000, emRestarts: 2 }, 'fitMixture', 'nllAboveTrue', 0.05);
    // One Gaussian of all points, twice: valid, but a poor fit of a 2-component mixture.
    const src = `export function fitMixture(data: { x: Float32Array; n: number; d: number; k: number }) {
  const mean = [0, 1].map((j) => { let s = 0; for (let i = 0; i < data.n; i++) s += data.x[i * 2 + j]!; return s / data.n; });
  const std = mean.map((m, j) => { let s = 0; for (let i = 0; i < data.n; i++) s += (data.x[i * 2 + j]! - m) ** 2; return Math.sqrt(s / data.n); });
  return { weights: [0.5, 0.5], means: [mean, mean], stds: [std, std] };
}`;
    const r = await run(m, src);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('failed');
    expect(r.checks[0]!.value).toBeGreaterThan(0.05);
    expect(r.checks[0]!.details![0]).toMatch(/^Held-out NLL \(nats per point\): yours /);
  });

  it('mixtureSampling: a sampler on ctx.rng.categorical passes z-score bounds', async () => {
    const m = meta('mixtureSampling', { mixtures: [{ components: 3, dims: 2 }], n: 2000, energySample: 500 }, 'sampleMixture', 'maxMomentZ', 6);
    const src = `import type { TrainContext } from 'course';
export function sampleMixture(g: { weights: number[]; means: number[][]; stds: number[][]; n: number }, ctx: TrainContext) {
  const points: number[][] = [], components: number[] = [];
  for (let i = 0; i < g.n; i++) {
    const c = ctx.rng.categorical(g.weights);
    components.push(c);
    points.push(g.means[c]!.map((m, j) => m + g.stds[c]![j]! * ctx.rng.normal()));
  }
  return { points, components };
}`;
    const r = await run(m, src);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
  });

  it('gmmClassifier: a predict function of a tensor is scored against the Bayes accuracy', async () => {
    const m = meta('gmmClassifier', { classes: 3, minComponents: 2, maxComponents: 3, dims: 2, trainPerClass: 300, testPerClass: 300 }, 'train', 'accuracyOverBayes', 2);
    // Nearest class mean, as scores −‖x − m_c‖².
    const src = `import * as tf from '@tensorflow/tfjs';
import type { Split } from 'course';
export function train(data: Split) {
  const means = [0, 1, 2].map((c) => { const s = [0, 0]; let k = 0; for (let i = 0; i < data.n; i++) if (data.y[i] === c) { s[0] += data.x[2 * i]!; s[1] += data.x[2 * i + 1]!; k++; } return [s[0]! / k, s[1]! / k]; });
  const m = tf.tensor2d(means);
  return (x: tf.Tensor2D) => tf.tidy(() => tf.neg(tf.sum(tf.square(tf.sub(x.expandDims(1), m.expandDims(0))), 2)));
}`;
    const r = await run(m, src);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    expect(r.checks[0]!.value).toBeGreaterThan(0.3);
    expect(r.checks[0]!.value).toBeLessThan(1.05);
    expect(r.checks[0]!.details![0]).toMatch(/^Accuracy on 900 hidden points: yours \d/);
  });
});
