/**
 * How fast tfjs (WASM backend, this process) computes a mixture classifier's class log-densities over 10 000 2-D
 * points, 5 classes of 6 diagonal components each, three ways:
 *   oneMatmul  one (n × 5) · (5 × C·K) product on the features [x², x, 1] for all classes, reshaped to (n, C, K),
 *              one logSumExp over K (exercises/01-mixtures/05-classifier/solution.ts's classScores);
 *   perClass   one (n × 5) · (5 × K) product and one logSumExp per class, stacked;
 *   broadcast  (x − μ) broadcast into an (n, C, K, d) tensor, squared and scaled, summed over d, logSumExp over K.
 * All give the same n×5 scores (checked). Prints milliseconds per pass.
 *
 *   node scripts/with-node.mjs node scripts/mixtures/class-scores-speed.ts oneMatmul|perClass|broadcast [--passes N]
 *       One way only, N passes (default 100) after 5 warm-up passes: for a whole-process A/B timing.
 *   node scripts/with-node.mjs node scripts/mixtures/class-scores-speed.ts write
 *       Every way, interleaved (5 rounds of 40 passes each), medians written with provenance to
 *       src/components/figures/mixtures/mixture-classifier/classifier-speed.json (the lesson quotes them).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type * as TF from '@tensorflow/tfjs';
import { randomClassMixtures } from '../../graders/mixtures/random-mixture.ts';
import { makeRng } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { passes: { type: 'string', default: '100' } } });
const tf = (await useNodeBackend('wasm')) as unknown as typeof TF;
const n = 10_000, classes = 5, k = 6, d = 2;
const rng = makeRng(1, 'class-scores-speed');
const mixtures = randomClassMixtures(rng, classes, k, k, d);
const x = tf.tensor2d(Float32Array.from({ length: n * d }, () => rng.normal()), [n, d]);

// The per-class (2d + 1) × K coefficient matrices of the matMul form, and the (C, K, d) parameter tensors of the
// broadcast form, built once: both passes then start from tensors, as a trained model's predict would.
const coefficients = mixtures.map((m) => {
  const w = new Float32Array((2 * d + 1) * k);
  m.weights.forEach((pi, c) => {
    let constant = Math.log(pi);
    for (let j = 0; j < d; j++) {
      const v = m.stds[c]![j]! ** 2, mu = m.means[c]![j]!;
      w[j * k + c] = -1 / (2 * v);
      w[(d + j) * k + c] = mu / v;
      constant -= (mu * mu) / (2 * v) + 0.5 * Math.log(2 * Math.PI * v);
    }
    w[2 * d * k + c] = constant;
  });
  return tf.tensor2d(w, [2 * d + 1, k]);
});
const allCoefficients = tf.concat(coefficients, 1);
const means = tf.tensor3d(mixtures.flatMap((m) => m.means.flat()), [classes, k, d]);
const precisions = tf.tensor3d(mixtures.flatMap((m) => m.stds.flatMap((s) => s.map((v) => 1 / (v * v)))), [classes, k, d]);
const constants = tf.tensor2d(mixtures.flatMap((m) => m.weights.map((pi, c) => Math.log(pi) - m.stds[c]!.reduce((s, v) => s + 0.5 * Math.log(2 * Math.PI * v * v), 0))), [classes, k]);

const ways: Record<string, () => TF.Tensor2D> = {
  oneMatmul: () =>
    tf.tidy(() => {
      const features = tf.concat([tf.square(x), x, tf.ones([n, 1])], 1);
      return tf.logSumExp(tf.reshape(tf.matMul(features, allCoefficients), [n, classes, k]), 2) as TF.Tensor2D;
    }),
  perClass: () =>
    tf.tidy(() => {
      const features = tf.concat([tf.square(x), x, tf.ones([n, 1])], 1);
      return tf.stack(coefficients.map((w) => tf.logSumExp(tf.matMul(features, w), 1)), 1) as TF.Tensor2D;
    }),
  broadcast: () =>
    tf.tidy(() => {
      const diff = tf.sub(x.reshape([n, 1, 1, d]), means); // (n, C, K, d)
      const quad = tf.sum(tf.mul(tf.square(diff), precisions), 3); // (n, C, K)
      return tf.logSumExp(tf.sub(constants, tf.mul(quad, 0.5)), 2) as TF.Tensor2D;
    }),
};

/** Milliseconds per pass of `way` over `passes` passes (each pass's result read back, as the grader reads it). */
function time(way: string, passes: number): number {
  const t0 = performance.now();
  for (let i = 0; i < passes; i++) {
    const out = ways[way]!();
    out.dataSync();
    out.dispose();
  }
  return (performance.now() - t0) / passes;
}

// The same scores every way (float32: a few 1e-4 nats).
{
  const [a, b, c] = [ways.oneMatmul!(), ways.perClass!(), ways.broadcast!()];
  const diff = tf.tidy(() => Math.max(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!, tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]!));
  tf.dispose([a, b, c]);
  if (!(diff < 1e-2)) throw new Error(`the ways disagree by ${diff}`);
}

const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)]!;
const mode = positionals[0];
if (mode && mode in ways) {
  time(mode, 5);
  console.log(`${mode}: ${time(mode, Number(args.passes)).toFixed(2)} ms per pass`);
} else if (mode === 'write') {
  const names = Object.keys(ways);
  for (const way of names) time(way, 5);
  const ms: Record<string, number[]> = Object.fromEntries(names.map((w) => [w, []]));
  for (let r = 0; r < 5; r++) for (const way of names) ms[way]!.push(time(way, 40));
  const out = {
    provenance: provenance('scripts/mixtures/class-scores-speed.ts', 'node scripts/with-node.mjs node scripts/mixtures/class-scores-speed.ts write'),
    points: n,
    classes,
    componentsPerClass: k,
    medianMs: Object.fromEntries(names.map((w) => [w, Number(median(ms[w]!).toFixed(2))])),
    rounds: Object.fromEntries(names.map((w) => [w, ms[w]!.map((v) => Number(v.toFixed(2)))])),
  };
  writeFileSync('src/components/figures/mixtures/mixture-classifier/classifier-speed.json', JSON.stringify(out, null, 1) + '\n');
  console.log(`ms per pass (medians of 5 rounds of 40): ${JSON.stringify(out.medianMs)}`);
} else {
  console.error('usage: class-scores-speed.ts matmul|broadcast [--passes N] | write');
  process.exit(2);
}
