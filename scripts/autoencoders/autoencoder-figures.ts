/**
 * The numbers the Autoencoders lesson quotes that are not the exercise's gradings (those are
 * scripts/autoencoders/dense-autoencoder-variants.ts): tfjs on WASM in Node, on the exercise's digits for seed 1
 * (1297 training digits, 500 held out, drawn as the exercise draws them).
 *   node scripts/with-node.mjs node scripts/autoencoders/autoencoder-figures.ts [--json src/components/figures/autoencoders/autoencoders/autoencoder-figures.json]
 * 1. A *linear* autoencoder (64 → k → 64, no activation) trained by full-batch Adam: the principal angles between
 *    its decoder's span and the top-k principal components (float64, ml-matrix), and its held-out MSE beside PCA's.
 *    The decoder spans the PCA subspace; its columns are not the components themselves (any invertible mix of
 *    them reconstructs as well), which is why the angles, not the vectors, are compared.
 * 2. The exercise's network (64-32-16-32-64, sigmoid output, mini-batches of 64) trained at Adam 1e-5 (the
 *    source's), 1e-3 (the PyTorch re-run's) and 1e-2 (the reference's): the training loss after every epoch and
 *    the held-out MSE at the end, to show how slow 1e-5 is.
 * 3. Sixteen held-out digits with their reconstructions by PCA (k = 2, 16) and by the dense autoencoder at 1e-2
 *    (k = 16), for the page's static image grid.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type * as TF from '@tensorflow/tfjs';
import { drawDigits, loadImageSet } from '../../graders/datasets/digits.ts';
import { pcaBasis, pcaReconstructionMse, principalAngles, type PcaBasis } from '../../graders/autoencoders/pca-reconstruction.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';

const { values } = parseArgs({ options: { json: { type: 'string', default: 'src/components/figures/autoencoders/autoencoders/autoencoder-figures.json' } } });
const tf: typeof TF = await useNodeBackend('wasm');
const [train, test] = drawDigits(await loadImageSet('digits-8x8'), [1297, 500], 1, 'dense-autoencoder');
const d = 64;
const xTrain = tf.tensor2d(train!.x, [train!.n, d]);
const xTest = tf.tensor2d(test!.x, [test!.n, d]);

/** Held-out MSE per pixel of a model (a function on [n, 64]). */
const heldout = (f: (x: TF.Tensor2D) => TF.Tensor) => tf.tidy(() => tf.mean(tf.square(tf.sub(f(xTest), xTest))).dataSync()[0]!);

/** PCA reconstructions of the first `count` held-out digits from `basis`. */
function pcaImages(basis: PcaBasis, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = Array.from({ length: d }, (_, j) => test!.x[i * d + j]! - basis.mean[j]!);
    const r = Array.from(basis.mean);
    for (const v of basis.components) {
      const dot = v.reduce((s, vj, j) => s + vj * c[j]!, 0);
      for (let j = 0; j < d; j++) r[j]! += dot * v[j]!;
    }
    out.push(...r.map((p) => Math.min(1, Math.max(0, p))));
  }
  return out;
}

// 1. Linear autoencoders against PCA.
const LINEAR_STEPS = 3000;
const linear = [];
for (const k of [2, 8, 16]) {
  const enc = tf.layers.dense({ units: k, inputShape: [d], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) });
  const dec = tf.layers.dense({ units: d, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) });
  const model = tf.sequential({ layers: [enc, dec] });
  const opt = tf.train.adam(1e-2);
  for (let s = 0; s < LINEAR_STEPS; s++) opt.minimize(() => tf.losses.meanSquaredError(xTrain, model.apply(xTrain) as TF.Tensor) as TF.Scalar);
  // The decoder's kernel is k×64: its rows are the directions the code's units draw along.
  const kernel = (await dec.getWeights()[0]!.array()) as number[][];
  const basis = pcaBasis(train!.x, train!.n, d, k);
  const angles = principalAngles(kernel, basis.components).map((a) => (a * 180) / Math.PI);
  linear.push({ k, steps: LINEAR_STEPS, maxAngleDeg: Math.max(...angles), anglesDeg: angles, autoencoderMse: heldout((x) => model.predict(x) as TF.Tensor), pcaMse: pcaReconstructionMse(basis, test!.x, test!.n) });
  console.log(`linear k=${k}: largest principal angle ${Math.max(...angles).toFixed(2)}°, held-out MSE ${linear.at(-1)!.autoencoderMse.toFixed(5)} vs PCA ${linear.at(-1)!.pcaMse.toFixed(5)}`);
  model.dispose();
  opt.dispose();
}

// 2. The exercise's network at three learning rates.
const EPOCHS = 50, BATCH = 64, SHOWN = 16;
const batches: TF.Tensor2D[] = [];
for (let s = 0; s < train!.n; s += BATCH) batches.push(xTrain.slice([s, 0], [Math.min(BATCH, train!.n - s), d]));
const rates = [];
let aeImages: number[] = [];
for (const lr of [1e-5, 1e-3, 1e-2]) {
  const init = (i: number) => tf.initializers.glorotUniform({ seed: 1 + i });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 32, activation: 'relu', inputShape: [d], kernelInitializer: init(0) }),
      tf.layers.dense({ units: 16, kernelInitializer: init(1) }),
      tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.dense({ units: d, activation: 'sigmoid', kernelInitializer: init(3) }),
    ],
  });
  const opt = tf.train.adam(lr);
  const loss: number[] = [];
  for (let e = 0; e < EPOCHS; e++) {
    let total = 0;
    for (const b of batches) {
      const l = opt.minimize(() => tf.losses.meanSquaredError(b, model.apply(b) as TF.Tensor) as TF.Scalar, true)!;
      total += l.dataSync()[0]! * b.shape[0];
      l.dispose();
    }
    loss.push(total / train!.n);
  }
  rates.push({ learningRate: lr, epochs: EPOCHS, batch: BATCH, trainLoss: loss, heldoutMse: heldout((x) => model.predict(x) as TF.Tensor) });
  console.log(`Adam ${lr}: training loss ${loss[0]!.toFixed(4)} → ${loss.at(-1)!.toFixed(4)}, held-out MSE ${rates.at(-1)!.heldoutMse.toFixed(5)}`);
  if (lr === 1e-2) aeImages = Array.from(tf.tidy(() => tf.clipByValue(model.predict(xTest.slice([0, 0], [SHOWN, d])) as TF.Tensor, 0, 1).dataSync()));
  model.dispose();
  opt.dispose();
}
// The mean image alone (a 0-unit code): what "learned nothing" scores.
const meanOnlyMse = pcaReconstructionMse({ ...pcaBasis(train!.x, train!.n, d, 1), components: [] }, test!.x, test!.n);

// 3. The image grid.
const grid = {
  rows: 8,
  cols: 8,
  strips: [
    { label: 'held-out digits', images: Array.from(test!.x.subarray(0, SHOWN * d)) },
    { label: 'PCA, k = 2', images: pcaImages(pcaBasis(train!.x, train!.n, d, 2), SHOWN) },
    { label: 'PCA, k = 16', images: pcaImages(pcaBasis(train!.x, train!.n, d, 16), SHOWN) },
    { label: 'autoencoder, k = 16', images: aeImages },
  ].map((s) => ({ ...s, images: s.images.map((v) => Math.round(v * 1000) / 1000) })),
};

const command = `node scripts/with-node.mjs node scripts/autoencoders/autoencoder-figures.ts --json ${values.json}`;
writeFileSync(values.json, JSON.stringify({ provenance: provenance('scripts/autoencoders/autoencoder-figures.ts', command), data: { trainN: train!.n, testN: test!.n, seed: 1 }, meanOnlyMse, linear, rates, grid }, null, 1) + '\n');
console.log(`mean image only: ${meanOnlyMse.toFixed(5)}; wrote ${values.json}`);
tf.dispose([xTrain, xTest, ...batches]);
