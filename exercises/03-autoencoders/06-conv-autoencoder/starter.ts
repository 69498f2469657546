import * as tf from '@tensorflow/tfjs';
import type { ConvAutoencoderInput, TrainContext } from 'course';

/**
 * Train a convolutional autoencoder on 28×28 clothing images.
 *
 * `data.x` holds `data.n` images of Fashion-MNIST, one per row of `data.features` = 784 grey values in [0, 1],
 * flattened row by row (`data.rows` = `data.cols` = 28). The dense autoencoder of the last exercise treated each
 * pixel as an unrelated input: every hidden unit had its own weight for every pixel. A *convolutional* encoder
 * slides small filters (3×3 weights) over the image instead, the same filter everywhere, so an edge or a collar is
 * learned once wherever it appears, with far fewer weights. Each convolution with stride 2 halves the image's sides
 * (28 → 14 → 7); a dense layer then squeezes the last feature map into the code of `data.bottleneck` = 16 numbers.
 * The decoder runs the other way: a dense layer back to a small feature map, then *transposed* convolutions with
 * stride 2 that double the sides (7 → 14 → 28) until one channel of 28×28 pixels comes out.
 *
 * The training loop is the last exercise's, complete. Return the trained autoencoder (the whole thing, [n, 784] in,
 * [n, 784] out). The grader reconstructs 500 images your code never saw and compares with PCA using 16 components.
 */

/** Filters of the two convolutions (the decoder mirrors them). */
const FILTERS = [8, 16] as const;
/** Adam's learning rate. */
const LEARNING_RATE = 1e-2;
/** Passes over the training images: a grading has about 10 seconds, and an epoch takes about a third of one. */
const EPOCHS = 15;
/** Images per gradient step. */
const BATCH = 32;
/** How often (in epochs) the live grid of reconstructions is redrawn. */
const SHOW_EVERY = 5;
/** Training images shown live, over their reconstructions. */
const SHOWN = 12;

export async function train(data: ConvAutoencoderInput, ctx: TrainContext) {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const init = (i: number) => tf.initializers.glorotUniform({ seed: ctx.seed + i });
  const [f1, f2] = FILTERS;
  // After two stride-2 convolutions, each side is a quarter of the image's: 28 → 14 → 7.
  const [h, w] = [data.rows / 4, data.cols / 4];

  const model = tf.sequential({
    layers: [
      // The images arrive flattened; the convolutions want height × width × channels.
      tf.layers.reshape({ inputShape: [data.features], targetShape: [data.rows, data.cols, 1] }),
      // TODO: the encoder: two tf.layers.conv2d with f1, then f2 filters, kernelSize 3, strides 2, padding 'same'
      // and ReLU (28×28×1 → 14×14×f1 → 7×7×f2), each with kernelInitializer: init(0), init(1). Then flatten.
      tf.layers.flatten(),
      // TODO: the code is data.bottleneck linear units. This placeholder keeps one number per image: every image
      // comes back as the same few blurry shapes.
      tf.layers.dense({ units: 1, kernelInitializer: init(2) }),
      // TODO: the decoder: a dense layer of h·w·f2 ReLU units, tf.layers.reshape to [h, w, f2], then two
      // tf.layers.conv2dTranspose (f1 filters with ReLU, then 1 filter with an activation whose range is the pixels'
      // range, [0, 1]), kernelSize 3, strides 2, padding 'same', kernelInitializer init(3), init(4), init(5); flatten
      // at the end so the model returns [n, 784]. This placeholder rebuilds the pixels with one dense layer.
      tf.layers.dense({ units: data.features, activation: 'sigmoid', kernelInitializer: init(3) }),
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
    // Every few epochs, a strip of training images over their current reconstructions, drawn beside the loss curve.
    const recon = tf.tidy(() => model.predict(shown) as tf.Tensor);
    const images = await recon.data();
    recon.dispose();
    ctx.report({ step: epoch, loss, plots: [{ kind: 'images', rows: data.rows, cols: data.cols, strips: [{ label: 'images', images: original }, { label: 'reconstructions', images }] }] });
  }
  tf.dispose([...batches, shown]);
  optimizer.dispose();
  return model;
}
