import * as tf from '@tensorflow/tfjs';
import type { Split, TrainContext } from 'course';

/**
 * Classify 2-D points into one of 4 Gaussian blobs.
 *
 * `data` holds the training points only: `data.x` is a flat Float32Array of (x, y) pairs, `data.y` the class of
 * each point (0–3). The grader keeps a test set drawn from the same blobs, which your code never sees, and checks
 * the model you return on it.
 */
export async function train(data: Split, ctx: TrainContext): Promise<tf.LayersModel> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  // Turn the flat arrays into tensors: one row per point, and one-hot targets (class 2 of 4 → [0, 0, 1, 0]).
  const xs = tf.tensor2d(data.x, [data.n, data.features]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(data.y, 'int32'), data.classes));

  const model = tf.sequential();
  // TODO: add a hidden layer first: tf.layers.dense with 8 units, activation 'relu', inputShape [data.features].

  // TODO: the output layer gives one score (logit) per class. Give it activation 'softmax' so each row becomes a
  //       probability distribution, and remove inputShape once the hidden layer above has it.
  model.add(tf.layers.dense({ units: data.classes, inputShape: [data.features] }));

  // TODO: compile with an optimizer and the cross-entropy loss, e.g.
  //       model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });

  // TODO: train with model.fit(xs, ys, { epochs, batchSize, callbacks }). Report the loss after every epoch so
  //       the page can draw the loss curve (epochs: how many in all, so it shows "epoch 120 / 300"):
  //       callbacks: { onEpochEnd: (epoch, logs) => ctx.report({ step: epoch, loss: logs?.loss ?? NaN, epochs: 300 }) }

  xs.dispose();
  ys.dispose();
  return model;
}
