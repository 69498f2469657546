/**
 * The numbers "How a network learns" quotes, computed in plain float64 TypeScript (and float32 where the point is
 * float32), and written to src/components/figures/start-here/lesson-numbers.json, which the lesson imports:
 *
 *   node scripts/with-node.mjs node scripts/start-here/lesson-numbers.ts
 *
 * - surface: the loss-surface figure's learning rates and losses (loss-surface-model.ts, the figure's own model).
 * - exercise: the exercise's public problem (seed 42): the loss at the start and after N plain steps, in float64.
 * - symmetry: the same network and data started with every hidden unit equal: after N steps the units are still
 *   equal (largest difference between two units' weights), and the loss it reaches against the random start's.
 * - logSoftmax: two logits 104 apart in float32: log(softmax(z)) gives −Infinity, log-softmax z − logsumexp(z) gives
 *   the right −104.
 * - variants: the exercise's measured wrong variants (scripts/start-here/training-loop-variants.json, seeds 1–8).
 * tests/unit/lessons/how-a-network-learns.test.ts recomputes `lessonNumbers()` and checks the file and the page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadExercise } from '../../graders/exercise-files.ts';
import { startNet, trainingLoopInput, trainingLoopParams } from '../../graders/problems/start-here/training-loop.ts';
import { gradientDescent, type TanhNet } from '../../graders/start-here/tanh-net.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { lossSurface, steps as surfaceSteps } from '../../src/components/figures/start-here/loss-surface-model.ts';

export const script = 'scripts/start-here/lesson-numbers.ts';
export const out = 'src/components/figures/start-here/lesson-numbers.json';
const variantsFile = 'scripts/start-here/training-loop-variants.json';

const sig = (v: number, digits = 3) => Number(v.toPrecision(digits));

/** log(softmax(z))[0] (as a string: "-Infinity" is not JSON) and logSoftmax(z)[0] for z = [0, gap], every operation rounded to float32 as tfjs's are. */
export function float32LogSoftmax(gap: number): { naive: string; fused: number } {
  const f = Math.fround;
  // softmax the stable way (subtract the max), then log: exp(−gap) underflows to 0 in float32 and log(0) = −∞.
  const e0 = f(Math.exp(f(0 - gap)));
  const sum = f(e0 + 1);
  const naive = f(Math.log(f(e0 / sum)));
  // log-softmax: z − max − log Σ exp(z − max), never taking the log of an underflowed probability.
  const fused = f(f(0 - gap) - f(Math.log(sum)));
  return { naive: String(naive), fused };
}

export function lessonNumbers() {
  const s = lossSurface();
  const { meta } = loadExercise('00-start-here/01-training-loop');
  const p = trainingLoopParams.parse(meta.data.params);
  const input = trainingLoopInput(p, meta.seed);
  const x = Float64Array.from(input.x);
  const y = Float64Array.from(input.y);
  const random = gradientDescent(startNet(input), x, y, p.learningRate, p.steps);
  const h = p.hidden;
  const equalStart: TanhNet = { w1: new Float64Array(h).fill(0.5), b1: new Float64Array(h).fill(0), w2: new Float64Array(h).fill(0.1), b2: new Float64Array(1) };
  const equal = gradientDescent(equalStart, x, y, p.learningRate, p.steps);
  const last = equal.nets[p.steps]!;
  let spread = 0;
  for (const k of ['w1', 'b1', 'w2'] as const) spread = Math.max(spread, Math.max(...last[k]) - Math.min(...last[k]));
  const gap = 104;
  const variants = JSON.parse(readFileSync(variantsFile, 'utf8')) as { seeds: number[]; variants: Record<string, Record<string, [number, number]>> };
  const range = (name: string, metric = 'lossError') => variants.variants[name]![metric]!.map((v) => sig(v, 2)) as [number, number];
  return {
    surface: {
      steps: surfaceSteps,
      lambdaMin: sig(s.lambdaMin),
      lambdaMax: sig(s.lambdaMax),
      stabilityLimit: sig(s.stabilityLimit),
      minimumLoss: sig(s.minimum.loss),
      paths: s.paths.map((q) => ({ name: q.name, learningRate: sig(q.learningRate), startLoss: sig(q.loss[0]!), endLoss: sig(q.loss[surfaceSteps]!) })),
    },
    exercise: { seed: meta.seed, n: p.n, hidden: h, learningRate: p.learningRate, steps: p.steps, startLoss: sig(random.losses[0]!), endLoss: sig(random.losses[p.steps]!) },
    symmetry: { largestDifference: spread, endLoss: sig(equal.losses[p.steps]!), randomEndLoss: sig(random.losses[p.steps]!) },
    logSoftmax: { gap, ...float32LogSoftmax(gap) },
    variants: {
      seeds: `${variants.seeds[0]}–${variants.seeds.at(-1)}`,
      reference: range('reference solution'),
      oneStepFewer: range('one step too few (N − 1)'),
      oneStepMore: range('one step too many (N + 1)'),
      adam: range('Adam (tf.train.adam(η))'),
      momentum: range('SGD with momentum 0.9'),
      miniBatches: range('model.fit, SGD, mini-batches of 32'),
      doubleRate: range('learning rate 2η'),
    },
  };
}

if (import.meta.main) {
  const numbers = lessonNumbers();
  writeFileSync(out, `${JSON.stringify({ provenance: provenance(script, `node scripts/with-node.mjs node ${script}`), ...numbers }, null, 2)}\n`);
  console.log(JSON.stringify(numbers, null, 2));
}
