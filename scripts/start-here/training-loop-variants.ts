/**
 * Measurement behind 00-start-here/01-training-loop's bounds: the reference solution and its wrong variants (each
 * a one-place change of solution.ts, or model.fit written instead of the loop), graded in this process on WASM
 * exactly as the grader grades, on seeds 1–N. Prints, per variant, the range of each metric over the seeds.
 *
 *   node scripts/with-node.mjs node scripts/start-here/training-loop-variants.ts [--seeds 8]
 *
 * The variants are exported (tests/exercises/00-start-here.test.ts grades each and checks it fails the check
 * named here), and the run writes scripts/start-here/training-loop-variants.json (the ranges; exercise.yaml's
 * `derivation`s quote them).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export const trainingLoopId = '00-start-here/01-training-loop';

/** A solution edit: replace `find` with `replace` (each must occur in solution.ts). */
type Edit = [find: string | RegExp, replace: string];

/** model.fit instead of the loop: a Sequential net with the given weights, `optimizer` and `batchSize`. */
const modelFit = (optimizer: string, batchSize: string) => `import * as tf from '@tensorflow/tfjs';
import type { TrainContext, TrainingLoopInput } from 'course';
export async function trainByHand(input: TrainingLoopInput, _ctx: TrainContext) {
  const { n, learningRate, steps, hidden } = input;
  const model = tf.sequential({ layers: [tf.layers.dense({ units: hidden, activation: 'tanh', inputShape: [1] }), tf.layers.dense({ units: 1 })] });
  model.setWeights(tf.tidy(() => [tf.tensor2d(input.w1), tf.tensor1d(input.b1), tf.tensor2d(input.w2), tf.tensor1d(input.b2)]));
  model.compile({ optimizer: ${optimizer}, loss: 'meanSquaredError' });
  const xs = tf.tensor2d(input.x, [n, 1]);
  const ys = tf.tensor2d(input.y, [n, 1]);
  await model.fit(xs, ys, { epochs: steps, batchSize: ${batchSize}, shuffle: false, verbose: 0 });
  const [w1, b1, w2, b2] = model.getWeights();
  const result = { w1: await w1!.array(), b1: await b1!.array(), w2: await w2!.array(), b2: await b2!.array() };
  tf.dispose([xs, ys]);
  model.dispose();
  return result;
}
`;

/** A named wrong (or, under `correct`, right) way to write it, and the check it must fail. */
export interface Variant {
  name: string;
  /** Edits of solution.ts, or a whole source. */
  edits?: Edit[];
  source?: string;
  /** The check that fails it, and on which side; absent for a correct variant. */
  fails?: { metric: 'lossError' | 'weightError'; side: 'tooLow' | 'tooHigh' } | { error: string };
}

const update = 'for (const w of weights) w.assign(tf.sub(w, tf.mul(learningRate, grads[w.name]!)));';
const withOptimizer = (make: string): Edit[] => [
  ['  for (let step = 0; step < steps; step++) {', `  const optimizer = ${make};\n  for (let step = 0; step < steps; step++) {`],
  [update, 'optimizer.applyGradients(grads);'],
];

export const variants: Variant[] = [
  { name: 'reference solution' },
  { name: 'model.fit, SGD, one batch of all n points (plain gradient descent too)', source: modelFit('tf.train.sgd(learningRate)', 'n') },
  { name: 'one step too few (N − 1)', edits: [['step < steps;', 'step < steps - 1;']], fails: { metric: 'lossError', side: 'tooHigh' } },
  { name: 'one step too many (N + 1)', edits: [['step < steps;', 'step < steps + 1;']], fails: { metric: 'lossError', side: 'tooLow' } },
  { name: 'learning rate 2η', edits: [['tf.mul(learningRate,', 'tf.mul(2 * learningRate,']], fails: { metric: 'lossError', side: 'tooLow' } },
  { name: 'learning rate η/2 (or the loss ½·MSE)', edits: [['tf.mul(learningRate,', 'tf.mul(0.5 * learningRate,']], fails: { metric: 'lossError', side: 'tooHigh' } },
  { name: 'summed loss instead of the mean', edits: [['tf.mean(tf.square', 'tf.sum(tf.square']], fails: { error: 'The training loss became NaN' } },
  { name: 'b2 never updated', edits: [['for (const w of weights) w.assign', 'for (const w of [w1, b1, w2]) w.assign']], fails: { metric: 'weightError', side: 'tooHigh' } },
  { name: 'b1 never updated', edits: [['for (const w of weights) w.assign', 'for (const w of [w1, w2, b2]) w.assign']], fails: { metric: 'lossError', side: 'tooHigh' } },
  { name: 'Adam (tf.train.adam(η))', edits: withOptimizer('tf.train.adam(learningRate)'), fails: { metric: 'lossError', side: 'tooLow' } },
  { name: 'SGD with momentum 0.9', edits: withOptimizer('tf.train.momentum(learningRate, 0.9)'), fails: { metric: 'lossError', side: 'tooLow' } },
  { name: 'model.fit, Adam, one batch', source: modelFit("tf.train.adam(learningRate)", 'n'), fails: { metric: 'lossError', side: 'tooLow' } },
  { name: 'model.fit, SGD, mini-batches of 32', source: modelFit('tf.train.sgd(learningRate)', '32'), fails: { metric: 'lossError', side: 'tooLow' } },
];

/** The source a variant grades. */
export function variantSource(solution: string, v: Variant): string {
  if (v.source) return v.source;
  let s = solution;
  for (const [find, replace] of v.edits ?? []) {
    const next = s.replace(find, replace);
    if (next === s) throw new Error(`${v.name}: "${String(find)}" not found in solution.ts`);
    s = next;
  }
  return s;
}

if (import.meta.main) {
  const { loadExercise } = await import('../../graders/exercise-files.ts');
  const { useNodeBackend } = await import('../../src/runtime/node-backend.ts');
  const { inThreadRunner, runExercise } = await import('../../src/runtime/run-exercise.ts');
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '8' } } });
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
  const tf = await useNodeBackend('wasm');
  const { meta, solution } = loadExercise(trainingLoopId);
  const out: Record<string, Record<string, [number, number]> | { errors: string[] }> = {};
  for (const v of variants) {
    const ranges: Record<string, [number, number]> = {};
    const errors: string[] = [];
    for (const seed of seeds) {
      const { report } = await runExercise({ meta, source: variantSource(solution, v), backend: 'wasm', runner: inThreadRunner(tf), seed });
      if (report.error) {
        errors.push(`seed ${seed}: ${report.error.message.split('.')[0]}`);
        continue;
      }
      for (const c of report.checks) {
        const r = (ranges[c.metric] ??= [Infinity, -Infinity]);
        r[0] = Math.min(r[0], c.value);
        r[1] = Math.max(r[1], c.value);
      }
    }
    if (errors.length > 0) {
      out[v.name] = { errors };
      console.log(`${v.name.padEnd(72)} ${errors.join('; ')}`);
      continue;
    }
    out[v.name] = ranges;
    console.log(`${v.name.padEnd(72)} ${Object.entries(ranges).map(([m, [lo, hi]]) => `${m} ${lo.toPrecision(3)} … ${hi.toPrecision(3)}`).join('   ')}`);
  }
  writeFileSync(new URL('./training-loop-variants.json', import.meta.url), `${JSON.stringify({ script: 'scripts/start-here/training-loop-variants.ts', seeds, wasm: true, variants: out }, null, 2)}\n`);
}
