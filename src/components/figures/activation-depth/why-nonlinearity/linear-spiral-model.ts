/**
 * A linear classifier on the spiral, computed in plain TypeScript (float64, no tfjs) so the lesson figure is drawn
 * at build time: softmax regression (one dense layer into a softmax, no hidden layer) trained by full-batch
 * gradient descent on cross-entropy. The problem is convex, so plain gradient descent run long enough reaches the
 * best linear model; whatever accuracy it gets is what *any* stack of linear layers gets.
 */
import { spiral } from '../../../../../graders/datasets/spiral.ts';
import type { Split } from '../../../../../graders/datasets/types.ts';
import { argmaxRow } from '../../../../../graders/metrics.ts';
import { gridCellCentres, type GridBox } from '../../../../../graders/problem.ts';
import { spiralExercise } from '../spiral/spiral-model.ts';

/** The spiral of the spiral lesson (the exercise's, the original PyTorch lesson's): 3 arms, 1000 points each, noise 0.2. */
export const spiralSetup = spiralExercise;

/** scores = x·W + b: W is features×classes (row-major), the tf.layers.dense convention. */
export interface LinearClassifier {
  weights: Float64Array;
  bias: Float64Array;
  features: number;
  classes: number;
}

export interface FitOptions {
  /** Full-batch gradient steps. */
  steps: number;
  /** Learning rate. */
  lr: number;
}

/** Row i's class scores x_i·W + b written into `out` (length classes). */
function scoresInto(m: LinearClassifier, x: ArrayLike<number>, i: number, out: Float64Array): void {
  for (let j = 0; j < m.classes; j++) {
    let s = m.bias[j]!;
    for (let f = 0; f < m.features; f++) s += x[i * m.features + f]! * m.weights[f * m.classes + j]!;
    out[j] = s;
  }
}

/** Softmax of `s` in place (max subtracted first, so nothing overflows); returns log Σ exp of the original. */
function softmaxInPlace(s: Float64Array): number {
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  let sum = 0;
  for (let j = 0; j < s.length; j++) sum += (s[j] = Math.exp(s[j]! - max));
  for (let j = 0; j < s.length; j++) s[j]! /= sum;
  return max + Math.log(sum);
}

/** Mean cross-entropy (nats) of the classifier on a split. */
export function crossEntropyOf(m: LinearClassifier, d: Split): number {
  const s = new Float64Array(m.classes);
  let loss = 0;
  for (let i = 0; i < d.n; i++) {
    scoresInto(m, d.x, i, s);
    const zc = s[d.y[i]!]!;
    loss += softmaxInPlace(s) - zc;
  }
  return loss / d.n;
}

/**
 * Softmax regression by full-batch gradient descent from zero weights (deterministic: no initialisation noise).
 * The gradient of the mean cross-entropy is xᵀ(p − y)/n for W and the column means of (p − y) for b.
 * Returns the model and the loss before every step plus after the last one.
 */
export function fitSoftmaxRegression(d: Split, o: FitOptions): { model: LinearClassifier; losses: number[] } {
  const k = d.classes, f = d.features;
  const model: LinearClassifier = { weights: new Float64Array(f * k), bias: new Float64Array(k), features: f, classes: k };
  const gW = new Float64Array(f * k), gb = new Float64Array(k), p = new Float64Array(k);
  const losses: number[] = [];
  for (let step = 0; step <= o.steps; step++) {
    gW.fill(0);
    gb.fill(0);
    let loss = 0;
    for (let i = 0; i < d.n; i++) {
      scoresInto(model, d.x, i, p);
      const zc = p[d.y[i]!]!;
      loss += softmaxInPlace(p) - zc;
      p[d.y[i]!]! -= 1; // p − onehot(y)
      for (let j = 0; j < k; j++) {
        gb[j]! += p[j]!;
        for (let q = 0; q < f; q++) gW[q * k + j]! += d.x[i * f + q]! * p[j]!;
      }
    }
    losses.push(loss / d.n);
    if (step === o.steps) break;
    for (let j = 0; j < gW.length; j++) model.weights[j]! -= (o.lr * gW[j]!) / d.n;
    for (let j = 0; j < k; j++) model.bias[j]! -= (o.lr * gb[j]!) / d.n;
  }
  return { model, losses };
}

/** Argmax class of each of the n rows of x. */
export function predictClasses(m: LinearClassifier, x: ArrayLike<number>, n: number): Uint8Array {
  const s = new Float64Array(m.classes);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    scoresInto(m, x, i, s);
    out[i] = argmaxRow(s, 0, m.classes);
  }
  return out;
}

/** Fraction of rows of the split the classifier gets right. */
export function accuracyOf(m: LinearClassifier, d: Split): number {
  const pred = predictClasses(m, d.x, d.n);
  let right = 0;
  for (let i = 0; i < d.n; i++) if (pred[i] === d.y[i]) right++;
  return right / d.n;
}

/** Argmax class at the centre of each cell of a size×size grid over the box; row 0 is y0 (as the runtime's grid). */
export function gridClasses(m: LinearClassifier, box: GridBox): Uint8Array {
  return predictClasses(m, gridCellCentres(box), box.size * box.size);
}

/**
 * The figure's settings. Learning rate 2 for 300 full-batch steps reaches the optimum: on seed 1 the loss is then
 * the same to 5 decimals as after 3000 steps (checked in the lesson's test).
 */
export const linearSpiralFit: FitOptions = { steps: 300, lr: 2 };

export interface LinearSpiralResult {
  train: Split;
  test: Split;
  model: LinearClassifier;
  losses: number[];
  trainAccuracy: number;
  testAccuracy: number;
  testCrossEntropy: number;
}

/** The spiral of `seed`, the best linear classifier on its training split, and its accuracy on both splits. */
export function linearSpiral(seed: number, fit: FitOptions = linearSpiralFit): LinearSpiralResult {
  const { train, test } = spiral(spiralSetup, seed);
  const { model, losses } = fitSoftmaxRegression(train, fit);
  return { train, test, model, losses, trainAccuracy: accuracyOf(model, train), testAccuracy: accuracyOf(model, test), testCrossEntropy: crossEntropyOf(model, test) };
}
