/**
 * What the Start here exercises' entries receive and return, as plain types: the generator
 * (graders/problems/start-here/) uses them, course.ts re-exports them to learners, and the editor's `course`
 * declarations embed this file's source (src/runtime/course-declarations.ts), so it holds types only: no imports,
 * no code.
 */

// Start here: 01-training-loop
/**
 * A small regression problem, a one-hidden-layer tanh network's starting weights, and the gradient-descent
 * settings to train it with (trainByHand's input). The network is ŷ = tanh(x·w1 + b1)·w2 + b2 and the loss is
 * the mean squared error over all n points, (1/n)·Σ(ŷᵢ − yᵢ)².
 */
export interface TrainingLoopInput {
  /** The n inputs (one number per point), shape [n]: reshape to [n, 1] for matMul. */
  x: Float32Array;
  /** The n targets, shape [n]. */
  y: Float32Array;
  /** Number of points. */
  n: number;
  /** Hidden units h. */
  hidden: number;
  /** First layer's starting weights, 1 row of h numbers (shape [1, h]). */
  w1: number[][];
  /** First layer's starting biases, h numbers. */
  b1: number[];
  /** Second layer's starting weights, h rows of 1 number (shape [h, 1]). */
  w2: number[][];
  /** Second layer's starting bias, 1 number. */
  b2: number[];
  /** The step size η of w ← w − η·∂L/∂w. */
  learningRate: number;
  /** How many updates to make: exactly this many, each on all n points. */
  steps: number;
}

/** What trainByHand returns: the four weights after exactly `steps` updates (tensors or plain arrays). */
export interface TrainedWeights {
  /** Shape [1, h]. */
  w1: unknown;
  /** Shape [h]. */
  b1: unknown;
  /** Shape [h, 1]. */
  w2: unknown;
  /** Shape [1]. */
  b2: unknown;
}
