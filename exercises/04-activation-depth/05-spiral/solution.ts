import * as tf from '@tensorflow/tfjs';
import type { Split, TrainContext } from 'course';

/**
 * Reference solution: the original PyTorch network in TensorFlow.js. A 2 → 100 → 3 network with a ReLU hidden
 * layer and a softmax output, trained with Adam (learning rate 0.001) on the full batch for 1000 epochs.
 */
export async function train(data: Split, ctx: TrainContext): Promise<tf.LayersModel> {
  const xs = tf.tensor2d(data.x, [data.n, data.features]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(data.y, 'int32'), data.classes));

  // PyTorch's default initialisation for nn.Linear, so the numbers compare with the original: weights and biases
  // uniform in ±1/√(inputs of the layer). varianceScaling with scale 1/3 and a uniform distribution has exactly
  // that limit, √(3 · (1/3) / fanIn). Seeds from ctx.seed make every run of a grading seed identical.
  const init = (fanIn: number, seed: number) => ({
    kernelInitializer: tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform', seed }),
    biasInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn), seed: seed + 1 }),
  });

  const model = tf.sequential();
  // 100 ReLU units: each one is a bent line (a "crease") across the plane, and the output layer adds them up into
  // piecewise-linear boundaries that can follow the arms. Swap 'relu' for 'sigmoid' to see the net fail.
  model.add(tf.layers.dense({ units: 100, activation: 'relu', inputShape: [data.features], ...init(data.features, ctx.seed) }));
  model.add(tf.layers.dense({ units: data.classes, activation: 'softmax', ...init(100, ctx.seed + 2) }));

  // Adam adapts each weight's step size from the history of its gradients, so the same small learning rate works
  // for weights whose gradients differ by orders of magnitude.
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, {
    epochs: 1000,
    batchSize: data.n, // full batch: one Adam step per epoch on all 3000 points, as in the original
    shuffle: false,
    verbose: 0,
    // Passing the model as well as the loss makes the page redraw the decision regions while it trains.
    callbacks: { onEpochEnd: (epoch, logs) => ctx.report({ step: epoch, loss: logs?.loss ?? NaN, epochs: 1000, model }) },
  });

  xs.dispose();
  ys.dispose();
  return model;
}
