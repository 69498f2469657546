import type { KMeansInput, KMeansResult, Random, TrainContext } from 'course';

/**
 * Cluster data.n digits (data.features = 64 pixels each, row-major in data.x, values in [0, 1]) into data.k clusters
 * by mini-batch k-means, and return the k centres.
 *
 * k-means looks for centres that make the inertia small: Σ_i ‖x_i − (nearest centre to x_i)‖². Lloyd's algorithm
 * alternates "assign every point to its nearest centre" and "move every centre to the mean of its points" over all
 * points; mini-batch k-means (Sculley 2010, scikit-learn's MiniBatchKMeans) does the same on small random batches,
 * moving each centre towards each of its batch points by a step size 1/count, where count is how many points that
 * centre has taken so far. Where it ends depends on where it starts: seed with greedy k-means++ and keep the best of
 * several runs.
 *
 * Plain TypeScript is the right tool here (the solution explains why); tfjs is allowed too.
 */

// ───────────────────────── given: distances and the objective, working code ─────────────────────────

/** Squared Euclidean distance between row i of `a` and row j of `b`, both with d numbers per row. */
function squaredDistance(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = a[i * d + f]! - b[j * d + f]!;
    s += t * t;
  }
  return s;
}

/** The index of the centre nearest to point i (centres: k rows of d numbers, flat). */
function nearestCentre(x: ArrayLike<number>, i: number, centres: Float64Array, k: number, d: number): number {
  let best = Infinity, arg = 0;
  for (let c = 0; c < k; c++) {
    const s = squaredDistance(x, i, centres, c, d);
    if (s < best) [best, arg] = [s, c];
  }
  return arg;
}

/** k-means' objective on the n points: Σ_i (squared distance to its nearest centre). */
function inertia(x: ArrayLike<number>, n: number, centres: Float64Array, k: number, d: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += squaredDistance(x, i, centres, nearestCentre(x, i, centres, k, d), d);
  return total;
}

/** A point drawn with probability weights[i] / Σ weights. */
function drawWeighted(weights: Float64Array, rng: Random): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  // Rounding can leave u a hair above 0 after the last point: take the last point with any weight.
  for (let i = weights.length - 1; i > 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

// ─────────────────────────────────────────── k-means ───────────────────────────────────────────

/** Points per mini-batch: 100 of the 1000 digits, so each step sees every digit class about ten times. */
const BATCH_SIZE = 100;
/**
 * Mini-batch steps per run: 300 × 100 = 30 passes over the data. The step size 1/count shrinks as a centre takes
 * points, so later steps move it less and less; one pass (10 steps) leaves centres 1–6 % worse in inertia.
 */
const STEPS = 300;
/** Whole runs (seeding + steps) from different seeds; the lowest training inertia is kept. */
const RESTARTS = 10;

/**
 * Greedy k-means++ (scikit-learn's default): the first centre a uniform random point; then for each next centre draw
 * `trials` candidates, each with probability ∝ its squared distance to the nearest centre so far (D²), and keep the
 * candidate that lowers the potential Σ_i D²(x_i) most. trials = 2 + ⌊ln k⌋ as scikit-learn: plain k-means++
 * (one candidate) sometimes puts two centres in one cluster, and mini-batch steps rarely undo that.
 */
function greedyKMeansPlusPlus(x: ArrayLike<number>, n: number, d: number, k: number, rng: Random): Float64Array {
  const centres = new Float64Array(k * d);
  // TODO: greedy k-means++. For now every centre is a uniform random point, which often puts two centres in one
  // cluster and none in another. Instead: the first centre uniform; then keep nearest[i] (squared distance from
  // point i to its nearest centre so far), and for each next centre draw 2 + ⌊ln k⌋ candidates with
  // drawWeighted(nearest, rng), keeping the one whose potential Σ_i min(nearest[i], D²(x_i, candidate)) is lowest.
  for (let c = 0; c < k; c++) {
    const i = Math.floor(rng.uniform() * n);
    for (let f = 0; f < d; f++) centres[c * d + f] = x[i * d + f]!;
  }
  void drawWeighted;
  return centres;
}

/**
 * One run: seed, then STEPS mini-batch steps. Each step draws BATCH_SIZE points (with replacement), finds each one's
 * nearest centre with the centres as they were at the start of the step, then moves each point's centre towards it
 * with step size 1/count, where count is how many points that centre has taken so far, this one included. That
 * makes every centre the running mean of the points it has taken (exactly: c ← c + (x − c)/count is the mean's
 * update), so it settles as count grows, whereas a fixed step size keeps it jittering around the mean of its last
 * few points.
 */
function miniBatchRun(x: ArrayLike<number>, n: number, d: number, k: number, rng: Random): Float64Array {
  const centres = greedyKMeansPlusPlus(x, n, d, k, rng);
  const counts = new Float64Array(k);
  const batch = new Int32Array(BATCH_SIZE), cluster = new Int32Array(BATCH_SIZE);
  for (let step = 0; step < STEPS; step++) {
    for (let b = 0; b < BATCH_SIZE; b++) batch[b] = Math.floor(rng.uniform() * n);
    // TODO: find each batch point's nearest centre (nearestCentre, with the centres as they are now), store it in
    // cluster[b]; then for each batch point in turn add 1 to its centre's count and move that centre towards the
    // point by 1/count of the way: centre_c += (x_i − centre_c) / counts[c]. As it is, the centres never move.
    void cluster;
    void counts;
  }
  return centres;
}

export async function fitKMeans(data: KMeansInput, ctx: TrainContext): Promise<KMeansResult> {
  // console.log(…) and ctx.log(…) print into the run's log under the editor: use them to look at shapes and values.
  const { x, n, features: d, k } = data;
  let best: Float64Array | undefined, bestInertia = Infinity;
  // TODO: one run only. Run miniBatchRun RESTARTS times and keep the centres with the lowest training inertia.
  for (let r = 0; r < 1; r++) {
    const centres = miniBatchRun(x, n, d, k, ctx.rng);
    const total = inertia(x, n, centres, k, d);
    ctx.report({ step: r + 1, loss: total / n });
    if (total < bestInertia) [best, bestInertia] = [centres, total];
  }
  ctx.log(`best of ${RESTARTS} runs: training inertia ${bestInertia.toFixed(1)} (${(bestInertia / n).toFixed(3)} per digit)`);
  return { centres: Array.from({ length: k }, (_, c) => best!.subarray(c * d, (c + 1) * d)) };
}
