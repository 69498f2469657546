/**
 * Vanishing gradients: the entry gets a deep MLP at initialization (its layers, an activation, a batch) and returns
 * the norm of the loss gradient with respect to each layer's weights. The grader computes the same norms by plain
 * backpropagation in float64 (graders/dense.ts) and compares them with a relative tolerance.
 */
import { z } from 'zod';
import { spiralBatch } from '../../datasets/spiral-sample.ts';
import { initStack, weightGradientNorms } from '../../dense.ts';
import type { DeepNet } from '../../datasets/types.ts';
import { fmt } from '../../format.ts';
import { makeRng } from '../../rng.ts';
import { float64Reference, worstElementRelativeError } from '../float64-reference.ts';

export const deepMlpParams = z
  .object({
    depths: z.array(z.number().int().min(1).max(32)).min(1).describe('Numbers of hidden layers to test; every net is asked for once per activation.'),
    activations: z.array(z.enum(['sigmoid', 'relu', 'tanh'])).min(1).describe('Hidden-layer activations to test, each at every depth.'),
    width: z.number().int().positive().describe('Units per hidden layer.'),
    n: z.number().int().positive().describe('Batch size: points of a 3-class spiral.'),
  })
  .strict();
type DeepMlpParams = z.infer<typeof deepMlpParams>;

interface Hidden {
  reference: number[][];
  labels: string[];
}

const CLASSES = 3;

export const deepMlpProblem = float64Reference({
  task: 'gradient-norms',
  doc: {
    summary: 'Deep MLPs at initialization on a spiral batch: the norm of the loss gradient for each layer\'s weights.',
    entry: '`gradientNorms(net: DeepNet)` returns a number per layer, once per net; the runtime reads the array',
    metrics: { maxRelativeError: 'worst element-wise relative error against float64 backpropagation (graders/dense.ts), over layers and nets' },
  },
  params: deepMlpParams,
  make(p: DeepMlpParams, seed) {
    const rng = makeRng(seed, 'deep-mlp');
    const { x, y } = spiralBatch(p.n, seed, 'deep-mlp/batch');
    const nets: DeepNet[] = [];
    for (const activation of p.activations)
      for (const depth of p.depths) {
        const layers = initStack([2, ...Array<number>(depth).fill(p.width), CLASSES], rng);
        nets.push({ activation, layers, x, y, n: p.n, features: 2, classes: CLASSES });
      }
    const labels = nets.map((net) => `${net.activation}, ${net.layers.length - 1} hidden layer${net.layers.length > 2 ? 's' : ''}`);
    return {
      calls: nets.map((net, i) => ({ arg: net, label: `the ${labels[i]} net`, evals: [{ key: 'norms', kind: 'array', shape: [net.layers.length], label: 'the list of gradient norms' }] })),
      hidden: { reference: nets.map((net) => weightGradientNorms(net.layers, net.activation, net.x, net.y, net.n)), labels } satisfies Hidden,
    };
  },
  references: (_p, { reference, labels }: Hidden) => reference.map((ref, c) => ({ ref, label: labels[c]! })),
  compare(_p, { ref, label }, out) {
    const mine = out.norms!;
    // Element-wise: the norms shrink by orders of magnitude with depth, and each layer's must be right.
    const { error, at } = worstElementRelativeError(mine, ref);
    // Plain numbers rather than ✓/✗: the pass mark is the exercise's check (exercise.yaml), which score() does
    // not know, and a fixed mark here could call a net fine that the check fails.
    return { error, line: `${label}: largest relative error ${fmt(error)}, at layer ${at + 1} of ${ref.length} (yours ${fmt(mine[at]!)}, expected ${fmt(ref[at]!)})` };
  },
});
