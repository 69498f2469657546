import * as tf from '@tensorflow/tfjs';
import type { RegressionSplit, TrainContext } from 'course';

/**
 * Fit y = x³ + 0.3·u, u uniform on [0, 1], for x in [−1, 1].
 *
 * `data.x` holds 1000 inputs and `data.y` their noisy targets (flat Float32Arrays, one value per row). The grader
 * keeps 2000 fresh points, which your code never sees, and measures the mean squared error of your model on them.
 * The best possible score is the noise's variance, 0.3² / 12 = 0.0075.
 */
export async function train(data: RegressionSplit, ctx: TrainContext): Promise<tf.LayersModel> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const xs = tf.tensor2d(data.x, [data.n, data.features]);
  const ys = tf.tensor2d(data.y, [data.n, data.targets]);

  const model = tf.sequential();
  // TODO: add a hidden layer first, e.g. tf.layers.dense with 32 units, activation 'relu' and
  //       inputShape [data.features]. Without it this model is a straight line a·x + b, which cannot bend to x³.

  // TODO: once the hidden layer has inputShape, remove it here. Keep this layer linear (no activation): the target
  //       can be any real number.
  model.add(tf.layers.dense({ units: data.targets, inputShape: [data.features] }));

  // Mean squared error, Adam, the full batch each epoch.
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  await model.fit(xs, ys, {
    // TODO: 50 epochs of Adam at 0.01 barely start the fit (watch the loss curve). Try 500.
    epochs: 50,
    batchSize: data.n,
    shuffle: false,
    verbose: 0,
    callbacks: { onEpochEnd: (epoch, logs) => ctx.report({ step: epoch, loss: logs?.loss ?? NaN }) },
  });

  xs.dispose();
  ys.dispose();
  return model;
}
