/**
 * What the Mixtures exercises' entries receive, as plain types: the generators (graders/problems/mixtures/) use
 * them, course.ts re-exports them to learners, and the editor's `course` declarations embed this file's source
 * (src/runtime/course-declarations.ts), so it holds types only: no imports, no code.
 */

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
