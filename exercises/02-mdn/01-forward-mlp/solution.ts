import * as tf from '@tensorflow/tfjs';
import type { RegressionSplit, TrainContext } from 'course';

/** Hidden tanh units: the original post's 1 → 20 → 1 network. */
const HIDDEN = 20;
const EPOCHS = 1000;
const LEARNING_RATE = 0.02;

/**
 * Reference solution: the original's 1 → 20 tanh → 1 network, made fast by scaling. The inputs are standardised
 * (mean 0, standard deviation 1), the hidden units start with weights and biases spread over U(−3, 3), and the
 * output is scaled to the targets' mean and standard deviation, so Adam at 0.02 on the full batch fits in 1000 epochs
 * (the original: unscaled inputs, RMSprop, 3000 epochs), trained by a loop of optimizer.minimize as the softmax-blobs
 * lesson teaches (the same steps as a full-batch model.fit, which cost 1.6× the time here: fit's per-epoch
 * bookkeeping outweighs this tiny network's step). The scalings are layers of the returned model, so it
 * predicts from raw inputs in y's units.
 */
export async function train(data: RegressionSplit, ctx: TrainContext): Promise<tf.LayersModel> {
  // Statistics of the training inputs and targets: the same code then fits the inverse problem (x from y), whose
  // inputs span about [−13, 13] instead of [−10, 10], without a hand-tuned constant.
  const stats = (v: Float32Array) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) || 1;
    return { mean, sd };
  };
  const sx = stats(data.x), sy = stats(data.y);

  const xs = tf.tensor2d(data.x, [data.n, data.features]);
  const ys = tf.tensor2d(data.y, [data.n, data.targets]);

  const input = tf.input({ shape: [data.features] });
  // Standardise inside the model, so the layer below sees inputs in about [−1.7, 1.7] whatever the data's units
  // (x in [−10, 10] here, y in about [−13, 13] on the inverse problem).
  const scaled = tf.layers.rescaling({ scale: 1 / sx.sd, offset: -sx.mean / sx.sd }).apply(input) as tf.SymbolicTensor;
  // Each unit is tanh(w·x + b): it bends around x = −b/w over a width of about 1/|w|. The curve has five bends in the
  // range, so the units must start steep and spread out: w and b from U(−3, 3). The default (Glorot) draws
  // |w| ≤ 0.53 for one input, and on standardised x every unit then starts almost straight: training must first
  // grow the weights, which took twice the epochs and still left some seeds at MSE 1.3–1.4
  // (scripts/mdn/forward-mlp-variants.ts).
  const init = (seed: number) => tf.initializers.randomUniform({ minval: -3, maxval: 3, seed });
  const hidden = tf.layers
    .dense({ units: HIDDEN, activation: 'tanh', kernelInitializer: init(ctx.seed), biasInitializer: init(ctx.seed + 2) })
    .apply(scaled) as tf.SymbolicTensor;
  // A linear output (a target can be any real number), scaled to the targets' mean and spread: the dense layer's
  // output starts near 0 ± 1, so this puts the first predictions at the right scale instead of 5× too small.
  const unit = tf.layers.dense({ units: data.targets, kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seed + 1 }) }).apply(hidden) as tf.SymbolicTensor;
  const out = tf.layers.rescaling({ scale: sy.sd, offset: sy.mean }).apply(unit) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });

  // Mean squared error: its minimiser is the conditional mean E[y | x], here the curve itself (the noise has mean 0).
  // A loop of optimizer.minimize instead of model.fit: fit's per-epoch bookkeeping costs more than this tiny
  // network's step. The loss is read back only when it is reported (every 10 steps).
  const optimizer = tf.train.adam(LEARNING_RATE);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const report = epoch % 10 === 0 || epoch === EPOCHS - 1;
    const cost = optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.apply(xs) as tf.Tensor) as tf.Scalar, report);
    if (cost) {
      ctx.report({ step: epoch, loss: cost.dataSync()[0]!, epochs: EPOCHS });
      cost.dispose();
    }
  }
  optimizer.dispose();
  xs.dispose();
  ys.dispose();
  return model;
}
