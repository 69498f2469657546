/**
 * Start here: the learner writes the training loop. The entry gets a small 1-D regression data set, a
 * one-hidden-layer tanh network's starting weights, a learning rate and a number of steps, and returns the weights
 * after exactly that many steps of plain full-batch gradient descent on the mean squared error. The grader runs the
 * same descent in float64 from the same start (graders/start-here/tanh-net.ts) and compares the loss after N steps
 * (signed, so a loss too low and a loss too high each get their own message) and the weights themselves.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import type { CallOutputs, ProblemDef } from '../../problem.ts';
import { makeRng } from '../../rng.ts';
import type { TrainingLoopInput } from '../../start-here/learner-types.ts';
import { distance, gradientDescent, meanSquaredError, type TanhNet } from '../../start-here/tanh-net.ts';

export const trainingLoopParams = z
  .object({
    n: z.number().int().min(8).max(1000).describe('Training points: x uniform in [−2, 2], y a random sine wave plus an offset and noise.'),
    hidden: z.number().int().min(1).max(64).describe('Hidden tanh units of the 1 → hidden → 1 network.'),
    learningRate: z.number().positive().describe('The step size η the learner must use, given to it.'),
    steps: z.number().int().min(1).max(2000).describe('How many full-batch gradient-descent steps the learner must take, given to it.'),
    noise: z.number().nonnegative().describe('Standard deviation of the Gaussian noise added to the targets.'),
  })
  .strict();
type TrainingLoopParams = z.infer<typeof trainingLoopParams>;

/** What only the grader keeps: the data in float64 (the learner's float32 values, widened), the start and the reference. */
interface Hidden {
  x: Float64Array;
  y: Float64Array;
  start: TanhNet;
  /** The reference losses after 0 … steps + 1 steps (one beyond, for the message about one step too many). */
  losses: number[];
  /** The reference net after exactly `steps` steps. */
  reference: TanhNet;
}

const f32 = (v: number) => Math.fround(v);

/**
 * The data and the starting weights for a seed: a sine wave with random amplitude, frequency, phase and offset (so
 * the output bias has something to learn), and weights drawn as the lesson says (random, so the hidden units differ).
 * Everything is rounded to float32 first: the learner's tensors hold exactly these numbers.
 */
export function trainingLoopInput(p: TrainingLoopParams, seed: Parameters<typeof makeRng>[0]): TrainingLoopInput {
  const rng = makeRng(seed, 'training-loop');
  const amplitude = 0.8 + 0.4 * rng.uniform();
  const frequency = 1 + 0.8 * rng.uniform();
  const phase = 2 * Math.PI * rng.uniform();
  const offset = rng.uniform() - 0.5;
  const x = new Float32Array(p.n);
  const y = new Float32Array(p.n);
  for (let i = 0; i < p.n; i++) {
    x[i] = -2 + 4 * rng.uniform();
    y[i] = amplitude * Math.sin(frequency * x[i]! + phase) + offset + p.noise * rng.normal();
  }
  const h = p.hidden;
  const w1 = Array.from({ length: h }, () => f32(rng.normal()));
  const b1 = Array.from({ length: h }, () => f32(0.5 * rng.normal()));
  const w2 = Array.from({ length: h }, () => f32(rng.normal() / Math.sqrt(h)));
  return { x, y, n: p.n, hidden: h, w1: [w1], b1, w2: w2.map((w) => [w]), b2: [0], learningRate: p.learningRate, steps: p.steps };
}

/** The input's starting weights as a float64 net. */
export function startNet(input: TrainingLoopInput): TanhNet {
  return {
    w1: Float64Array.from(input.w1[0]!),
    b1: Float64Array.from(input.b1),
    w2: Float64Array.from(input.w2.map((r) => r[0]!)),
    b2: Float64Array.from(input.b2),
  };
}

/** The learner's returned weights as a float64 net. */
const returnedNet = (out: CallOutputs): TanhNet => ({
  w1: Float64Array.from(out.w1!),
  b1: Float64Array.from(out.b1!),
  w2: Float64Array.from(out.w2!),
  b2: Float64Array.from(out.b2!),
});

/** The metrics: the loss after N steps relative to the reference's (signed), and the distance to its weights. */
export const trainingLoopMetrics = { lossError: 'lossError', weightError: 'weightError' } as const;

export const trainingLoopProblem: ProblemDef<TrainingLoopParams, Hidden> = {
  task: 'training-loop',
  doc: {
    summary: 'A 1-D regression, a 1 → h → 1 tanh net\'s starting weights, a learning rate and N: train it by plain full-batch gradient descent for exactly N steps.',
    entry: '`trainByHand(input: TrainingLoopInput)` returns `{ w1, b1, w2, b2 }` after N steps; the runtime reads the four arrays',
    metrics: {
      lossError: '(your weights\' loss − the float64 reference\'s loss after exactly N steps) / the reference\'s: negative when your loss is lower',
      weightError: 'distance from your weights to the reference\'s after N steps, over the distance the reference moved from the start',
    },
  },
  params: trainingLoopParams,
  metrics: () => Object.values(trainingLoopMetrics),
  make(p, seed) {
    const input = trainingLoopInput(p, seed);
    const x = Float64Array.from(input.x);
    const y = Float64Array.from(input.y);
    const start = startNet(input);
    const { nets, losses } = gradientDescent(start, x, y, p.learningRate, p.steps + 1);
    const h = p.hidden;
    return {
      calls: [
        {
          arg: input,
          evals: [
            { key: 'w1', kind: 'array', pick: 'w1', shape: [1, h], label: 'w1' },
            { key: 'b1', kind: 'array', pick: 'b1', shape: [h], label: 'b1' },
            { key: 'w2', kind: 'array', pick: 'w2', shape: [h, 1], label: 'w2' },
            { key: 'b2', kind: 'array', pick: 'b2', shape: [1], label: 'b2' },
          ],
        },
      ],
      hidden: { x, y, start, losses, reference: nets[p.steps]! },
    };
  },
  score(p, hidden, outputs) {
    const mine = returnedNet(outputs[0]!);
    const loss = meanSquaredError(mine, hidden.x, hidden.y);
    const { losses, reference, start } = hidden;
    const ref = losses[p.steps]!;
    const lossError = (loss - ref) / ref;
    const weightError = distance(mine, reference) / distance(start, reference);
    const N = p.steps;
    return {
      metrics: { lossError, weightError },
      details: {
        lossError: [
          `Your loss ${fmt(loss)}; plain gradient descent's after exactly ${N} steps ${fmt(ref)} (after ${N - 1}: ${fmt(losses[N - 1]!)}, after ${N + 1}: ${fmt(losses[N + 1]!)}; at the start: ${fmt(losses[0]!)}).`,
        ],
        weightError: [`Your weights are ${fmt(distance(mine, reference))} from the reference's after ${N} steps, which moved ${fmt(distance(start, reference))} from the start.`],
      },
    };
  },
};
