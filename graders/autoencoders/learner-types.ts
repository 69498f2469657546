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

// Autoencoders: 04-kmeans

/**
 * The mini-batch k-means exercise's input: the training digits and how many clusters to find.
 *   { x: Float32Array(1000 · 64), n: 1000, features: 64, rows: 8, cols: 8, k: 10 }
 */
export interface KMeansInput extends Images {
  /** Number of clusters (centres) to return. */
  k: number;
}

/** What `fitKMeans` returns: the k centres, in the images' pixel space. */
export interface KMeansResult {
  /** k rows of `features` numbers: centres[c][j] is pixel j of centre c (each row a number[], Float32Array or Float64Array). */
  centres: ArrayLike<number>[];
}
