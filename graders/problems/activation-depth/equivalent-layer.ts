/**
 * "Compute the one layer a stack of linear layers equals": the entry gets a stack of dense layers without
 * activations and returns { weights, bias } of a single layer. The grader runs the stack and the learner's layer
 * on hidden inputs and compares the outputs, so any correct way of computing it passes.
 */
import { z } from 'zod';
import { affine, initStack, maxRelativeDifference, type DenseLayer } from '../../dense.ts';
import { fmt } from '../../format.ts';
import { makeRng } from '../../rng.ts';
import { float64Reference } from '../float64-reference.ts';

export const linearStackParams = z
  .object({
    stacks: z.array(z.array(z.number().int().positive()).min(2)).min(1).describe('Layer widths of each stack, input first: [3, 5, 4, 2] is 3 → 5 → 4 → 2 (three layers).'),
    testN: z.number().int().positive().describe('Hidden inputs the outputs are compared on.'),
  })
  .strict();
type LinearStackParams = z.infer<typeof linearStackParams>;

interface Hidden {
  stacks: DenseLayer[][];
  x: Float32Array[];
}

const describeStack = (sizes: number[]) => sizes.join(' → ');

export const linearStackProblem = float64Reference({
  task: 'equivalent-layer',
  doc: {
    summary: 'Stacks of linear layers, each to be collapsed into the one layer it equals.',
    entry: '`equivalentLayer(layers: DenseLayer[])` returns `{ weights, bias }`, once per stack; the runtime reads both arrays and checks their shapes',
    metrics: { maxRelativeError: 'worst over the stacks of max |yours − stack\'s output| / max |stack\'s output| on hidden inputs (float64)' },
  },
  params: linearStackParams,
  make(p: LinearStackParams, seed) {
    const rng = makeRng(seed, 'linear-stack');
    const stacks = p.stacks.map((sizes) => initStack(sizes, rng));
    const x = p.stacks.map((sizes) => Float32Array.from({ length: p.testN * sizes[0]! }, () => 2 * rng.normal()));
    return {
      calls: stacks.map((layers, s) => {
        const sizes = p.stacks[s]!;
        const inputs = sizes[0]!, units = sizes[sizes.length - 1]!;
        return {
          arg: layers,
          label: `the ${describeStack(sizes)} stack`,
          evals: [
            { key: 'weights', kind: 'array', pick: 'weights', shape: [inputs, units], label: 'weights' },
            { key: 'bias', kind: 'array', pick: 'bias', shape: [units], label: 'bias' },
          ],
        };
      }),
      hidden: { stacks, x } satisfies Hidden,
    };
  },
  references: (p, { stacks, x }: Hidden) => stacks.map((layers, s) => ({ layers, x: x[s]!, sizes: p.stacks[s]! })),
  compare(p, { layers, x, sizes }, out) {
    const n = p.testN;
    const want = layers.reduce<ArrayLike<number>>((a, layer) => affine(a, n, layer), x);
    const mine = affine(x, n, { weights: out.weights!, bias: out.bias!, inputs: sizes[0]!, units: sizes[sizes.length - 1]! });
    const error = maxRelativeDifference(mine, want);
    return { error, line: `${describeStack(sizes)}: your layer's outputs differ from the stack's by ${fmt(error)} (relative to the largest output)` };
  },
});
