import * as tf from '@tensorflow/tfjs';
import type { RegressionSplit, TrainContext } from 'course';

/**
 * Reference solution: a mixture density network (1 → 20 tanh → three heads: π = softmax, μ, σ = exp; the input
 * scaled by 1/5) trained by full-batch Adam at learning rate 2e-2 on the stable NLL, with 20 % of the points held
 * back as a validation split and early stopping that keeps the weights with the lowest validation NLL. The
 * original's recipe (Adam 1e-3, 10000 epochs) needs about 5000 epochs just to reach NLL 1.75, too slow for a
 * grading of a few seconds; at 1e-2 and above the validation NLL bottoms out within 1–2 thousand epochs and then
 * rises as the net fits the noise of its 800 points, so we keep the model from the bottom.
 */

/** Mixture components: the original's 5 (one y has up to five x, so five Gaussians can cover every branch). */
const COMPONENTS = 5;
/** Hidden tanh units: the original's 20. */
const HIDDEN = 20;
/** Adam's learning rate: 20× the original's 1e-3, so training takes ~1–2 thousand epochs instead of ~8000. */
const LEARNING_RATE = 2e-2;
/**
 * Inputs are divided by this before the tanh layer. They run from about −12 to 12, and tanh is flat beyond ±3:
 * unscaled, most hidden units start saturated and learn slowly (scripts/mdn/train-variants.ts measures both).
 */
const INPUT_SCALE = 5;
/** The most epochs we allow (a grading of seconds); on seeds 1–5 the lowest validation NLL came at 940–1990. */
const MAX_EPOCHS = 2000;
/** Share of the training points held back for validation (never trained on: they measure overfitting). */
const VALIDATION_SHARE = 0.2;
/** Validation NLL is measured (and the curve gets a point) every this many epochs. */
const EVAL_EVERY = 10;
/** Stop once the validation NLL has not improved for this many epochs (its epoch-to-epoch noise is shorter). */
const PATIENCE = 200;
/**
 * Never stop before this epoch. Early on, the validation NLL can sit on a plateau for hundreds of epochs (the
 * components have not yet split between the branches) and then drop: on one secret data set, stopping at the first
 * 200 flat epochs kept a model from epoch 70 with held-out NLL 3.0 (secret 50 of scripts/validate-secret-bounds.ts).
 */
const MIN_EPOCHS = 800;
/** A best validation NLL above this means the components never split between the branches: start again. */
const STUCK_NLL = 2.2;
/** At most this many fresh starts after the first. */
const MAX_RESTARTS = 2;

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

// ─── The MDN and its training ─────────────────────────────────────────────────────────────────────────────────

export async function train(data: RegressionSplit, ctx: TrainContext) {
  // Validation split: the last 20 % of the points (they come in random order, so any 20 % is a fair sample).
  const nTrain = Math.round(data.n * (1 - VALIDATION_SHARE));
  const [xTrain, yTrain, xVal, yVal] = [
    tf.tensor2d(data.x.subarray(0, nTrain), [nTrain, 1]),
    tf.tensor2d(data.y.subarray(0, nTrain), [nTrain, 1]),
    tf.tensor2d(data.x.subarray(nTrain), [data.n - nTrain, 1]),
    tf.tensor2d(data.y.subarray(nTrain), [data.n - nTrain, 1]),
  ];

  // Train from one start; if its best validation NLL shows the components never split between the branches (a
  // local optimum: on 1 secret data set of 100 one start sat at held-out NLL 2.75, where good fits score 1.3–1.9),
  // throw it away and start again from other weights. Good starts are kept as they are, so this costs nothing on
  // them.
  let fit = await trainFrom(ctx.seed, 0, ctx, xTrain, yTrain, xVal, yVal);
  for (let restart = 1; restart <= MAX_RESTARTS && fit.nll > STUCK_NLL; restart++) {
    ctx.log(`validation NLL ${fit.nll.toFixed(3)} > ${STUCK_NLL}: the components did not split; starting again from new weights`);
    fit.dispose();
    // The loss curve goes on from where the last start stopped.
    fit = await trainFrom(ctx.seed + 1000 * restart, restart * MAX_EPOCHS, ctx, xTrain, yTrain, xVal, yVal);
  }
  tf.dispose([xTrain, yTrain, xVal, yVal]);

  // The runtime calls predict on the held-out inputs and reads π, μ, σ; then it calls dispose, which frees the
  // layers' weights (a bare function would leave them allocated: nothing else knows about them).
  return { predict: fit.predict, dispose: fit.dispose };
}

/**
 * One training run from the weights `seed` draws, with early stopping, reporting its epochs as steps after
 * `firstStep`: the network, its best validation NLL, and how to free it.
 */
async function trainFrom(seed: number, firstStep: number, ctx: TrainContext, xTrain: tf.Tensor2D, yTrain: tf.Tensor2D, xVal: tf.Tensor2D, yVal: tf.Tensor2D) {
  // One hidden tanh layer and three heads on it. Each layer gets its own initializer seed: heads started equal
  // would give k identical components, with identical gradients, that stay identical.
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seed + i });
  const hidden = tf.layers.dense({ units: HIDDEN, activation: 'tanh', inputShape: [1], kernelInitializer: init(0) });
  const piHead = tf.layers.dense({ units: COMPONENTS, kernelInitializer: init(1) });
  const muHead = tf.layers.dense({ units: COMPONENTS, kernelInitializer: init(2) });
  const sigmaHead = tf.layers.dense({ units: COMPONENTS, kernelInitializer: init(3) });

  // The network: π = softmax (positive, sums to 1), μ as is, σ = exp (positive whatever the weights).
  const mdn = (x: tf.Tensor): Mixture =>
    tf.tidy(() => {
      const h = hidden.apply(tf.div(x, INPUT_SCALE)) as tf.Tensor;
      return {
        pi: tf.softmax(piHead.apply(h) as tf.Tensor2D),
        mu: muHead.apply(h) as tf.Tensor2D,
        sigma: tf.exp(sigmaHead.apply(h) as tf.Tensor2D),
      };
    });
  const validationNll = () => tf.tidy(() => meanNll(mdn(xVal), yVal));

  // Build the layers once, then collect their weights: the variables Adam trains and early stopping copies.
  tf.dispose(Object.values(mdn(xTrain)));
  const weights = [hidden, piHead, muHead, sigmaHead].flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));

  const optimizer = tf.train.adam(LEARNING_RATE);
  let best = { nll: Infinity, epoch: 0, weights: [] as tf.Tensor[] };
  for (let epoch = 1; epoch <= MAX_EPOCHS; epoch++) {
    const loss = optimizer.minimize(() => meanNll(mdn(xTrain), yTrain), epoch % EVAL_EVERY === 0, weights);
    if (!loss) continue;
    const lossValue = (await loss.data())[0]!;
    loss.dispose();
    const val = validationNll();
    const valLoss = (await val.data())[0]!;
    val.dispose();
    ctx.report({ step: firstStep + epoch, loss: lossValue, valLoss });
    // Early stopping: remember the best weights (copies: Adam overwrites the variables), stop once they are old.
    if (valLoss < best.nll) {
      tf.dispose(best.weights);
      best = { nll: valLoss, epoch, weights: weights.map((w) => tf.clone(w)) };
    } else if (epoch >= MIN_EPOCHS && epoch - best.epoch >= PATIENCE) break;
  }
  weights.forEach((w, i) => w.assign(best.weights[i]!));
  ctx.log(`best validation NLL ${best.nll.toFixed(3)} nats per point at epoch ${best.epoch}`);
  tf.dispose(best.weights);
  optimizer.dispose();

  return {
    nll: best.nll,
    predict: (x: tf.Tensor2D) => {
      const { pi, mu, sigma } = mdn(x);
      return [pi, mu, sigma];
    },
    dispose: () => tf.dispose(weights),
  };
}
