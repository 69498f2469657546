/**
 * k-means in float64, the grader's reference for the mini-batch k-means exercise (03-autoencoders/04-kmeans) and the
 * lesson's scripts: inertia, assignments, k-means++ seeding (plain and greedy, as scikit-learn's `_kmeans_plusplus`),
 * Lloyd's iterations and restarts kept by inertia.
 *
 * Plain loops rather than ml-matrix: everything here is "nearest centre of each point", n·k·d multiply-adds, which
 * no matrix decomposition helps with; the points arrive as one flat row-major array and stay so.
 */

/** Points or centres: row i is values[i·d … (i+1)·d). */
export interface Rows {
  values: ArrayLike<number>;
  n: number;
  d: number;
}

/** A source of uniform numbers in [0, 1) (graders/rng.ts `Rng` fits). */
export interface Uniform {
  uniform(): number;
}

/** Squared Euclidean distance between row i of `a` and row j of `b` (same d). */
function squaredDistance(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = a[i * d + f]! - b[j * d + f]!;
    s += t * t;
  }
  return s;
}

/** Each point's nearest centre (the lower index on a tie) and its squared distance to it. */
export function assign(points: Rows, centres: Rows): { cluster: Int32Array; distance: Float64Array } {
  if (points.d !== centres.d) throw new Error(`points have ${points.d} features, centres ${centres.d}`);
  const cluster = new Int32Array(points.n), distance = new Float64Array(points.n);
  for (let i = 0; i < points.n; i++) {
    let best = Infinity, arg = 0;
    for (let c = 0; c < centres.n; c++) {
      const s = squaredDistance(points.values, i, centres.values, c, points.d);
      if (s < best) [best, arg] = [s, c];
    }
    cluster[i] = arg;
    distance[i] = best;
  }
  return { cluster, distance };
}

/** k-means' objective: the sum over points of the squared distance to the nearest centre. */
export function inertia(points: Rows, centres: Rows): number {
  return assign(points, centres).distance.reduce((a, b) => a + b, 0);
}

/** scikit-learn's number of candidates per greedy k-means++ step: 2 + ⌊ln k⌋ (Arthur & Vassilvitskii's suggestion). */
export const greedyTrials = (k: number): number => 2 + Math.floor(Math.log(k));

/** An index drawn with probability weights[i] / Σ weights (the last positive one if rounding overshoots). */
function drawWeighted(weights: Float64Array, total: number, rng: Uniform): number {
  let u = rng.uniform() * total, last = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i]! <= 0) continue;
    last = i;
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return last;
}

/**
 * k-means++ seeding: the first centre a uniform point, each next one drawn with probability ∝ the squared distance
 * to the nearest centre so far. With `trials` > 1 it is the greedy variant (scikit-learn's default): each step draws
 * `trials` candidates that way and keeps the one that lowers the potential (the inertia of the centres so far) most.
 * trials = 1 is plain k-means++.
 */
export function kMeansPlusPlus(points: Rows, k: number, rng: Uniform, trials = greedyTrials(k)): Float64Array {
  const { values: x, n, d } = points;
  if (k < 1 || k > n) throw new Error(`cannot seed ${k} centres from ${n} points`);
  const centres = new Float64Array(k * d);
  const take = (c: number, i: number) => {
    for (let f = 0; f < d; f++) centres[c * d + f] = x[i * d + f]!;
  };
  take(0, Math.floor(rng.uniform() * n));
  const nearest = new Float64Array(n);
  for (let i = 0; i < n; i++) nearest[i] = squaredDistance(x, i, centres, 0, d);
  let potential = nearest.reduce((a, b) => a + b, 0);
  const candidateNearest = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestIndex = -1, bestPotential = Infinity, bestNearest: Float64Array | undefined;
    for (let t = 0; t < trials; t++) {
      const i = potential > 0 ? drawWeighted(nearest, potential, rng) : Math.floor(rng.uniform() * n);
      let p = 0;
      for (let j = 0; j < n; j++) {
        candidateNearest[j] = Math.min(nearest[j]!, squaredDistance(x, j, x, i, d));
        p += candidateNearest[j]!;
      }
      if (p < bestPotential) [bestIndex, bestPotential, bestNearest] = [i, p, Float64Array.from(candidateNearest)];
    }
    take(c, bestIndex);
    nearest.set(bestNearest!);
    potential = bestPotential;
  }
  return centres;
}

/** What one k-means run ends with. */
export interface KMeansFit {
  /** k×d, row-major. */
  centres: Float64Array;
  /** Inertia of the training points to `centres`. */
  inertia: number;
  iterations: number;
}

/**
 * Lloyd's iterations from `init` until no point changes cluster (or `maxIterations`): assign every point to its
 * nearest centre, move every centre to the mean of its points. A centre that loses all its points stays where it is.
 */
export function lloyd(points: Rows, init: Float64Array, k: number, maxIterations = 300): KMeansFit {
  const { values: x, n, d } = points;
  const centres = Float64Array.from(init);
  let previous: Int32Array | undefined;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const { cluster } = assign(points, { values: centres, n: k, d });
    if (previous && cluster.every((c, i) => c === previous![i])) break;
    previous = cluster;
    const sums = new Float64Array(k * d), counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = cluster[i]!;
      counts[c]!++;
      for (let f = 0; f < d; f++) sums[c * d + f]! += x[i * d + f]!;
    }
    for (let c = 0; c < k; c++) if (counts[c]! > 0) for (let f = 0; f < d; f++) centres[c * d + f] = sums[c * d + f]! / counts[c]!;
  }
  return { centres, inertia: inertia(points, { values: centres, n: k, d }), iterations };
}

/** Full k-means: `restarts` runs of Lloyd's iterations from greedy k-means++ seeds, the one of lowest inertia kept. */
export function kMeans(points: Rows, k: number, rng: Uniform, restarts = 10, trials = greedyTrials(k)): KMeansFit {
  let best: KMeansFit | undefined;
  for (let r = 0; r < restarts; r++) {
    const fit = lloyd(points, kMeansPlusPlus(points, k, rng, trials), k);
    if (!best || fit.inertia < best.inertia) best = fit;
  }
  return best!;
}
