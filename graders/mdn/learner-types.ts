/**
 * What the Mixture density networks exercises' entries receive and return, as plain types: the generators
 * (graders/problems/mdn/) use them, course.ts re-exports them to learners, and the editor's `course` declarations
 * embed this file's source (src/runtime/course-declarations.ts), so it holds types only: no imports, no code.
 */

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
