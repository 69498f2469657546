/**
 * What the Mixtures exercises' entries receive, as plain types: the generators (graders/problems/mixtures/) use
 * them, course.ts re-exports them to learners, and the editor's `course` declarations embed this file's source
 * (src/runtime/course-declarations.ts), so it holds types only: no imports, no code.
 */

// Mixtures: 01-sample-mixture
/**
 * A Gaussian mixture with diagonal covariances and how many points to draw from it (sampleMixture's input).
 * Component k has weight weights[k], mean means[k] and per-dimension standard deviations stds[k].
 *   { weights: [0.5, 0.5], means: [[-0.5, -0.5], [0.5, 0.5]], stds: [[0.25, 0.25], [0.25, 0.25]], n: 1000 }
 */
export interface MixtureSamplingInput {
  /** Mixing weights π_k ≥ 0, summing to 1: the probability that a point comes from component k. */
  weights: number[];
  /** means[k][j]: component k's mean in dimension j (K rows of d numbers). */
  means: number[][];
  /** stds[k][j]: component k's standard deviation in dimension j (standard deviations, not variances). */
  stds: number[][];
  /** How many points to draw. */
  n: number;
}

/** What sampleMixture returns: the points and, for each, the component it was drawn from. */
export interface MixtureSample {
  /** n rows of d coordinates. */
  points: number[][];
  /** For each point, the index 0 … K − 1 of the component it came from. */
  components: number[];
}

// Mixtures: 02-log-density
/**
 * What `logDensity` receives (exercise 01-mixtures/02-log-density): a diagonal Gaussian mixture and n points.
 * Component k has weight weights[k], mean means[k][j] and standard deviation stds[k][j] in dimension j.
 */
export interface GmmDensityInput {
  /** Mixing weights π_k ≥ 0, summing to 1. */
  weights: number[];
  /** means[k][j] = μ_kj. */
  means: number[][];
  /** stds[k][j] = σ_kj > 0: standard deviations, not variances. */
  stds: number[][];
  /** The points, row-major n×d: point i is x[i·d] … x[i·d + d − 1] (`tf.tensor2d(x, [n, d])`). */
  x: Float32Array;
  /** Number of points. */
  n: number;
  /** Dimensions per point. */
  d: number;
}

// Mixtures: 03-fit-adam
/**
 * What `fitMixture(data, ctx)` receives: `n` training points of `d` coordinates, row-major in `x` (point i is
 * x[i·d] … x[i·d + d − 1]), and `k`, the number of components to fit.
 */
export interface GmmFitInput {
  x: Float32Array;
  n: number;
  d: number;
  k: number;
}

// Mixtures: 04-em

/** What `fitEm` receives: the training points (row-major n×d), K, and the stopping rule to run EM with. */
export interface GmmEmInput {
  /** The n training points, row-major: point i is x[i*d] … x[i*d + d − 1]. */
  x: Float32Array;
  n: number;
  d: number;
  /** Components to fit. */
  k: number;
  /** Most EM iterations (one E-step and one M-step each) the returned run may take. */
  maxIterations: number;
  /** Stop when |NLL_t − NLL_{t−1}| ≤ tolerance · max(|NLL_t|, 1): the relative change of the mean training NLL. */
  tolerance: number;
}

/** What `fitEm` returns: the fitted mixture and its training NLL after each iteration. */
export interface GmmEmResult {
  /** Mixing weights π_k (k), summing to 1. */
  weights: ArrayLike<number>;
  /** Means: k rows of d numbers, means[c][j] = μ_cj. */
  means: ArrayLike<number>[];
  /** Standard deviations (not variances): k rows of d numbers, all > 0. */
  stds: ArrayLike<number>[];
  /**
   * The mean training NLL of the returned run: entry 0 for the starting mixture, entry t after t iterations, entry
   * `iterations` for the mixture returned. Exactly maxIterations + 1 numbers (the runtime reads fixed sizes); those
   * after entry `iterations` are not read (0 will do).
   */
  nllHistory: ArrayLike<number>;
  /** How many EM iterations the returned run took (1 … maxIterations). */
  iterations: number;
}
