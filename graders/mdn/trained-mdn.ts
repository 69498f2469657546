/**
 * The trained mixture density network the sampling exercise hands out (graders/mdn/trained-mdn-weights.ts, written
 * by scripts/mdn/train-sampling-mdn.ts), evaluated in float64: for inputs x, the per-input mixtures π, μ, σ a
 * trained MDN gives on the inverse sinusoid. Under a secret seed the mixture moves by keyed amounts (the inputs
 * stretched, the targets scaled and shifted), so samples computed offline from the published weights cannot pass.
 */
import { isSecret, makeRng, type GradingSeed } from '../rng.ts';
import type { ConditionalMixture } from './conditional-mixture.ts';
import { trainedMdnRecord } from './trained-mdn-weights.ts';

/** A keyed change of units around the trained MDN: evaluate it at x / inputScale, then y ↦ targetScale·y + targetShift. */
export interface MdnMove {
  inputScale: number;
  targetScale: number;
  targetShift: number;
}

/** Integer seeds: the network as trained. */
export const noMove: MdnMove = Object.freeze({ inputScale: 1, targetScale: 1, targetShift: 0 });

/**
 * The move for a seed: none for integer seeds (the page and the self-check show the trained model), and under a
 * secret each scale ±(5–15) % and the shift ±(0.3–1) target units, keyed like graders/mdn/sinusoid.ts's shape.
 * Small, so the mixture keeps its character (up to five branches) and bounds measured without a move still hold.
 */
export function mdnMove(seed: GradingSeed): MdnMove {
  if (!isSecret(seed)) return noMove;
  const rng = makeRng(seed, 'trained-mdn/move');
  const sign = () => (rng.uniform() < 0.5 ? -1 : 1);
  return { inputScale: 1 + sign() * (0.05 + 0.1 * rng.uniform()), targetScale: 1 + sign() * (0.05 + 0.1 * rng.uniform()), targetShift: sign() * (0.3 + 0.7 * rng.uniform()) };
}

/** Components of the shipped network. */
export const trainedMdnComponents: number = trainedMdnRecord.recipe.components;

/**
 * The trained MDN's mixture at each input, in float64: h = tanh(x·W₁ + b₁), π = softmax(h·W_π + b_π),
 * μ = h·W_μ + b_μ, σ = exp(h·W_σ + b_σ), then the move.
 */
export function trainedMdnMixture(x: ArrayLike<number>, move: MdnMove = noMove): ConditionalMixture {
  const { w1, b1, wPi, bPi, wMu, bMu, wSigma, bSigma } = trainedMdnRecord.weights;
  const H = b1.length, k = bPi.length, n = x.length;
  const pi = new Float64Array(n * k), mu = new Float64Array(n * k), sigma = new Float64Array(n * k);
  const h = new Float64Array(H), logits = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const xi = x[i]! / move.inputScale;
    for (let j = 0; j < H; j++) h[j] = Math.tanh(xi * w1[j]! + b1[j]!);
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let l = bPi[c]!, m = bMu[c]!, s = bSigma[c]!;
      for (let j = 0; j < H; j++) {
        l += h[j]! * wPi[j * k + c]!;
        m += h[j]! * wMu[j * k + c]!;
        s += h[j]! * wSigma[j * k + c]!;
      }
      logits[c] = l;
      max = Math.max(max, l);
      mu[i * k + c] = move.targetScale * m + move.targetShift;
      sigma[i * k + c] = move.targetScale * Math.exp(s);
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logits[c]! - max);
    for (let c = 0; c < k; c++) pi[i * k + c] = Math.exp(logits[c]! - max) / sum;
  }
  return { n, k, pi, mu, sigma };
}
