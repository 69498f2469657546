import * as tf from '@tensorflow/tfjs';
import type { Split, TrainContext } from 'course';

/**
 * Reference solution: a 2 → 8 → 4 ReLU network, softmax output, cross-entropy loss, full-batch SGD.
 */
export async function train(data: Split, ctx: TrainContext): Promise<tf.LayersModel> {
  // Rows of (x, y) coordinates, and one-hot targets: class 2 of 4 becomes [0, 0, 1, 0].
  const xs = tf.tensor2d(data.x, [data.n, data.features]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(data.y, 'int32'), data.classes));

  const model = tf.sequential();
  // 8 ReLU units are plenty; in fact none are needed. For round Gaussian blobs of equal width and equal size the
  // best classifier is itself a softmax of linear functions (the lesson derives it), so a plain 2 → 4 softmax passes
  // too: a linear model fails only where straight lines cannot separate the classes, as on the spiral ("Why
  // non-linearity"). The hidden layer is practice for the spiral. Seeded initializers make every run of a seed
  // identical.
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [data.features], kernelInitializer: tf.initializers.heNormal({ seed: ctx.seed }) }));
  // Softmax turns the 4 scores (logits) into a probability distribution: positive, summing to 1.
  model.add(tf.layers.dense({ units: data.classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seed + 1 }) }));

  // Plain SGD with learning rate 0.1 on the full batch, as in the original PyTorch version. Cross-entropy is the
  // negative log-probability of the true class: it punishes confident mistakes hard, which is what we want.
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, {
    epochs: 300,
    batchSize: data.n, // one gradient step per epoch on all points: smooth curve, deterministic
    shuffle: false,
    verbose: 0,
    callbacks: { onEpochEnd: (epoch, logs) => ctx.report({ step: epoch, loss: logs?.loss ?? NaN, epochs: 300 }) },
  });

  xs.dispose();
  ys.dispose();
  return model;
}
