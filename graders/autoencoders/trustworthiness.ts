/**
 * Trustworthiness of an embedding, exactly as scikit-learn defines it (`sklearn.manifold.trustworthiness`, 1.2):
 *
 *   T(k) = 1 − 2 / (n·k·(2n − 3k − 1)) · Σ_i Σ_{j ∈ U_i(k)} (r(i, j) − k)
 *
 * where U_i(k) are point i's k nearest neighbours in the embedding that are not among its k nearest in the
 * original space, and r(i, j) is j's rank among i's neighbours in the original space (1 = nearest). It is 1 when
 * every embedded neighbourhood holds only true neighbours, and penalises each intruder by how far away it really
 * is. Distances are Euclidean, in float64.
 *
 * Instead of sorting every row of the n×n distance matrix (scikit-learn's argsort), the rank of an embedded
 * neighbour j is counted directly: 1 + the number of points nearer to i than j is, O(n) per neighbour, O(n²·(d + k))
 * in all. Ties (equal distances, e.g. the integer-valued digits) are broken by index, like a stable sort; numpy's
 * default quicksort breaks them arbitrarily, so on tied data the two may differ in the last digits (tested on
 * untied data against scikit-learn itself: tests/fixtures/autoencoders/trustworthiness-sklearn.json).
 */

/** Squared Euclidean distances from row i of `x` (n × d, row-major) to every row, float64. */
function squaredDistancesFrom(x: ArrayLike<number>, n: number, d: number, i: number, out: Float64Array): void {
  const o = i * d;
  for (let j = 0; j < n; j++) {
    let s = 0;
    const p = j * d;
    for (let f = 0; f < d; f++) {
      const diff = x[o + f]! - x[p + f]!;
      s += diff * diff;
    }
    out[j] = s;
  }
  out[i] = Infinity; // a point is not its own neighbour
}

/** Is (da, a) before (db, b) in the order "nearer first, then lower index"? */
function before(da: number, a: number, db: number, b: number): boolean {
  return da < db || (da === db && a < b);
}

/** The k nearest rows to each row (self excluded), nearest first, ties by index: n × k indices. */
export function nearestNeighbours(x: ArrayLike<number>, n: number, d: number, k: number): Int32Array {
  const out = new Int32Array(n * k);
  const dist = new Float64Array(n);
  const best = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    squaredDistancesFrom(x, n, d, i, dist);
    // Insertion into a sorted list of k: k is small (5), so this beats a heap.
    let filled = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (filled === k && !before(dist[j]!, j, dist[best[k - 1]!]!, best[k - 1]!)) continue;
      let pos = filled < k ? filled++ : k - 1;
      while (pos > 0 && before(dist[j]!, j, dist[best[pos - 1]!]!, best[pos - 1]!)) {
        best[pos] = best[pos - 1]!;
        pos--;
      }
      best[pos] = j;
    }
    out.set(best, i * k);
  }
  return out;
}

/**
 * scikit-learn's trustworthiness of `embedded` (n × e) as an embedding of `x` (n × d), both row-major, with k
 * neighbours. Throws, like scikit-learn, when k ≥ n / 2, and on sizes that do not match.
 */
export function trustworthiness(x: ArrayLike<number>, d: number, embedded: ArrayLike<number>, e: number, k = 5): number {
  const n = x.length / d;
  if (!Number.isInteger(n) || embedded.length !== n * e) throw new Error(`x holds ${x.length / d} rows of ${d}, the embedding ${embedded.length / e} rows of ${e}`);
  if (!(k >= 1 && k < n / 2)) throw new Error(`k (${k}) should be at least 1 and less than n / 2 (${n / 2})`);
  const embeddedNeighbours = nearestNeighbours(embedded, n, e, k);
  const dist = new Float64Array(n);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    squaredDistancesFrom(x, n, d, i, dist);
    for (let a = 0; a < k; a++) {
      const j = embeddedNeighbours[i * k + a]!;
      // j's rank among i's neighbours in the original space: 1 + the points before it.
      let rank = 1;
      const dj = dist[j]!;
      for (let m = 0; m < n; m++) if (m !== i && m !== j && before(dist[m]!, m, dj, j)) rank++;
      if (rank > k) penalty += rank - k;
    }
  }
  return 1 - penalty * (2 / (n * k * (2 * n - 3 * k - 1)));
}
