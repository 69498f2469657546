/**
 * What the Autoencoders & dimensionality reduction exercises' entries receive and return, as plain types: the
 * generators (graders/problems/autoencoders/) use them, course.ts re-exports them to learners, and the editor's
 * `course` declarations embed this file's source (src/runtime/course-declarations.ts), so it holds types only: no
 * imports, no code. Each exercise adds one block at the end, headed `// Autoencoders: <NN-exercise>`.
 */

/**
 * Images as the module's exercises receive them: n images of rows×cols grey values in [0, 1], row-major, one image
 * per row of `x` (never their labels: those stay with the grader).
 *   { x: Float32Array(n · 64), n: 500, features: 64, rows: 8, cols: 8 }
 */
export interface Images {
  /** Image i is x[i·features … (i+1)·features), `rows` rows of `cols` pixels, 0 = blank, 1 = full ink. */
  x: Float32Array;
  /** Number of images. */
  n: number;
  /** Pixels per image: rows · cols. */
  features: number;
  rows: number;
  cols: number;
}

// Autoencoders: 03-tsne

/**
 * What `tsne(images, ctx)` returns: the n×2 map, point i at row i, as a tf.Tensor2D, a Float32Array of n·2 numbers
 * or an array of [x, y] pairs (the runtime reads any of them).
 */
export type TsneMap = ArrayLike<number> | ArrayLike<number>[] | { array(): Promise<number[][]> };
