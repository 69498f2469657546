/**
 * What one training step of the 03-train-mdn reference costs on WASM in Node, for the ways of writing it that the
 * solution chose between: kernels per step (tf.profile) and milliseconds per step (the median of `--reps` timed
 * blocks of `--steps` steps, after a warm-up). Full-batch Adam on 800 points of the inverse sinusoid, 20 tanh
 * units, 5 components, as in the solution.
 *   node scripts/with-node.mjs node scripts/mdn/train-step-cost.ts [--steps 200] [--reps 5] [--only 'name|name']
 * Timings on a shared machine are noisy: compare the variants' ratios within one run, not absolute milliseconds.
 */
import { parseArgs } from 'node:util';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { sampleSinusoid, sinusoidShape } from '../../graders/mdn/sinusoid.ts';

const tf = await useNodeBackend('wasm');
type T2 = import('@tensorflow/tfjs').Tensor2D;

const K = 5, H = 20, N = 800;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** The solution's given loss: mean of −logsumexp(log π + log N(y | μ, σ)). */
const nllFromMixture = (pi: T2, mu: T2, sigma: T2, y: T2) =>
  tf.tidy(() => {
    const z = tf.div(tf.sub(y, mu), sigma);
    const logN = tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(tf.log(sigma), HALF_LOG_2PI));
    return tf.mean(tf.neg(tf.logSumExp(tf.add(tf.log(pi), logN), 1))) as import('@tensorflow/tfjs').Scalar;
  });

/**
 * The same loss from the heads' raw outputs: log π = logits − logsumexp(logits) and log σ = s, so neither log(softmax)
 * nor log(exp) is computed, and the ½ log 2π constant is added outside the gradient.
 */
const nllFromHeads = (logits: T2, mu: T2, s: T2, y: T2) =>
  tf.tidy(() => {
    const z = tf.mul(tf.sub(y, mu), tf.exp(tf.neg(s)));
    const logJoint = tf.sub(logits, tf.add(s, tf.mul(0.5, tf.square(z))));
    return tf.sub(tf.logSumExp(logits, 1), tf.logSumExp(logJoint, 1)).mean() as import('@tensorflow/tfjs').Scalar;
  });

interface Variant {
  vars: import('@tensorflow/tfjs').Variable[];
  loss: (x: T2, y: T2) => import('@tensorflow/tfjs').Scalar;
}

const glorot = (seed: number, shape: [number, number]) => tf.variable(tf.initializers.glorotUniform({ seed }).apply(shape) as T2);
const zeros = (n: number) => tf.variable(tf.zeros([n]));

const variants: Record<string, () => Variant> = {
  'layers, three heads, loss from (π, μ, σ) (the solution before)': () => {
    const hidden = tf.layers.dense({ units: H, activation: 'tanh', inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) });
    const heads = [2, 3, 4].map((s) => tf.layers.dense({ units: K, kernelInitializer: tf.initializers.glorotUniform({ seed: s }) }));
    const loss = (x: T2, y: T2) => {
      const h = hidden.apply(tf.div(x, 5)) as T2;
      const [a, m, s] = heads.map((l) => l.apply(h) as T2);
      return nllFromMixture(tf.softmax(a!), m!, tf.exp(s!), y);
    };
    tf.tidy(() => loss(tf.zeros([1, 1]), tf.zeros([1, 1])));
    return { vars: [hidden, ...heads].flatMap((l) => l.trainableWeights.map((w) => w.read() as import('@tensorflow/tfjs').Variable)), loss };
  },
  'layers, one head of 3k units split, loss from (π, μ, σ)': () => {
    const hidden = tf.layers.dense({ units: H, activation: 'tanh', inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) });
    const head = tf.layers.dense({ units: 3 * K, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) });
    const f = (x: T2) => tf.split(head.apply(hidden.apply(tf.div(x, 5)) as T2) as T2, 3, 1) as T2[];
    tf.tidy(() => f(tf.zeros([1, 1])));
    return { vars: [hidden, head].flatMap((l) => l.trainableWeights.map((w) => w.read() as import('@tensorflow/tfjs').Variable)), loss: (x, y) => { const [a, m, s] = f(x); return nllFromMixture(tf.softmax(a!), m!, tf.exp(s!), y); } };
  },
  'layers, one head of 3k units split, loss from the heads': () => {
    const hidden = tf.layers.dense({ units: H, activation: 'tanh', inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) });
    const head = tf.layers.dense({ units: 3 * K, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) });
    const f = (x: T2) => tf.split(head.apply(hidden.apply(tf.div(x, 5)) as T2) as T2, 3, 1) as T2[];
    tf.tidy(() => f(tf.zeros([1, 1])));
    return { vars: [hidden, head].flatMap((l) => l.trainableWeights.map((w) => w.read() as import('@tensorflow/tfjs').Variable)), loss: (x, y) => { const [a, m, s] = f(x); return nllFromHeads(a!, m!, s!, y); } };
  },
  'plain variables (matMul + bias), one head split, loss from (π, μ, σ) (the solution now)': () => {
    const [w1, b1, w2, b2] = [glorot(1, [1, H]), zeros(H), glorot(2, [H, 3 * K]), zeros(3 * K)];
    return { vars: [w1!, b1!, w2!, b2!], loss: (x, y) => { const h = tf.tanh(tf.add(tf.matMul(tf.div(x, 5), w1!), b1!)); const [a, m, s] = tf.split(tf.add(tf.matMul(h, w2!), b2!), 3, 1) as T2[]; return nllFromMixture(tf.softmax(a!), m!, tf.exp(s!), y); } };
  },
  'plain variables (matMul + bias), one head split, loss from the heads': () => {
    const [w1, b1, w2, b2] = [glorot(1, [1, H]), zeros(H), glorot(2, [H, 3 * K]), zeros(3 * K)];
    return { vars: [w1!, b1!, w2!, b2!], loss: (x, y) => { const h = tf.tanh(tf.add(tf.matMul(tf.div(x, 5), w1!), b1!)); const [a, m, s] = tf.split(tf.add(tf.matMul(h, w2!), b2!), 3, 1) as T2[]; return nllFromHeads(a!, m!, s!, y); } };
  },
};

const { values } = parseArgs({ options: { steps: { type: 'string', default: '200' }, reps: { type: 'string', default: '5' }, only: { type: 'string' } } });
const steps = Number(values.steps), reps = Number(values.reps);
const data = sampleSinusoid({ trainN: N, testN: 1, noise: 1, xMin: -10, xMax: 10, inverse: true }, N, 1, 'step-cost', sinusoidShape(1));
const x = tf.tensor2d(data.x, [N, 1]), y = tf.tensor2d(data.y, [N, 1]);
const names = values.only ? values.only.split('|') : Object.keys(variants);
console.log(`one full-batch Adam step on ${N} points, WASM in Node; median of ${reps} blocks of ${steps} steps`);
for (const name of names) {
  const v = variants[name]!();
  const opt = tf.train.adam(2e-2);
  const step = () => void opt.minimize(() => v.loss(x, y), false, v.vars);
  for (let i = 0; i < 50; i++) step();
  const profile = await tf.profile(() => { step(); });
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    times.push((performance.now() - t0) / steps);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${name}: ${profile.kernels.length} kernels, ${times[Math.floor(reps / 2)]!.toFixed(3)} ms per step (min ${times[0]!.toFixed(3)})`);
  opt.dispose();
  tf.dispose(v.vars);
}
