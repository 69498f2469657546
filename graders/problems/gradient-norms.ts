/**
 * Vanishing gradients: the entry gets a deep MLP at initialization (its layers, an activation, a batch) and returns
 * the norm of the loss gradient with respect to each layer's weights. The grader computes the same norms by plain
 * backpropagation in float64 (graders/dense.ts) and compares them with a relative tolerance.
 */
import { z } from 'zod';
import { spiralBatch } from '../datasets/spiral-sample.ts';
import { initStack, weightGradientNorms } from '../dense.ts';
import type { DeepNet } from '../datasets/types.ts';
import { fmt } from '../format.ts';
import { makeRng } from '../rng.ts';
import type { ProblemDef } from '../problem.ts';

export const deepMlpParams = z
  .object({
    /** Numbers of hidden layers to test; every net is asked for once per activation. */
    depths: z.array(z.number().int().min(1).max(32)).min(1),
    activations: z.array(z.enum(['sigmoid', 'relu', 'tanh'])).min(1),
    /** Units per hidden layer. */
    width: z.number().int().positive(),
    /** Batch size: points of a 3-class spiral. */
    n: z.number().int().positive(),
  })
  .strict();
type DeepMlpParams = z.infer<typeof deepMlpParams>;


interface Hidden {
  reference: number[][];
  labels: string[];
}

const CLASSES = 3;

export const deepMlpProblem: ProblemDef<DeepMlpParams, Hidden> = {
  task: 'gradient-norms',
  params: deepMlpParams,
  metrics: () => ['maxRelativeError'],
  make(p, seed) {
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
      hidden: { reference: nets.map((net) => weightGradientNorms(net.layers, net.activation, net.x, net.y, net.n)), labels },
    };
  },
  score(_p, { reference, labels }, outputs) {
    let worst = 0;
    const lines: string[] = [];
    reference.forEach((ref, c) => {
      const mine = outputs[c]!.norms!;
      let callWorst = 0;
      let at = 0;
      ref.forEach((r, l) => {
        const e = Math.abs(mine[l]! - r) / Math.max(Math.abs(r), 1e-30);
        if (Number.isNaN(e) || e > callWorst) [callWorst, at] = [e, l];
      });
      worst = Math.max(worst, callWorst); // NaN stays NaN: Math.max propagates it
      // Plain numbers rather than ✓/✗: the pass mark is the exercise's check (exercise.yaml), which score() does
      // not know, and a fixed mark here could call a net fine that the check fails.
      lines.push(`${labels[c]}: largest relative error ${fmt(callWorst)}, at layer ${at + 1} of ${ref.length} (yours ${fmt(mine[at]!)}, expected ${fmt(ref[at]!)})`);
    });
    return { metrics: { maxRelativeError: worst }, details: { maxRelativeError: lines } };
  },
};
