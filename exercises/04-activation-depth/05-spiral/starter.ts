import * as tf from '@tensorflow/tfjs';
import type { Split, TrainContext } from 'course';

/**
 * Classify points of a three-arm spiral.
 *
 * `data` holds the 3000 training points: `data.x` is a flat Float32Array of (x, y) pairs, `data.y` the arm of each
 * point (0, 1 or 2). The grader draws a fresh spiral of 3000 points, which your code never sees, and checks the
 * model you return on it.
 *
 * As it stands, this trains a linear model: one dense layer into a softmax. Run it once and watch the decision
 * regions: three wedges with straight borders, which cannot follow the arms. Then make it a network.
 */
export async function train(data: Split, ctx: TrainContext): Promise<tf.LayersModel> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const xs = tf.tensor2d(data.x, [data.n, data.features]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(data.y, 'int32'), data.classes));

  const model = tf.sequential();
  // TODO: add a hidden layer first: tf.layers.dense with 100 units, activation 'relu' and inputShape
  //       [data.features]. For runs that repeat exactly, also pass a seeded initializer, e.g.
  //       kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seed }).

  // TODO: once the hidden layer has inputShape, remove it from this output layer.
  model.add(tf.layers.dense({ units: data.classes, activation: 'softmax', inputShape: [data.features] }));

  // Adam with learning rate 0.001 on the full batch for 1000 epochs: the original PyTorch recipe.
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, {
    epochs: 1000,
    batchSize: data.n,
    shuffle: false,
    verbose: 0,
    // Passing `model` as well as the loss lets the page redraw the decision regions a few times a second while it
    // trains. Keep it when you change the network.
    callbacks: { onEpochEnd: (epoch, logs) => ctx.report({ step: epoch, loss: logs?.loss ?? NaN, model }) },
  });

  xs.dispose();
  ys.dispose();
  return model;
}
