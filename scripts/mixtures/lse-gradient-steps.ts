/**
 * How much the log-sum-exp's gradient costs in the 03-fit-adam reference solution's training step, for an A/B run:
 * `--lse tf` uses tf.logSumExp (its gradient goes through tf.max's: an Equal against the broadcast maximum, then a
 * multiply), `--lse custom` the solution's tf.customGrad version (gradient = softmax). The step is the solution's:
 * 4 starts × 2000 points × 4 components × 2 dimensions, Adam on the summed mean NLL. WASM in Node; set
 * RDL_WASM_PATCHES=off to measure on tfjs's stock kernels (without the broadcast-binary and tile patches).
 *   node scripts/with-node.mjs node scripts/mixtures/lse-gradient-steps.ts --lse custom --steps 500
 * prints the milliseconds per step (after 20 warm-up steps) and the final loss, which is the same for both.
 */
import type * as TF from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';

/** log Σ exp over the last axis with the softmax as its gradient (the solution's logSumExpLast). */
export function customLogSumExp(tf: typeof TF) {
  return tf.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const [z, save] = args as [TF.Tensor, TF.GradSaveFunc];
    const m = tf.max(z, -1, true);
    const lse = tf.add(m, tf.log(tf.sum(tf.exp(tf.sub(z, m)), -1, true)));
    save([z, lse]);
    return { value: tf.reshape(lse, z.shape.slice(0, -1)), gradFunc: (dy: TF.Tensor, [zs, l]: TF.Tensor[]) => tf.mul(tf.expandDims(dy, -1), tf.exp(tf.sub(zs!, l!))) };
  });
}

/** Runs `steps` Adam steps of the solution's loss; returns ms per step and the last loss. */
export async function timeSteps(tf: typeof TF, lse: 'tf' | 'custom', steps: number): Promise<{ msPerStep: number; loss: number }> {
  const [starts, n, k, d] = [4, 2000, 4, 2];
  const lseLast = lse === 'tf' ? (z: TF.Tensor) => tf.logSumExp(z, -1) : customLogSumExp(tf);
  const points = tf.randomNormal([1, n, 1, d], 0, 1, 'float32', 1);
  const logits = tf.variable(tf.zeros([starts, 1, k]));
  const means = tf.variable(tf.randomNormal([starts, 1, k, d], 0, 1, 'float32', 2));
  const logStds = tf.variable(tf.zeros([starts, 1, k, d]));
  const opt = tf.train.adam(0.05);
  const loss = () =>
    tf.tidy(() => {
      const z = tf.div(tf.sub(points, means), tf.exp(logStds));
      const logGauss = tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStds, 0.5 * Math.log(2 * Math.PI))), -1);
      return tf.sum(tf.neg(tf.mean(lseLast(tf.add(logGauss, tf.logSoftmax(logits))), -1))) as TF.Scalar;
    });
  const step = () => opt.minimize(loss, true, [logits, means, logStds])!;
  for (let i = 0; i < 20; i++) step().dispose();
  const t = performance.now();
  let last = 0;
  for (let i = 0; i < steps; i++) {
    const l = step();
    if (i === steps - 1) last = l.dataSync()[0]!;
    l.dispose();
  }
  const msPerStep = (performance.now() - t) / steps;
  tf.dispose([points, logits, means, logStds]);
  opt.dispose();
  return { msPerStep, loss: last };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { lse: { type: 'string', default: 'custom' }, steps: { type: 'string', default: '500' } } });
  if (values.lse !== 'tf' && values.lse !== 'custom') throw new Error('--lse is tf or custom');
  const tf = await useNodeBackend('wasm');
  const r = await timeSteps(tf, values.lse, Number(values.steps));
  console.log(`--lse ${values.lse}, RDL_WASM_PATCHES=${process.env.RDL_WASM_PATCHES ?? '(all)'}: ${r.msPerStep.toFixed(2)} ms per step, loss ${r.loss.toFixed(6)}`);
}
