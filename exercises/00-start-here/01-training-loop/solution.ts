import * as tf from '@tensorflow/tfjs';
import type { TrainContext, TrainingLoopInput } from 'course';

/**
 * Train a small network by plain gradient descent, written out by hand.
 *
 * The network is ŷ = tanh(x·w1 + b1)·w2 + b2 (1 input, `input.hidden` tanh units, 1 output) and the loss is the
 * mean squared error L = (1/n)·Σ(ŷᵢ − yᵢ)² over all n points. Start from the given weights, take exactly
 * `input.steps` steps of w ← w − η·∂L/∂w with η = `input.learningRate`, and return the four weights. The grader
 * repeats the same descent in float64 from the same start and compares your loss after exactly N steps with it.
 */
export async function trainByHand(input: TrainingLoopInput, ctx: TrainContext) {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const { n, learningRate, steps } = input;
  const xs = tf.tensor2d(input.x, [n, 1]);
  const ys = tf.tensor2d(input.y, [n, 1]);

  // The weights as variables: tf.variableGrads differentiates with respect to variables, and assign() updates
  // them in place. They start exactly where the grader's reference starts; a different start is a different
  // trajectory.
  // (tf.variable copies its initial value; the tidy disposes those initial tensors and keeps the variables.)
  const weights = tf.tidy(() => [tf.variable(tf.tensor2d(input.w1)), tf.variable(tf.tensor1d(input.b1)), tf.variable(tf.tensor2d(input.w2)), tf.variable(tf.tensor1d(input.b2))]);
  const [w1, b1, w2, b2] = weights as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];

  // The loss as a function of the weights: the mean (not the sum) of the squared errors, so the learning rate
  // means the same whatever n is. A sum would multiply every gradient, and so the step, by n.
  const loss = (): tf.Scalar =>
    tf.tidy(() => {
      const hidden = tf.tanh(tf.add(tf.matMul(xs, w1), b1));
      const yHat = tf.add(tf.matMul(hidden, w2), b2);
      return tf.mean(tf.square(tf.sub(yHat, ys)));
    });

  // Exactly `steps` updates, each on all n points (full batch), each w ← w − η·g for every one of the four weights
  // (forget b2 and the output stays offset). No optimizer object: Adam or momentum would take other steps.
  for (let step = 0; step < steps; step++) {
    const { value, grads } = tf.variableGrads(loss, weights);
    tf.tidy(() => {
      for (const w of weights) w.assign(tf.sub(w, tf.mul(learningRate, grads[w.name]!)));
    });
    // value is the loss BEFORE this step's update, so after `step` updates. Reading it waits for the backend, so
    // only every 10th step; `epochs` lets the page show how far along the run is.
    if (step % 10 === 0 || step === steps - 1) ctx.report({ step, loss: (await value.data())[0]!, epochs: steps });
    tf.dispose([value, ...Object.values(grads)]);
  }

  const result = { w1: await w1.array(), b1: await b1.array(), w2: await w2.array(), b2: await b2.array() };
  tf.dispose([xs, ys, ...weights]);
  return result;
}
