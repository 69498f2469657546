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

// Autoencoders: 01-pca

/**
 * What `pca` receives: images and how many components to find.
 *   { x: Float32Array(1000 · 64), n: 1000, features: 64, rows: 8, cols: 8, k: 10 }
 */
export interface PcaInput extends Images {
  /** How many principal components to return, largest variance first. */
  k: number;
}

/** What `pca` returns: tensors, typed arrays or nested number arrays of these shapes. */
export interface PcaResult {
  /** k×features: row i is component i, a unit vector (its sign is free), largest variance first. */
  components: unknown;
  /** k numbers: the share of the images' TOTAL variance (all features) along each component. */
  explainedVarianceRatio: unknown;
}

// Autoencoders: 02-kernel-pca

/**
 * What `kernelPca` receives: images and how many coordinates to embed them in. The RBF kernel's γ is the usual
 * default, 1 / features.
 *   { x: Float32Array(700 · 64), n: 700, features: 64, rows: 8, cols: 8, k: 6 }
 */
export interface KernelPcaInput extends Images {
  /** How many kernel principal components to return. */
  k: number;
}

// Autoencoders: 03-tsne

/**
 * What `tsne(images, ctx)` returns: the n×2 map, point i at row i, as a tf.Tensor2D, a Float32Array of n·2 numbers
 * or an array of [x, y] pairs (the runtime reads any of them).
 */
export type TsneMap = ArrayLike<number> | ArrayLike<number>[] | { array(): Promise<number[][]> };

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

// Autoencoders: 05-dense-autoencoder
/**
 * The training digits for a dense autoencoder, and the width its bottleneck must have.
 *   { x: Float32Array(1297 · 64), n: 1297, features: 64, rows: 8, cols: 8, bottleneck: 16 }
 */
export interface DenseAutoencoderInput extends Images {
  /** Units in the code layer (the bottleneck): the autoencoder must squeeze each image through this many numbers. */
  bottleneck: number;
}

// Autoencoders: 06-conv-autoencoder
/**
 * The training images for a convolutional autoencoder: the same fields as the dense one's, on 28×28 clothing
 * images, each row flattened (reshape it to [28, 28, 1] for the convolutions, and flatten the output back).
 *   { x: Float32Array(1000 · 784), n: 1000, features: 784, rows: 28, cols: 28, bottleneck: 16 }
 */
export type ConvAutoencoderInput = DenseAutoencoderInput;

// Autoencoders: 07-pipeline

/**
 * What `clusterDigits` receives: the digits to cluster (pixels only) and how many clusters to make.
 *   { x: Float32Array(1000 · 64), n: 1000, features: 64, rows: 8, cols: 8, k: 10 }
 * It returns one cluster id 0 … k − 1 per image, in the images' order (an Int32Array, a number[] or a tensor of n).
 */
export interface ClusterDigitsInput extends Images {
  /** Clusters to return: 10, one per digit (the grader matches clusters to digits; the ids themselves are arbitrary). */
  k: number;
}
