import * as tf from '@tensorflow/tfjs';
import type { ConvAutoencoderInput, TrainContext } from 'course';

/**
 * Reference solution: a convolutional autoencoder on 28×28 images. The encoder is two 3×3 convolutions with stride 2
 * (28×28×1 → 14×14×8 → 7×7×16, ReLU), then a dense code of `data.bottleneck` = 16 linear units; the decoder mirrors
 * it: a dense layer back to 7×7×16 (ReLU), then two 3×3 transposed convolutions with stride 2 (→ 14×14×8, ReLU →
 * 28×28×1, sigmoid, because the pixels are in [0, 1]). Adam at 1e-2, mini-batches of 32, 15 epochs on 1000 images.
 *
 * Why strides rather than max-pooling (the lesson's measured network pools): a strided convolution computes only
 * the outputs it keeps, so an epoch costs about a third of the pooled network's on WASM, and 15 epochs fit in a
 * grading (scripts/autoencoders/conv-autoencoder-variants.ts measures both).
 */

/** Filters of the two convolutions (the decoder mirrors them). */
const FILTERS = [8, 16] as const;
/** Adam's learning rate: high enough that 15 epochs get below PCA's error. */
const LEARNING_RATE = 1e-2;
/** Passes over the training images. */
const EPOCHS = 15;
/** Images per gradient step: 32 gives twice the steps of 64 for about the same time per epoch. */
const BATCH = 32;
/** How often (in epochs) the live grid of reconstructions is redrawn: reading tensors back costs time. */
const SHOW_EVERY = 5;
/** Training images shown live, over their reconstructions. */
const SHOWN = 12;

export async function train(data: ConvAutoencoderInput, ctx: TrainContext) {
  const init = (i: number) => tf.initializers.glorotUniform({ seed: ctx.seed + i });
  const [f1, f2] = FILTERS;
  // After two stride-2 convolutions, each side is a quarter of the image's: 28 → 14 → 7.
  const [h, w] = [data.rows / 4, data.cols / 4];

  const model = tf.sequential({
    layers: [
      // The images arrive flattened (784 values a row); the convolutions want height × width × channels.
      tf.layers.reshape({ inputShape: [data.features], targetShape: [data.rows, data.cols, 1] }),
      // Encoder: each 3×3 filter looks at a small patch and is the same everywhere in the image, so an edge or a
      // collar is learned once, wherever it is. Stride 2 halves each side.
      tf.layers.conv2d({ filters: f1, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.conv2d({ filters: f2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.flatten(),
      // The code: `bottleneck` linear numbers, all that passes to the decoder (a ReLU here could let units die).
      tf.layers.dense({ units: data.bottleneck, kernelInitializer: init(2) }),
      // Decoder: back to a 7×7×16 map, then transposed convolutions double each side: 7 → 14 → 28.
      tf.layers.dense({ units: h * w * f2, activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.reshape({ targetShape: [h, w, f2] }),
      tf.layers.conv2dTranspose({ filters: f1, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(4) }),
      // Sigmoid: outputs in (0, 1), the pixels' own range.
      tf.layers.conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'sigmoid', kernelInitializer: init(5) }),
      // Flattened again, so the model maps [n, 784] to [n, 784] as the grader calls it.
      tf.layers.flatten(),
    ],
  });

  // Mini-batches, cut once: the images come in random order already, and a fixed order keeps runs repeatable.
  const batches: tf.Tensor2D[] = [];
  for (let start = 0; start < data.n; start += BATCH) {
    const rows = Math.min(BATCH, data.n - start);
    batches.push(tf.tensor2d(data.x.subarray(start * data.features, (start + rows) * data.features), [rows, data.features]));
  }
  const shown = batches[0]!.slice([0, 0], [SHOWN, data.features]);
  const original = await shown.data();

  // The loss: mean squared error between each image and its reconstruction. The target is the input itself.
  const optimizer = tf.train.adam(LEARNING_RATE);
  const reconstructionLoss = (x: tf.Tensor2D) => tf.losses.meanSquaredError(x, model.apply(x) as tf.Tensor2D) as tf.Scalar;

  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    // Sum the batch losses on the device and read the epoch's mean once (a read per batch would wait on each).
    let total = tf.scalar(0);
    for (const x of batches) {
      const loss = optimizer.minimize(() => reconstructionLoss(x), true)!;
      const next = tf.tidy(() => tf.add(total, tf.mul(loss, x.shape[0] / data.n)));
      tf.dispose([total, loss]);
      total = next as tf.Scalar;
    }
    const loss = (await total.data())[0]!;
    total.dispose();
    if (epoch % SHOW_EVERY !== SHOW_EVERY - 1) {
      ctx.report({ step: epoch, loss });
      continue;
    }
    const recon = tf.tidy(() => model.predict(shown) as tf.Tensor);
    const images = await recon.data();
    recon.dispose();
    ctx.report({ step: epoch, loss, plots: [{ kind: 'images', rows: data.rows, cols: data.cols, strips: [{ label: 'images', images: original }, { label: 'reconstructions', images }] }] });
  }
  tf.dispose([...batches, shown]);
  optimizer.dispose();
  // The runtime reconstructs the held-out images with model.predict, then disposes the model.
  return model;
}
