/**
 * What a correct answer scores when its numbers are stored in 16-bit floats, as a WebGL backend without float32
 * render targets stores every tensor: the exact (float64) answer of each exercise that declares
 * `precision: { needs: float32 }` and computes numbers rather than training a model, rounded once to half floats (Math.f16round) and scored by the exercise's own
 * generator. A real half-float backend also rounds every intermediate, so these are lower bounds on the damage.
 * The `why` texts in those exercise.yaml files quote these numbers.
 *
 * Run: node scripts/with-node.mjs node scripts/half-float-scores.ts [--seeds 1,2,3,4,5,6,7,8,9,10,42]
 */
import { parseArgs } from 'node:util';
import { affine, type DenseLayer } from '../graders/dense.ts';
import { listExerciseIds, loadExercise } from '../graders/exercise-files.ts';
import { generators } from '../graders/problems/index.ts';
import type { CallOutputs } from '../graders/problem.ts';
import { gmmLogDensity } from '../graders/mixtures/log-density.ts';
import type { GmmDensityInput } from '../graders/problems/mixtures/gmm-log-density.ts';
import { mixtureLogDensity } from '../graders/mdn/conditional-mixture.ts';
import type { NllCase } from '../graders/problems/mdn/mdn-nll.ts';

const { values: args } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3,4,5,6,7,8,9,10,42' } } });
const seeds = args.seeds!.split(',').map(Number);

const half = (xs: ArrayLike<number>) => Float32Array.from(xs, (v) => Math.f16round(v));

/** The one layer a linear stack equals, in float64: the bias is the stack at 0, row i of W the stack at eᵢ minus it. */
function collapse(layers: DenseLayer[]): { weights: Float64Array; bias: Float64Array } {
  const run = (x: ArrayLike<number>, n: number) => layers.reduce<ArrayLike<number>>((a, l) => affine(a, n, l), x);
  const inputs = layers[0]!.inputs;
  const bias = Float64Array.from(run(new Float64Array(inputs), 1));
  const eye = Float64Array.from({ length: inputs * inputs }, (_, k) => (k % (inputs + 1) === 0 ? 1 : 0));
  const rows = run(eye, inputs);
  return { weights: Float64Array.from(rows, (v, k) => v - bias[k % bias.length]!), bias };
}

/** Each float32 exercise's exact answer per call, from its generator's hidden data. */
const exactAnswers: Record<string, (hidden: never) => CallOutputs[]> = {
  'gradient-norms': (h: { reference: number[][] }) => h.reference.map((norms) => ({ norms: half(norms) })),
  'gmm-log-density': (h: { inputs: GmmDensityInput[] }) => h.inputs.map((g) => ({ logp: half(gmmLogDensity(g, g.x, g.n)) })),
  'mdn-nll': (h: { cases: NllCase[] }) => h.cases.map((c) => ({ nll: half(mixtureLogDensity(c.mixture, c.y).map((v) => -v)) })),
  'equivalent-layer': (h: { stacks: DenseLayer[][] }) =>
    h.stacks.map((layers) => {
      const { weights, bias } = collapse(layers);
      return { weights: half(weights), bias: half(bias) };
    }),
};

for (const id of listExerciseIds()) {
  const { meta } = loadExercise(id);
  if (meta.precision?.needs !== 'float32') continue;
  const answer = exactAnswers[generators[meta.data.generator].task];
  // A trained model has no exact answer to round; scripts/half-float-browser.ts trains it on a 16-bit WebGL instead.
  if (!answer) {
    console.log(`${id}: a training exercise, measured by scripts/half-float-browser.ts`);
    continue;
  }
  const gen = generators[meta.data.generator];
  const params = gen.params.parse(meta.data.params);
  for (const check of meta.checks) {
    const scores = seeds.map((seed) => {
      const problem = gen.make(params as never, seed, {} as never);
      return gen.score(params as never, problem.hidden as never, answer(problem.hidden as never)).metrics[check.metric]!;
    });
    console.log(`${id}: ${check.metric} of the exact answer in 16-bit floats, seeds ${seeds.join(',')}: ${Math.min(...scores).toPrecision(2)} to ${Math.max(...scores).toPrecision(2)} (bound: max ${check.max})`);
  }
  if (meta.task === 'gradient-norms') {
    const smallest = seeds.map((seed) => Math.min(...(gen.make(params as never, seed, {} as never).hidden as { reference: number[][] }).reference.flat()));
    console.log(`${id}: smallest gradient norm, seeds ${seeds.join(',')}: ${Math.min(...smallest).toPrecision(2)} to ${Math.max(...smallest).toPrecision(2)} (smallest half float: ${(2 ** -24).toPrecision(2)})`);
  }
}
