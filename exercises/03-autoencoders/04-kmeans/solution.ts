import type { KMeansInput, KMeansResult, Random, TrainContext } from 'course';

/**
 * Mini-batch k-means (Sculley 2010, as scikit-learn's MiniBatchKMeans) with greedy k-means++ seeding and restarts,
 * in plain TypeScript.
 *
 * Why not tfjs: every step here is "nearest centre of each point" followed by an update whose step size depends on
 * how many points each centre has taken so far, one point after another. A batch of 100 digits against 10 centres is
 * 64 000 multiply-adds, which a plain loop does in well under a millisecond, while on WASM each tfjs op costs about
 * as much in dispatch alone, and the per-point updates would have to come back to JavaScript anyway. Float64 also
 * keeps the inertia comparisons between restarts exact.
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
  const trials = 2 + Math.floor(Math.log(k));
  const centres = new Float64Array(k * d);
  const copyPoint = (c: number, i: number) => {
    for (let f = 0; f < d; f++) centres[c * d + f] = x[i * d + f]!;
  };
  copyPoint(0, Math.floor(rng.uniform() * n));
  // nearest[i]: squared distance from point i to its nearest centre so far.
  let nearest = new Float64Array(n);
  for (let i = 0; i < n; i++) nearest[i] = squaredDistance(x, i, centres, 0, d);
  for (let c = 1; c < k; c++) {
    let bestPoint = 0, bestPotential = Infinity, bestNearest = nearest;
    for (let t = 0; t < trials; t++) {
      const candidate = drawWeighted(nearest, rng);
      const withCandidate = new Float64Array(n);
      let potential = 0;
      for (let i = 0; i < n; i++) {
        withCandidate[i] = Math.min(nearest[i]!, squaredDistance(x, i, x, candidate, d));
        potential += withCandidate[i]!;
      }
      if (potential < bestPotential) [bestPoint, bestPotential, bestNearest] = [candidate, potential, withCandidate];
    }
    copyPoint(c, bestPoint);
    nearest = bestNearest;
  }
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
    for (let b = 0; b < BATCH_SIZE; b++) cluster[b] = nearestCentre(x, batch[b]!, centres, k, d);
    for (let b = 0; b < BATCH_SIZE; b++) {
      const c = cluster[b]!, i = batch[b]!;
      counts[c]!++;
      const eta = 1 / counts[c]!;
      for (let f = 0; f < d; f++) centres[c * d + f]! += eta * (x[i * d + f]! - centres[c * d + f]!);
    }
  }
  return centres;
}

export async function fitKMeans(data: KMeansInput, ctx: TrainContext): Promise<KMeansResult> {
  const { x, n, features: d, k } = data;
  let best: Float64Array | undefined, bestInertia = Infinity;
  // Restarts: each run ends in the local optimum its seeds lead to; the training inertia says which is best (the
  // objective itself, measured on all points rather than a batch).
  for (let r = 0; r < RESTARTS; r++) {
    const centres = miniBatchRun(x, n, d, k, ctx.rng);
    const total = inertia(x, n, centres, k, d);
    ctx.report({ step: r + 1, loss: total / n });
    if (total < bestInertia) [best, bestInertia] = [centres, total];
  }
  ctx.log(`best of ${RESTARTS} runs: training inertia ${bestInertia.toFixed(1)} (${(bestInertia / n).toFixed(3)} per digit)`);
  return { centres: Array.from({ length: k }, (_, c) => best!.subarray(c * d, (c + 1) * d)) };
}
