/**
 * What the Mixture density networks exercises' entries receive and return, as plain types: the generators
 * (graders/problems/mdn/) use them, course.ts re-exports them to learners, and the editor's `course` declarations
 * embed this file's source (src/runtime/course-declarations.ts), so it holds types only: no imports, no code.
 */

// MDN: 02-mdn-nll
/**
 * What `mdnNll` receives (exercise 02-mdn/02-mdn-nll): a mixture density network's output for n inputs, and one
 * target y per input. Row i is input i's mixture p(y | x_i) = Σ_k pi[i][k] · N(y | mu[i][k], sigma[i][k]).
 *   { pi: [[0.3, 0.7]], mu: [[-1, 2]], sigma: [[0.5, 1]], y: [1.5], n: 1, k: 2 }
 */
export interface MdnNllInput {
  /** pi[i][k] = π_k(x_i): mixing weights, each row positive and summing to 1 (what a softmax head gives). */
  pi: number[][];
  /** mu[i][k] = μ_k(x_i): the components' means. */
  mu: number[][];
  /** sigma[i][k] = σ_k(x_i) > 0: standard deviations, not variances. */
  sigma: number[][];
  /** y[i]: the target of input i. */
  y: number[];
  /** Number of inputs (rows). */
  n: number;
  /** Number of components per row. */
  k: number;
}

// MDN: 04-sample-mdn
/**
 * A trained mixture density network's output on n inputs, as plain numbers: row i is the mixture
 * p(y | x_i) = Σ_k pi[i][k] · N(y | mu[i][k], sigma[i][k]).
 */
export interface MdnSamplingInput {
  /** The n inputs x_i (the mixtures already depend on them; given for plotting). */
  x: number[];
  /** pi[i][k]: the weight of component k at input i; each row sums to 1 (a softmax). */
  pi: number[][];
  /** mu[i][k]: the mean of component k at input i. */
  mu: number[][];
  /** sigma[i][k]: the standard deviation (not the variance) of component k at input i, > 0. */
  sigma: number[][];
}
