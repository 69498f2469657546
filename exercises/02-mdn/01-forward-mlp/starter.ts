import * as tf from '@tensorflow/tfjs';
import type { RegressionSplit, TrainContext } from 'course';

/**
 * Fit y = 7 sin(0.75x) + 0.5x + N(0, 1) for x in [−10, 10].
 *
 * `data.x` holds 1000 inputs and `data.y` their noisy targets (flat Float32Arrays, one value per row). The grader
 * keeps 2000 fresh points, which your code never sees, and measures the mean squared error of your model on them.
 * The best possible score is the noise's variance, 1.
 *
 * Write the code so it does not depend on x's range: after grading, the page calls this same `train` on the same
 * points with x and y swapped (predict x from y, inputs in about [−13, 13]) and shows what it gets.
 */
export async function train(data: RegressionSplit, ctx: TrainContext): Promise<tf.LayersModel> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  // The inputs' and targets' mean and standard deviation, from the training data.
  const stats = (v: Float32Array) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) || 1;
    return { mean, sd };
  };
  const sx = stats(data.x), sy = stats(data.y);

  const xs = tf.tensor2d(data.x, [data.n, data.features]);
  const ys = tf.tensor2d(data.y, [data.n, data.targets]);

  const input = tf.input({ shape: [data.features] });
  // Inputs standardised inside the model (mean 0, standard deviation 1), so it predicts from raw x.
  const scaled = tf.layers.rescaling({ scale: 1 / sx.sd, offset: -sx.mean / sx.sd }).apply(input) as tf.SymbolicTensor;

  // TODO: add a hidden layer of 20 units with activation 'tanh' on `scaled`, and feed it (not `scaled`) to the
  //       output layer below. Without it the model is a straight line, a·x + b, and the sinusoid leaves an MSE
  //       near 24 around any line.
  // TODO: a tanh unit bends around x = −b/w over a width of about 1/|w|. With one standardised input, the default
  //       initializer starts every |w| below 0.53: the units start almost straight and training must first grow
  //       them. Start w and b spread over U(−3, 3) instead (tf.initializers.randomUniform), seeded with ctx.seed
  //       for w and another seed for b (with one seed, b = w, and every unit bends at the same standardised
  //       x = −1).
  const hidden = scaled;

  // A linear output scaled to the targets' mean and standard deviation: its first predictions are at y's scale.
  const unit = tf.layers.dense({ units: data.targets, kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seed + 1 }) }).apply(hidden) as tf.SymbolicTensor;
  const out = tf.layers.rescaling({ scale: sy.sd, offset: sy.mean }).apply(unit) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });

  model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
  await model.fit(xs, ys, {
    // TODO: 50 epochs barely start the fit (watch the loss curve). Try 1000.
    epochs: 50,
    batchSize: data.n, // full batch: one smooth step per epoch
    shuffle: false,
    verbose: 0,
    callbacks: { onEpochEnd: (epoch, logs) => ctx.report({ step: epoch, loss: logs?.loss ?? NaN }) },
  });

  xs.dispose();
  ys.dispose();
  return model;
}
