import * as tf from '@tensorflow/tfjs';
import type { DenseAutoencoderInput, TrainContext } from 'course';

/**
 * Train a dense autoencoder on 8×8 digits.
 *
 * `data.x` holds `data.n` digits, one per row of `data.features` = 64 grey values in [0, 1] (0 = blank, 1 = full
 * ink). An autoencoder is two networks in a row: an *encoder* that squeezes each digit into a short code of
 * `data.bottleneck` = 16 numbers, and a *decoder* that rebuilds the 64 pixels from that code alone. It is trained
 * to reproduce its input: the loss is the mean squared error between each digit and its reconstruction. Since
 * nothing but the code reaches the decoder, the code must keep what matters about the digit.
 *
 * Return the trained autoencoder (the whole thing, image in, image out). The grader reconstructs 500 digits your
 * code never saw and compares with PCA using 16 components, the best a *linear* code of the same width can do.
 */

/** Hidden units between the image and the code, on both sides. */
const HIDDEN = 32;
/** Adam's learning rate. The source used 1e-5: try it, and watch the loss curve. */
const LEARNING_RATE = 1e-5;
/** Passes over the training digits. */
const EPOCHS = 50;
/** Digits per gradient step. */
const BATCH = 64;
/** How often (in epochs) the live grid of reconstructions is redrawn. */
const SHOW_EVERY = 5;
/** Training digits shown live, over their reconstructions. */
const SHOWN = 12;

export async function train(data: DenseAutoencoderInput, ctx: TrainContext) {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const init = (i: number) => tf.initializers.glorotUniform({ seed: ctx.seed + i });

  // TODO: the autoencoder, 64 → HIDDEN → data.bottleneck → HIDDEN → 64. ReLU on the two hidden layers; no activation
  // on the code; on the output, an activation whose range is the pixels' range, [0, 1]. (The source's pixels were
  // mapped to [−1, 1] for a tanh output, while its text said [0, 1]: the output's range must match the targets'.)
  // This placeholder has no code at all: it draws the same blank digit whatever it is given.
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: data.features, activation: 'sigmoid', inputShape: [data.features], kernelInitializer: 'zeros' })],
  });

  // Mini-batches, cut once: the digits come in random order already, and a fixed order keeps runs repeatable.
  const batches: tf.Tensor2D[] = [];
  for (let start = 0; start < data.n; start += BATCH) {
    const rows = Math.min(BATCH, data.n - start);
    batches.push(tf.tensor2d(data.x.subarray(start * data.features, (start + rows) * data.features), [rows, data.features]));
  }
  const shown = batches[0]!.slice([0, 0], [SHOWN, data.features]);
  const original = await shown.data();

  const optimizer = tf.train.adam(LEARNING_RATE);
  // TODO: the reconstruction loss of a batch x: the mean squared error between x and the model's output on x
  // (tf.losses.meanSquaredError, with model.apply(x)). This placeholder's loss is 0 whatever the model does.
  const reconstructionLoss = (x: tf.Tensor2D) => tf.mul(tf.sum(x), 0) as tf.Scalar;

  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    // Sum the batch losses on the device and read the epoch's mean once (a read per batch would wait on each).
    let total = tf.scalar(0);
    for (const x of batches) {
      // TODO: one Adam step on this batch: optimizer.minimize(() => reconstructionLoss(x), true) returns the loss.
      const loss = reconstructionLoss(x);
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
    // Every few epochs, a strip of training digits over their current reconstructions, drawn beside the loss curve.
    const recon = tf.tidy(() => model.predict(shown) as tf.Tensor);
    const images = await recon.data();
    recon.dispose();
    ctx.report({ step: epoch, loss, plots: [{ kind: 'images', rows: data.rows, cols: data.cols, strips: [{ label: 'digits', images: original }, { label: 'reconstructions', images }] }] });
  }
  tf.dispose([...batches, shown]);
  optimizer.dispose();
  return model;
}
