/**
 * Clustering accuracy: the share of points whose cluster, under the best one-to-one matching of clusters to
 * classes, names their class. Cluster ids are arbitrary (a clustering that calls every 3 "cluster 7" is perfect),
 * so the matching is part of the score: the Hungarian algorithm finds it exactly (the `munkres` package, a small,
 * typed, dependency-free implementation, rather than our own). The source's max(acc, 1 − acc) is this matching for
 * two clusters only; with ten, the best of 10! matchings is needed.
 */
import { munkres } from 'munkres';

/** The contingency table: counts[c][k] = points of class c put in cluster k. */
export function contingency(labels: ArrayLike<number>, clusters: ArrayLike<number>, classes: number, k: number): number[][] {
  if (labels.length !== clusters.length) throw new Error(`${labels.length} labels for ${clusters.length} cluster assignments`);
  const counts = Array.from({ length: classes }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!, j = clusters[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= classes) throw new Error(`label ${c} at point ${i} is not a class 0 … ${classes - 1}`);
    if (!Number.isInteger(j) || j < 0 || j >= k) throw new Error(`cluster ${j} at point ${i} is not a cluster 0 … ${k - 1}`);
    counts[c]![j]!++;
  }
  return counts;
}

export interface ClusterMatching {
  /** Share of points in their class's matched cluster, 0 … 1. */
  accuracy: number;
  /** classOf[k]: the class cluster k is matched to, or −1 when there are more clusters than classes. */
  classOf: number[];
}

/**
 * The best one-to-one matching of `k` clusters to `classes` classes (rectangular tables too: unmatched clusters or
 * classes count as wrong) and the accuracy it gives.
 */
export function clusteringAccuracy(labels: ArrayLike<number>, clusters: ArrayLike<number>, classes: number, k: number): ClusterMatching {
  const counts = contingency(labels, clusters, classes, k);
  const classOf = new Array<number>(k).fill(-1);
  if (labels.length === 0) return { accuracy: 0, classOf };
  // munkres minimises cost: maximise matched counts by minimising their negatives.
  const pairs = munkres(counts.map((row) => row.map((v) => -v)));
  let right = 0;
  for (const [c, j] of pairs) {
    classOf[j] = c;
    right += counts[c]![j]!;
  }
  return { accuracy: right / labels.length, classOf };
}
