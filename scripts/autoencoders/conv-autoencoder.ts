/**
 * A small convolutional autoencoder on the shipped 28×28 images (Fashion-MNIST's first 2000 test images,
 * data/fashion-mnist/SOURCE.md), trained on tfjs WASM in Node: how long an epoch takes and what it reconstructs,
 * beside PCA with as many components as the code has units (float64) and the PyTorch re-run's dense autoencoder
 * (reference/results/exp7b_fashion_mnist.json). The lesson quotes it as the starting point of 06-conv-autoencoder,
 * whose strided, smaller recipe fits a grading (conv-autoencoder-variants.ts measures that one).
 *   node scripts/with-node.mjs node scripts/autoencoders/conv-autoencoder.ts [--epochs 10] [--json src/components/figures/autoencoders/autoencoders/conv-autoencoder.json]
 * Network: conv 3×3×8 ReLU → max-pool 2 (14×14×8) → conv 3×3×16 ReLU → max-pool 2 (7×7×16) → dense 16 (the code)
 * → dense 784 ReLU → reshape 7×7×16 → transposed conv 3×3×8, stride 2, ReLU (14×14×8) → transposed conv 3×3×1,
 * stride 2, sigmoid (28×28×1). Adam 3e-3, mini-batches of 64, 1500 training images, 500 held out (seed 1).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type * as TF from '@tensorflow/tfjs';
import { pcaBasis, pcaReconstructionMse } from '../../graders/autoencoders/pca-reconstruction.ts';
import { drawDigits, loadImageSet } from '../../graders/datasets/digits.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { cpuSeconds } from '../measure-lib.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '10' }, json: { type: 'string' } } });
const EPOCHS = Number(values.epochs), BATCH = 64, CODE = 16, LR = 3e-3, TRAIN = 1500, TEST = 500;
const tf: typeof TF = await useNodeBackend('wasm');
const [train, test] = drawDigits(await loadImageSet('fashion-mnist-28x28'), [TRAIN, TEST], 1, 'conv-autoencoder');
const side = 28, d = side * side;
const init = (i: number) => tf.initializers.glorotUniform({ seed: 1 + i });
const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [side, side, 1], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: CODE, kernelInitializer: init(2) }),
    tf.layers.dense({ units: 7 * 7 * 16, activation: 'relu', kernelInitializer: init(3) }),
    tf.layers.reshape({ targetShape: [7, 7, 16] }),
    tf.layers.conv2dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(4) }),
    tf.layers.conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'sigmoid', kernelInitializer: init(5) }),
  ],
});
const images = (x: Float32Array, n: number) => tf.tensor4d(x, [n, side, side, 1]);
const batches: TF.Tensor4D[] = [];
for (let s = 0; s < TRAIN; s += BATCH) {
  const rows = Math.min(BATCH, TRAIN - s);
  batches.push(images(train!.x.subarray(s * d, (s + rows) * d), rows));
}
const xTest = images(test!.x, TEST);
const opt = tf.train.adam(LR);
const epochs: { epoch: number; trainLoss: number; seconds: number; cpuSeconds: number }[] = [];
for (let e = 1; e <= EPOCHS; e++) {
  const t0 = performance.now(), c0 = process.cpuUsage();
  let total = 0;
  for (const b of batches) {
    const l = opt.minimize(() => tf.losses.meanSquaredError(b, model.apply(b) as TF.Tensor) as TF.Scalar, true)!;
    total += (await l.data())[0]! * b.shape[0];
    l.dispose();
  }
  epochs.push({ epoch: e, trainLoss: total / TRAIN, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds(c0) });
  console.log(`epoch ${e}: training MSE ${(total / TRAIN).toFixed(5)}  ${epochs.at(-1)!.seconds.toFixed(2)} s (CPU ${epochs.at(-1)!.cpuSeconds.toFixed(2)} s)`);
}
const heldoutMse = tf.tidy(() => tf.mean(tf.square(tf.sub(model.predict(xTest) as TF.Tensor, xTest))).dataSync()[0]!);
const pcaMse = pcaReconstructionMse(pcaBasis(train!.x, TRAIN, d, CODE), test!.x, TEST);
const params = model.countParams();
console.log(`held-out MSE ${heldoutMse.toFixed(5)}; PCA with ${CODE} components ${pcaMse.toFixed(5)}; ${params} weights`);
if (values.json) {
  const command = `node scripts/with-node.mjs node scripts/autoencoders/conv-autoencoder.ts --epochs ${EPOCHS} --json ${values.json}`;
  writeFileSync(values.json, JSON.stringify({ provenance: provenance('scripts/autoencoders/conv-autoencoder.ts', command), config: { trainN: TRAIN, testN: TEST, seed: 1, code: CODE, batch: BATCH, learningRate: LR, params }, epochs, heldoutMse, pcaMse }, null, 1) + '\n');
}
tf.dispose([...batches, xTest]);
model.dispose();
