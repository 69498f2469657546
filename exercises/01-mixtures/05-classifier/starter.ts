import * as tf from '@tensorflow/tfjs';
import type { Split, TrainContext } from 'course';

/**
 * A mixture classifier. Each of the 5 classes in `data` is a mixture of an unknown number of Gaussian clusters.
 * Model every class with its own diagonal Gaussian mixture, fitted by EM; then a point's score for class c is
 *
 *     log p(x | c) + log P(c)
 *
 * and the class with the highest score is the prediction (Bayes' rule with the fitted densities). `train` returns
 * an object whose `predict(x)` gives these scores, n×classes; the grader takes the argmax and compares your accuracy
 * with the Bayes-optimal accuracy of the true mixtures on the same fresh points.
 *
 * The EM below is given, working (it is the EM lesson's exercise). Your two jobs are the TODOs:
 *   1. `bic`: the criterion that picks how many components K each class gets (you are not told the true counts);
 *   2. `quadraticCoefficients`: the numbers that turn one matMul into every component's log-density.
 */

// ─── Given: EM for one diagonal Gaussian mixture (the EM lesson's exercise, as working code) ───────────────────

/** A diagonal Gaussian mixture: weights[k], means[k][d], variances[k][d]. */
interface Mixture {
  weights: number[];
  means: number[][];
  variances: number[][];
}

/** A fitted mixture and its mean log-likelihood per training point (nats). */
interface Fit {
  mixture: Mixture;
  meanLogLik: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log π_k + log N(x_i | μ_k, diag σ²_k) for every component k of point i, into `out`. `constants[k]` holds
 * log π_k − ½ Σ_j log(2π σ²_kj) and `precisions[k][j]` 1/σ²_kj, computed once per EM iteration rather than per point.
 */
function logJoint(m: Mixture, constants: Float64Array, precisions: number[][], x: Float64Array, i: number, d: number, out: Float64Array): void {
  for (let k = 0; k < m.weights.length; k++) {
    let s = constants[k]!;
    for (let j = 0; j < d; j++) {
      const r = x[i * d + j]! - m.means[k]![j]!;
      s -= 0.5 * r * r * precisions[k]![j]!;
    }
    out[k] = s;
  }
}

/** log Σ exp(a[0..k)) without overflow or underflow: shift by the largest term first. */
function logSumExp(a: Float64Array, k: number): number {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, a[c]!);
  let s = 0;
  for (let c = 0; c < k; c++) s += Math.exp(a[c]! - max);
  return max + Math.log(s);
}

/**
 * EM from a k-means++ start on the n points x (row-major n×d). Stops when the mean log-likelihood gains less than
 * 1e-4 nats in an iteration, or after 200 iterations. A variance floor (1e-6, scikit-learn's reg_covar) keeps a
 * component that shrinks onto one point from reaching σ = 0.
 */
function fitEm(x: Float64Array, n: number, d: number, k: number, uniform: () => number): Fit {
  // k-means++: each next mean a data point drawn with probability ∝ its squared distance to the nearest mean.
  const row = (i: number) => Array.from({ length: d }, (_, j) => x[i * d + j]!);
  const means = [row(Math.floor(uniform() * n))];
  const nearest = new Float64Array(n).fill(Infinity);
  while (means.length < k) {
    const last = means[means.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j]! - last[j]!) ** 2;
      nearest[i] = Math.min(nearest[i]!, s);
      total += nearest[i]!;
    }
    let u = uniform() * total, pick = n - 1;
    for (let i = 0; i < n && total > 0; i++) if ((u -= nearest[i]!) < 0) { pick = i; break; }
    means.push(row(pick));
  }
  // Start every component with the data's overall variance and equal weight; the first E-step sorts them out.
  const overall = Array.from({ length: d }, (_, j) => {
    let m = 0, s = 0;
    for (let i = 0; i < n; i++) m += x[i * d + j]! / n;
    for (let i = 0; i < n; i++) s += (x[i * d + j]! - m) ** 2 / n;
    return s / k + 1e-6;
  });
  let mixture: Mixture = { weights: new Array<number>(k).fill(1 / k), means, variances: means.map(() => [...overall]) };

  const r = new Float64Array(n * k), joint = new Float64Array(k);
  let previous = -Infinity, meanLogLik = -Infinity;
  for (let t = 0; t < 200; t++) {
    // E-step: responsibilities r[i][k] = P(component k | x_i), and the log-likelihood of the current parameters.
    const m = mixture;
    const constants = Float64Array.from(m.weights, (w, c) => Math.log(w) - 0.5 * m.variances[c]!.reduce((s, v) => s + Math.log(2 * Math.PI * v), 0));
    const precisions = m.variances.map((vs) => vs.map((v) => 1 / v));
    let ll = 0;
    for (let i = 0; i < n; i++) {
      logJoint(m, constants, precisions, x, i, d, joint);
      const lp = logSumExp(joint, k);
      ll += lp;
      for (let c = 0; c < k; c++) r[i * k + c] = Math.exp(joint[c]! - lp);
    }
    meanLogLik = ll / n;
    if (meanLogLik - previous < 1e-4) break;
    previous = meanLogLik;
    // M-step: each component's weight, mean and variance are the responsibility-weighted ones of the data.
    const next: Mixture = { weights: [], means: [], variances: [] };
    for (let c = 0; c < k; c++) {
      let nk = 1e-12;
      for (let i = 0; i < n; i++) nk += r[i * k + c]!;
      const mu = new Array<number>(d).fill(0), v = new Array<number>(d).fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j]! += (r[i * k + c]! * x[i * d + j]!) / nk;
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) v[j]! += (r[i * k + c]! * (x[i * d + j]! - mu[j]!) ** 2) / nk;
      next.weights.push(nk / n);
      next.means.push(mu);
      next.variances.push(v.map((s) => s + 1e-6));
    }
    mixture = next;
  }
  return { mixture, meanLogLik };
}

// ─── Choosing K ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The Bayesian information criterion of a fitted diagonal mixture (lower is better): −2 log L + p ln n. A K-component
 * mixture in d dimensions has p = K·2d + (K − 1) free parameters: a mean and a variance per dimension per component,
 * and K weights that sum to 1. The log-likelihood always rises with K; the p ln n penalty is what stops it.
 */
function bic(fit: Fit, n: number, d: number): number {
  const k = fit.mixture.weights.length;
  // TODO: count the free parameters p of a K-component diagonal mixture in d dimensions, and return
  //       −2 · (total log-likelihood) + p · ln n. fit.meanLogLik is the log-likelihood per point: multiply by n.
  //       (This placeholder scores every K alike, so no K ever beats K = 1: one Gaussian per class.)
  void k;
  return 0;
}

// ─── The classifier in tfjs ───────────────────────────────────────────────────────────────────────────────────

/**
 * The quadratic form of each component's log joint: log π + log N(x | μ, σ²) = Σ_j (a_j x_j² + b_j x_j) + c with
 * a_j = −1/(2σ_j²), b_j = μ_j/σ_j², c = log π − Σ_j (μ_j²/(2σ_j²) + ½ log(2π σ_j²)). As a (2d + 1)×K matrix whose
 * column k holds (a, b, c) of component k, in the order of the features [x², x, 1]. The matrix is `width` columns
 * wide so that every class's matrix has the same shape (classScores puts them side by side): columns K … width − 1
 * are padding, a = b = 0 and c = −1e30, a component of weight e^−1e30 = 0 that changes no log-sum-exp.
 */
function quadraticCoefficients(m: Mixture, d: number, width: number): Float32Array {
  const k = m.weights.length;
  const w = new Float32Array((2 * d + 1) * width);
  for (let c = k; c < width; c++) w[2 * d * width + c] = -1e30;
  for (let c = 0; c < k; c++) {
    // TODO: these are the coefficients of −½‖x − μ‖², as if every variance were 1 and every weight equal: the
    //       score of the nearest centre. Use the component's variances v = m.variances[c][j] and its weight
    //       m.weights[c], as the comment above says: a = −1/(2v), b = μ/v, c = log π − Σ_j (μ²/(2v) + ½ log(2πv)).
    let constant = 0;
    for (let j = 0; j < d; j++) {
      const mu = m.means[c]![j]!;
      w[j * width + c] = -1 / 2;
      w[(d + j) * width + c] = mu;
      constant -= (mu * mu) / 2;
    }
    w[2 * d * width + c] = constant;
  }
  return w;
}

/**
 * Class scores log p(x | c) + log P(c), n×classes. Why a matMul: every component's log joint is linear in the
 * features [x², x, 1], so with all classes' coefficient matrices side by side, ONE (n × (2d+1)) · ((2d+1) × C·width)
 * product gives every point's log joint under every component of every class, and one tf.logSumExp over the
 * components (after a reshape to n × C × width) gives log p(x | c). On WASM over 10 000 points, 5 classes of 6
 * components (scripts/mixtures/class-scores-speed.ts), this takes about 0.7 of the time of broadcasting x − μ into
 * an (n, C, K, d) tensor and half that of one matMul and one logSumExp per class (the five small logSumExps cost
 * more than the one large one): 7.7, 11.0 and 15.0 ms a pass in one run, 16, 25 and 33 ms on a busier machine.
 */
function classScores(x: tf.Tensor2D, mixtures: Mixture[], logPriors: number[]): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, d] = x.shape;
    const width = Math.max(...mixtures.map((m) => m.weights.length));
    const features = tf.concat([tf.square(x), x, tf.ones([n, 1])], 1);
    const coefficients = tf.concat(mixtures.map((m) => tf.tensor2d(quadraticCoefficients(m, d, width), [2 * d + 1, width])), 1);
    const joint = tf.reshape(tf.matMul(features, coefficients), [n, mixtures.length, width]);
    return tf.add(tf.logSumExp(joint, 2), tf.tensor1d(logPriors)) as tf.Tensor2D;
  });
}

/** The rows of class c as a float64 array (row-major, d columns). */
function rowsOf(data: Split, c: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < data.n; i++) if (data.y[i] === c) for (let j = 0; j < data.features; j++) out.push(data.x[i * data.features + j]!);
  return Float64Array.from(out);
}

export async function train(data: Split, ctx: TrainContext): Promise<{ predict(x: tf.Tensor2D): tf.Tensor2D }> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const d = data.features;
  const classRows = Array.from({ length: data.classes }, (_, c) => rowsOf(data, c));
  const counts = classRows.map((rows) => rows.length / d);
  // The class prior P(c) from the class counts: here every class has the same count, so it changes no argmax, but
  // with unbalanced classes leaving it out would favour the rare classes.
  const logPriors = counts.map((m) => Math.log(m / data.n));
  const uniform = () => ctx.rng.uniform();

  // Start from one Gaussian per class, so the live regions are complete from the first report; each class's best
  // mixture so far then replaces its entry as K grows.
  const best = classRows.map((rows, c) => fitEm(rows, counts[c]!, d, 1, uniform));
  const model = { predict: (x: tf.Tensor2D) => classScores(x, best.map((f) => f.mixture), logPriors) };
  // The reported loss is the mean training NLL of each point under its own class's mixture: it falls as K grows.
  const loss = () => -best.reduce((s, f, c) => s + f.meanLogLik * counts[c]!, 0) / data.n;
  let step = 0;
  ctx.report({ step: step++, loss: loss(), model });
  // The EM runs are plain synchronous JavaScript: awaiting a frame after each report lets the page read the model's
  // regions (an asynchronous prediction on a grid) while the classifier is being built, not only at the end.
  await tf.nextFrame();

  for (let c = 0; c < data.classes; c++) {
    const n = counts[c]!;
    let bestBic = bic(best[c]!, n, d), worse = 0;
    // K = 2, 3, … until BIC has not improved for 3 K in a row (or K = 15): the true counts are not told, and
    // an EM run with too many components can land in a poor local optimum, so one bad K does not stop the search.
    for (let k = 2; k <= 15 && worse < 3; k++) {
      // Two k-means++ starts per K, keeping the more likely: EM only finds a local optimum.
      const fits = [fitEm(classRows[c]!, n, d, k, uniform), fitEm(classRows[c]!, n, d, k, uniform)];
      const fit = fits[0]!.meanLogLik >= fits[1]!.meanLogLik ? fits[0]! : fits[1]!;
      const score = bic(fit, n, d);
      if (score < bestBic) {
        bestBic = score;
        best[c] = fit;
        worse = 0;
      } else worse++;
      ctx.report({ step: step++, loss: loss(), model });
      await tf.nextFrame();
    }
    ctx.log(`class ${c}: K = ${best[c]!.mixture.weights.length} by BIC`);
  }
  return model;
}
