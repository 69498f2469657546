/**
 * "Compute the one layer a stack of linear layers equals": the entry gets a stack of dense layers without
 * activations and returns { weights, bias } of a single layer. The grader runs the stack and the learner's layer
 * on hidden inputs and compares the outputs, so any correct way of computing it passes.
 */
import { z } from 'zod';
import { affine, initStack, maxRelativeDifference, type DenseLayer } from '../dense.ts';
import { fmt } from '../format.ts';
import { makeRng } from '../rng.ts';
import type { ProblemDef } from '../problem.ts';

export const linearStackParams = z
  .object({
    /** Layer widths of each stack, input first: [3, 5, 4, 2] is 3 → 5 → 4 → 2 (three layers). */
    stacks: z.array(z.array(z.number().int().positive()).min(2)).min(1),
    /** Hidden inputs the outputs are compared on. */
    testN: z.number().int().positive(),
  })
  .strict();
type LinearStackParams = z.infer<typeof linearStackParams>;

interface Hidden {
  stacks: DenseLayer[][];
  x: Float32Array[];
}

const describeStack = (sizes: number[]) => sizes.join(' → ');

export const linearStackProblem: ProblemDef<LinearStackParams, Hidden> = {
  task: 'equivalent-layer',
  params: linearStackParams,
  metrics: () => ['maxRelativeError'],
  make(p, seed) {
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
      hidden: { stacks, x },
    };
  },
  score(p, { stacks, x }, outputs) {
    let worst = 0;
    const lines: string[] = [];
    stacks.forEach((layers, s) => {
      const n = p.testN;
      const want = layers.reduce<ArrayLike<number>>((a, layer) => affine(a, n, layer), x[s]!);
      const out = outputs[s]!;
      const sizes = p.stacks[s]!;
      const mine = affine(x[s]!, n, { weights: out.weights!, bias: out.bias!, inputs: sizes[0]!, units: sizes[sizes.length - 1]! });
      const err = maxRelativeDifference(mine, want);
      worst = Math.max(worst, err); // NaN stays NaN: Math.max propagates it
      lines.push(`${describeStack(sizes)}: your layer's outputs differ from the stack's by ${fmt(err)} (relative to the largest output)`);
    });
    return { metrics: { maxRelativeError: worst }, details: { maxRelativeError: lines } };
  },
};
