/**
 * The data a learner's `train` receives, and the hidden split the grader keeps.
 * Plain typed arrays (row-major), so the same objects cross a worker or process boundary and need no tfjs.
 */
export interface Split {
  /** Inputs, row-major: row i is x[i*features … (i+1)*features). */
  x: Float32Array;
  /** Class labels 0 … classes-1, one per row (classification tasks). */
  y: Int32Array;
  /** Number of rows. */
  n: number;
  /** Number of input features per row. */
  features: number;
  /** Number of classes. */
  classes: number;
}

/** Inputs and real-valued targets for a regression task (row-major, like Split). */
export interface RegressionSplit {
  /** Inputs, row-major: row i is x[i*features … (i+1)*features). */
  x: Float32Array;
  /** Targets, row-major: row i is y[i*targets … (i+1)*targets). */
  y: Float32Array;
  /** Number of rows. */
  n: number;
  /** Number of input features per row. */
  features: number;
  /** Number of target values per row. */
  targets: number;
}

/** A generated dataset: what the learner trains on, and what the grader evaluates on. */
export interface Dataset {
  train: Split;
  /** Never passed to the learner's code. */
  test: Split;
}

/**
 * One fully connected layer, y = x·W + b, as plain arrays (the shape tf.layers.dense uses: W is inputs×units).
 * This is also what learners receive, so it crosses worker and process boundaries as is.
 */
export interface DenseLayer {
  /** Row-major inputs×units: weights[i*units + j] connects input i to unit j. */
  weights: Float32Array;
  /** One bias per unit. */
  bias: Float32Array;
  inputs: number;
  units: number;
}

/** What the learner's function receives: a deep MLP at initialization and a batch to take the loss on. */
export interface DeepNet {
  /** Activation of every hidden layer; the last layer is linear and feeds a softmax cross-entropy. */
  activation: 'sigmoid' | 'relu' | 'tanh';
  /** Hidden layers first, then the output layer. */
  layers: DenseLayer[];
  /** Batch inputs, row-major n×features. */
  x: Float32Array;
  /** Batch labels. */
  y: Int32Array;
  n: number;
  features: number;
  classes: number;
}
