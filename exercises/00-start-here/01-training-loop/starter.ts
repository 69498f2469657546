import * as tf from '@tensorflow/tfjs';
import type { TrainContext, TrainingLoopInput } from 'course';

/**
 * Train a small network by plain gradient descent, written out by hand.
 *
 * The network is ŷ = tanh(x·w1 + b1)·w2 + b2 (1 input, `input.hidden` tanh units, 1 output) and the loss is the
 * mean squared error L = (1/n)·Σ(ŷᵢ − yᵢ)² over all n points. Start from the given weights, take exactly
 * `input.steps` steps of w ← w − η·∂L/∂w with η = `input.learningRate`, and return the four weights. The grader
 * repeats the same descent in float64 from the same start and compares your loss after exactly N steps with it,
 * so an optimizer that takes other steps (Adam, momentum, model.fit's mini-batches) does not pass.
 */
export async function trainByHand(input: TrainingLoopInput, ctx: TrainContext) {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const { n, learningRate, steps } = input;
  const xs = tf.tensor2d(input.x, [n, 1]);
  const ys = tf.tensor2d(input.y, [n, 1]);

  // The weights as variables, starting exactly where the grader's reference starts. tf.variableGrads
  // differentiates with respect to variables, and w.assign(newValue) updates one in place.
  // (tf.variable copies its initial value; the tidy disposes those initial tensors and keeps the variables.)
  const weights = tf.tidy(() => [tf.variable(tf.tensor2d(input.w1)), tf.variable(tf.tensor1d(input.b1)), tf.variable(tf.tensor2d(input.w2)), tf.variable(tf.tensor1d(input.b2))]);
  const [w1, b1, w2, b2] = weights as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];

  // The loss as a function of the weights (it reads the variables; it takes no arguments).
  const loss = (): tf.Scalar =>
    tf.tidy(() => {
      const hidden = tf.tanh(tf.add(tf.matMul(xs, w1), b1));
      const yHat = tf.add(tf.matMul(hidden, w2), b2);
      // TODO: return the mean squared error between yHat and ys: the mean over all n points of (ŷ − y)².
      return tf.mean(yHat);
    });

  // TODO: the training loop: exactly `steps` times,
  //   1. const { value, grads } = tf.variableGrads(loss, weights): the loss and ∂L/∂w for every weight,
  //      grads[w.name] having w's shape;
  //   2. update every weight: w.assign(w − learningRate·grads[w.name]) (inside tf.tidy, so the temporaries go);
  //   3. now and then, ctx.report({ step, loss }) with the loss read by (await value.data())[0], to see the curve
  //      (value is the loss before this step's update);
  //   4. dispose value and the gradients.
  void loss;
  void ctx;
  void learningRate;
  void steps;

  const result = { w1: await w1.array(), b1: await b1.array(), w2: await w2.array(), b2: await b2.array() };
  tf.dispose([xs, ys, ...weights]);
  return result;
}
