/**
 * Trains a small convolutional autoencoder (8×8 digits-sized noise, batch 64: conv 1→8 relu → maxPool → conv 8→16
 * relu → conv2dTranspose 16→8 stride 2 → conv 8→1) for a few epochs on one backend and prints its losses: a
 * whole-process workload for timing WASM (with the patches, which it needs to train at all) against CPU.
 *
 * Usage: node scripts/with-node.mjs node scripts/wasm-kernels/train-conv-ae.ts wasm|cpu [epochs, default 3]
 */
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { installWasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { randomValues } from './random-values.ts';

const backend = process.argv[2] === 'cpu' ? 'cpu' : 'wasm';
const epochs = Number(process.argv[3] ?? 3);
const tf = await useNodeBackend(backend);
if (backend === 'wasm') installWasmPatches(tf);
const init = (seed: number) => tf.initializers.glorotUniform({ seed });
const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
    tf.layers.conv2dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(3) }),
    tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', kernelInitializer: init(4) }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
const xs = tf.tensor4d(randomValues(512 * 64, 1, { uniform: true }), [512, 8, 8, 1]);
const h = await model.fit(xs, xs, { epochs, batchSize: 64, shuffle: false, verbose: 0 });
console.log(backend, (h.history.loss as number[]).map((l) => l.toFixed(5)).join(' '));
