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

/** A generated dataset: what the learner trains on, and what the grader evaluates on. */
export interface Dataset {
  train: Split;
  /** Never passed to the learner's code. */
  test: Split;
}
