import * as tf from '@tensorflow/tfjs';
import type { RegressionSplit, TrainContext } from 'course';

/**
 * Train a mixture density network on the inverse problem.
 *
 * `data.x` holds `data.n` inputs (one number each) and `data.y` their targets: the sinusoid's columns swapped, so
 * one input has up to five targets and no single curve fits. Return the trained network as a function (or a
 * tf.model) that maps inputs [n, 1] to `{ pi, mu, sigma }` (or `[pi, mu, sigma]`), each [n, k]: for every input a
 * mixture p(y | x) = Σ_k π_k N(y | μ_k, σ_k). The grader reads it on fresh points of the same process and measures
 *   - the held-out NLL (nats per point, ½ log 2π ≈ 0.919 included): how much density you give to what happens;
 *   - calibration: the share of held-out targets inside each input's central 90 % interval (it should be ≈ 90 %).
 *
 * The network: input → hidden layer (tanh) → three heads, each k numbers per input, made valid by their output:
 *   π = softmax(·)   positive, sums to 1 over the components
 *   μ = as is        any real number
 *   σ = exp(·)       positive whatever the weights (a raw or relu'd σ can reach 0 or go negative)
 * The three heads can be one linear layer of 3k outputs split in three (the same maths, one matrix product).
 * Start the μ head's biases spread over the targets' range, so each component starts near its own branches.
 * Training: Adam on the mean of nllPerPoint (given below) over the training points. Hold back a validation split
 * and watch its NLL: it falls, bottoms out and rises again once the net fits the noise of its own points. Keep the
 * weights from the bottom (early stopping).
 */

/** Mixture components: one input has up to five targets. */
const COMPONENTS = 5;
/** Hidden tanh units. */
const HIDDEN = 20;
/** Adam's learning rate: the original used 1e-3 and needed thousands of epochs more. */
const LEARNING_RATE = 3e-2;
/** Divide the inputs by this before the tanh layer: they run to ±12, and tanh is flat beyond about ±3. */
const INPUT_SCALE = 5;
/** The most epochs to train; early stopping should end sooner. */
const MAX_EPOCHS = 600;
/** Share of the training points held back for validation. */
const VALIDATION_SHARE = 0.2;
/** Measure the validation NLL (and report both curves) every this many epochs. */
const EVAL_EVERY = 10;
/** Stop once the validation NLL has not improved for this many epochs. */
const PATIENCE = 100;
/** But never before this epoch: early on the validation NLL can sit on a plateau, then drop again. */
const MIN_EPOCHS = 300;

// ─── Given: the stable mixture NLL (lesson 2) ─────────────────────────────────────────────────────────────────

/**
 * Per-point negative log-likelihood of y under the mixtures, shape [n]:
 * −log Σ_k π_k N(y | μ_k, σ_k) = −logsumexp_k(log π_k − log σ_k − ½ log 2π − ½ ((y − μ_k)/σ_k)²).
 * pi, mu, sigma are [n, k]; y is [n, 1] (broadcast against every component). Working in the log domain keeps it
 * finite where exp → sum → log gives Infinity: a y far from every μ, or a tiny σ.
 */
function nllPerPoint(pi: tf.Tensor2D, mu: tf.Tensor2D, sigma: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const z = tf.div(tf.sub(y, mu), sigma);
    const logN = tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(tf.log(sigma), 0.5 * Math.log(2 * Math.PI)));
    return tf.neg(tf.logSumExp(tf.add(tf.log(pi), logN), 1)) as tf.Tensor1D;
  });
}

/** The mean of nllPerPoint: the loss, in nats per point. */
const meanNll = (out: Mixture, y: tf.Tensor2D) => tf.tidy(() => tf.mean(nllPerPoint(out.pi, out.mu, out.sigma, y)) as tf.Scalar);

/** What the network returns for n inputs: three [n, k] tensors. */
interface Mixture {
  pi: tf.Tensor2D;
  mu: tf.Tensor2D;
  sigma: tf.Tensor2D;
}

// ─── Your MDN and its training ────────────────────────────────────────────────────────────────────────────────

export async function train(data: RegressionSplit, ctx: TrainContext) {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  // TODO: split off a validation set: the first (1 − VALIDATION_SHARE) of the points to train on, the rest to
  //       validate (the points come in random order). data.x.subarray(0, nTrain) is the first nTrain inputs.
  const xTrain = tf.tensor2d(data.x, [data.n, 1]);
  const yTrain = tf.tensor2d(data.y, [data.n, 1]);

  // TODO: the weights, as tf.variable's: a hidden layer (a [1, HIDDEN] matrix and HIDDEN biases) and the heads (a
  //       [HIDDEN, 3 * COMPONENTS] matrix and 3 * COMPONENTS biases). Draw each matrix from its own seeded
  //       initializer, tf.initializers.glorotUniform({ seed: ctx.seed + i }).apply(shape), and make each variable
  //       inside tf.tidy (tf.tidy(() => tf.variable(start)) frees the starting tensor): heads that start equal
  //       give identical components, which get identical gradients and stay identical. Biases: 0 for the π logits
  //       and for log σ; for μ, COMPONENTS values spread over the range of data.y (e.g. the centres of COMPONENTS
  //       equal slices of it), so the components start on different branches instead of all at 0.

  // TODO: the network. h = tanh(x / INPUT_SCALE · W + b); the heads' outputs h · W + b, split with
  //       tf.split(out, 3, 1) into π logits, μ and log σ; then pi = tf.softmax(logits), sigma = tf.exp(logSigma).
  //       As it stands every input gets the same broad mixture: equal weights, all means 0, all σ 5.
  const mdn = (x: tf.Tensor): Mixture =>
    tf.tidy(() => {
      const n = x.shape[0]!;
      return { pi: tf.fill([n, COMPONENTS], 1 / COMPONENTS) as tf.Tensor2D, mu: tf.zeros([n, COMPONENTS]) as tf.Tensor2D, sigma: tf.fill([n, COMPONENTS], 5) as tf.Tensor2D };
    });

  // The trainable variables: what Adam trains, early stopping copies and dispose frees.
  // TODO: list your four variables here.
  const weights: tf.Variable[] = [];

  // TODO: train. const optimizer = tf.train.adam(LEARNING_RATE); for each epoch up to MAX_EPOCHS:
  //         optimizer.minimize(() => meanNll(mdn(xTrain), yTrain), true, weights)
  //       which returns the loss: dispose it.
  //       Every EVAL_EVERY epochs, read the loss and the validation NLL (meanNll on the validation split;
  //       `(await t.data())[0]`, then dispose t) and call ctx.report({ step: epoch, loss, valLoss }).
  // TODO: early stopping. When the validation NLL is the lowest so far, keep copies of the weights
  //       (weights.map((w) => tf.clone(w))); when PATIENCE epochs pass without a new lowest (and at least
  //       MIN_EPOCHS have run), stop; then put the best copies back (w.assign(copy)). Dispose what you no longer
  //       need.
  ctx.log(`${MAX_EPOCHS} epochs at learning rate ${LEARNING_RATE}, ${HIDDEN} hidden units: not trained yet`);
  tf.dispose([xTrain, yTrain]);

  // The runtime calls predict on the held-out inputs and reads π, μ, σ; then dispose, which must free the
  // weights (the variables you train).
  return {
    predict: (x: tf.Tensor2D) => {
      const { pi, mu, sigma } = mdn(x);
      return [pi, mu, sigma];
    },
    dispose: () => tf.dispose(weights),
  };
}
