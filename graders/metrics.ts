/**
 * Metrics over plain numbers and typed arrays: no tfjs, so the browser worker and the instructor CLI compute
 * exactly the same values from the same model outputs.
 */

/** Index of the largest of `k` values starting at `offset` (first one wins ties, like tf.argMax). */
export function argmaxRow(values: ArrayLike<number>, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[offset + j]! > values[offset + best]!) best = j;
  return best;
}

/** Fraction of rows whose highest-probability class is the label. `probs` is row-major n×k. */
export function accuracy(probs: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  if (n === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < n; i++) if (argmaxRow(probs, i * k, k) === labels[i]) correct++;
  return correct / n;
}

/** Mean squared error between predictions and targets. */
export function meanSquaredError(pred: ArrayLike<number>, target: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < target.length; i++) s += (pred[i]! - target[i]!) ** 2;
  return s / target.length;
}

/**
 * Mean categorical cross-entropy −(1/n) Σ log p(yᵢ | xᵢ), in nats.
 * Probabilities are clipped at 1e-7 (as Keras does) so one confident mistake costs at most ~16 nats instead of
 * making the mean infinite.
 */
export function crossEntropy(probs: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum -= Math.log(Math.min(1, Math.max(1e-7, probs[i * k + labels[i]!]!)));
  return sum / n;
}
