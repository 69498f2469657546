/**
 * The training claim of the "Vanishing gradients" lesson, measured: deep MLPs (8 hidden layers) trained on the
 * 3-arm spiral with full-batch Adam, sigmoid against ReLU, with PyTorch's default initialization and with the
 * variance-preserving ones (Glorot for sigmoid, He for ReLU). Writes the accuracies, loss curves and each net's
 * gradient ratio at initialization to
 * src/components/figures/activation-depth/vanishing-gradients/gradient-training.json, which the lesson renders.
 *
 * Run: node scripts/with-node.mjs node scripts/measure-vanishing.ts [--epochs 1000] [--seeds 1,2,3] [--width 32]
 *      [--per-class 100] [--out path]
 * WASM backend. The weights are drawn in plain TypeScript
 * (src/components/figures/activation-depth/vanishing-gradients/gradient-norms-model.ts), the same law as the
 * exercise and the figures, and copied into tfjs variables.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { spiral } from '../graders/datasets/spiral.ts';
import { weightGradientNorms } from '../graders/dense.ts';
import { accuracy } from '../graders/metrics.ts';
import { makeRng } from '../graders/rng.ts';
import { useNodeBackend } from '../src/runtime/node-backend.ts';
import { provenance } from '../src/components/figures/kit/provenance.ts';
import { firstLastRatio, initLabels, mlpLayers, type HiddenActivation, type InitScheme } from '../src/components/figures/activation-depth/vanishing-gradients/gradient-norms-model.ts';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '1000' },
    seeds: { type: 'string', default: '1,2,3' },
    width: { type: 'string', default: '32' },
    hidden: { type: 'string', default: '8' },
    'per-class': { type: 'string', default: '100' },
    lr: { type: 'string', default: '0.001' },
    every: { type: 'string', default: '25' },
    out: { type: 'string', default: 'src/components/figures/activation-depth/vanishing-gradients/gradient-training.json' },
  },
});
const epochs = Number(args.epochs), width = Number(args.width), hidden = Number(args.hidden), perClass = Number(args['per-class']);
const lr = Number(args.lr), every = Number(args.every);
const seeds = args.seeds!.split(',').map(Number);
const configs: { activation: HiddenActivation; scheme: InitScheme }[] = [
  { activation: 'sigmoid', scheme: 'pytorch' },
  { activation: 'relu', scheme: 'pytorch' },
  { activation: 'sigmoid', scheme: 'glorot' },
  { activation: 'relu', scheme: 'he' },
];

const tf = await useNodeBackend('wasm');
const started = performance.now();

/** Accuracy of an n×k tensor of logits: their argmax is the softmax's (first index on ties, as tf.argMax). */
const accuracyOf = (logits: import('@tensorflow/tfjs').Tensor, y: Int32Array) => accuracy(logits.dataSync(), y, logits.shape[1]!);

interface Run {
  seed: number;
  trainAccuracy: number;
  testAccuracy: number;
  finalLoss: number;
  /** Training loss every `every` epochs, from epoch 0 (before the first step). */
  loss: number[];
  /** Training accuracy at the same epochs. */
  accuracy: number[];
  /** ‖∂L/∂W₁‖ / ‖∂L/∂W_out‖ at initialization, on the full training batch. */
  initRatio: number;
  seconds: number;
}

const rows: { activation: HiddenActivation; init: InitScheme; initLabel: string; runs: Run[] }[] = [];
for (const { activation, scheme } of configs) {
  const runs: Run[] = [];
  for (const seed of seeds) {
    const t0 = performance.now();
    const data = spiral({ classes: 3, trainPerClass: perClass, testPerClass: 1000, noise: 0.2 }, seed);
    const layers = mlpLayers(hidden, width, scheme, makeRng(seed, `measure-vanishing/${scheme}`));
    const initRatio = firstLastRatio(weightGradientNorms(layers, activation, data.train.x, data.train.y, data.train.n));
    // tidy: the initial tensors are copied into the variables and freed; variables survive a tidy.
    const vars = tf.tidy(() => layers.map((l) => ({ w: tf.variable(tf.tensor2d(l.weights, [l.inputs, l.units])), b: tf.variable(tf.tensor1d(l.bias)) })));
    const x = tf.tensor2d(data.train.x, [data.train.n, 2]);
    const xTest = tf.tensor2d(data.test.x, [data.test.n, 2]);
    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(data.train.y, 'int32'), 3));
    const forward = (input: import('@tensorflow/tfjs').Tensor) => {
      let a = input;
      vars.forEach((v, l) => {
        const z = tf.add(tf.matMul(a, v.w), v.b);
        a = l < vars.length - 1 ? (activation === 'sigmoid' ? tf.sigmoid(z) : tf.relu(z)) : z;
      });
      return a;
    };
    const lossFn = () => tf.losses.softmaxCrossEntropy(labels, forward(x)) as import('@tensorflow/tfjs').Scalar;
    const optimizer = tf.train.adam(lr);
    const loss: number[] = [];
    const acc: number[] = [];
    let trainAccuracy = NaN;
    for (let epoch = 0; epoch <= epochs; epoch++) {
      if (epoch % every === 0 || epoch === epochs) {
        const logits = tf.tidy(() => forward(x));
        const l = tf.tidy(() => tf.losses.softmaxCrossEntropy(labels, logits));
        const a = accuracyOf(logits, data.train.y);
        loss.push(Number(l.dataSync()[0]!.toFixed(5)));
        acc.push(Number(a.toFixed(4)));
        // No step follows the last epoch: these are the trained net's logits, so no second forward pass is needed.
        if (epoch === epochs) trainAccuracy = a;
        tf.dispose([logits, l]);
      }
      if (epoch < epochs) tf.tidy(() => void optimizer.minimize(lossFn));
    }
    const testLogits = tf.tidy(() => forward(xTest));
    const run: Run = {
      seed,
      trainAccuracy,
      testAccuracy: accuracyOf(testLogits, data.test.y),
      finalLoss: loss[loss.length - 1]!,
      loss,
      accuracy: acc,
      initRatio: Number(initRatio.toPrecision(3)),
      seconds: Math.round((performance.now() - t0) / 100) / 10,
    };
    tf.dispose([testLogits, x, xTest, labels, ...vars.flatMap((v) => [v.w, v.b])]);
    optimizer.dispose();
    runs.push(run);
    console.log(`${activation} ${scheme} seed ${seed}: train ${run.trainAccuracy.toFixed(3)}, test ${run.testAccuracy.toFixed(3)}, loss ${run.finalLoss}, init ratio ${run.initRatio}, ${run.seconds} s (${tf.memory().numTensors} tensors)`);
  }
  rows.push({ activation, init: scheme, initLabel: initLabels[scheme], runs });
}

// The command as run, so the file's provenance names the flags that produced it.
const command = ['node scripts/with-node.mjs node scripts/measure-vanishing.ts', ...process.argv.slice(2)].join(' ');
const result = {
  provenance: provenance('scripts/measure-vanishing.ts', command),
  setup: {
    data: `3-arm spiral (noise 0.2), ${perClass} training points per class (${3 * perClass} in all), test set 1000 per class`,
    net: `2 → ${hidden} hidden layers of ${width} → 3, softmax cross-entropy`,
    hidden,
    width,
    optimizer: `Adam, learning rate ${lr}, full batch (one step per epoch)`,
    epochs,
    lossEvery: every,
    seeds,
    backend: 'tfjs WASM in Node',
    totalSeconds: Math.round((performance.now() - started) / 1000),
  },
  rows,
};
writeFileSync(args.out!, JSON.stringify(result, null, 1) + '\n');
console.log(`wrote ${args.out} in ${result.setup.totalSeconds} s`);
