import * as tf from '@tensorflow/tfjs';
import type { DenseAutoencoderInput, TrainContext } from 'course';

/**
 * Reference solution: a dense autoencoder 64 → 32 → 16 → 32 → 64 (ReLU inside, a linear code, a sigmoid output
 * because the pixels are in [0, 1]) trained on the mean squared error between each digit and its reconstruction,
 * with Adam at 1e-2 in mini-batches of 64. The PyTorch re-run of the source (reference/exp7_digits.py) trains the
 * same network at Adam 1e-3 for 200 epochs; the source itself used 1e-5, which barely moves in the epochs a grading
 * can afford (scripts/autoencoders/dense-autoencoder-variants.ts measures both).
 */

/** Hidden units between the image and the code, on both sides. */
const HIDDEN = 32;
/** Adam's learning rate: 10× the PyTorch re-run's 1e-3, so a few dozen epochs do what 200 did there. */
const LEARNING_RATE = 1e-2;
/** Passes over the training digits. */
const EPOCHS = 50;
/** Digits per gradient step. */
const BATCH = 64;
/** How often (in epochs) the live grid of reconstructions is redrawn: reading tensors back costs time. */
const SHOW_EVERY = 5;
/** Training digits shown live, over their reconstructions. */
const SHOWN = 12;

export async function train(data: DenseAutoencoderInput, ctx: TrainContext) {
  const init = (i: number) => tf.initializers.glorotUniform({ seed: ctx.seed + i });

  // The encoder squeezes 64 pixels into `bottleneck` numbers; the decoder rebuilds 64 pixels from them. Nothing
  // but the code passes from one half to the other, so whatever the decoder draws, the code had to carry.
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: HIDDEN, activation: 'relu', inputShape: [data.features], kernelInitializer: init(0) }),
      // The code itself is linear: a ReLU here would let some of its units die (stuck at 0 for every digit).
      tf.layers.dense({ units: data.bottleneck, kernelInitializer: init(1) }),
      tf.layers.dense({ units: HIDDEN, activation: 'relu', kernelInitializer: init(2) }),
      // Sigmoid: outputs in (0, 1), the pixels' own range. (The source mapped pixels to [−1, 1] for a tanh output
      // while saying [0, 1]; either matched pair works, a mismatched one cannot reach part of its targets.)
      tf.layers.dense({ units: data.features, activation: 'sigmoid', kernelInitializer: init(3) }),
    ],
  });

  // Mini-batches, cut once: the digits come in random order already, and a fixed order keeps runs repeatable.
  const batches: tf.Tensor2D[] = [];
  for (let start = 0; start < data.n; start += BATCH) {
    const rows = Math.min(BATCH, data.n - start);
    batches.push(tf.tensor2d(data.x.subarray(start * data.features, (start + rows) * data.features), [rows, data.features]));
  }
  const shown = batches[0]!.slice([0, 0], [SHOWN, data.features]);
  const original = await shown.data();

  // The loss: mean squared error between each digit and its reconstruction. The target is the input itself.
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
      ctx.report({ step: epoch, loss, epochs: EPOCHS });
      continue;
    }
    const recon = tf.tidy(() => model.predict(shown) as tf.Tensor);
    const images = await recon.data();
    recon.dispose();
    ctx.report({ step: epoch, loss, epochs: EPOCHS, plots: [{ kind: 'images', rows: data.rows, cols: data.cols, strips: [{ label: 'digits', images: original }, { label: 'reconstructions', images }] }] });
  }
  tf.dispose([...batches, shown]);
  optimizer.dispose();
  // The runtime reconstructs the held-out digits with model.predict, then disposes the model.
  return model;
}
