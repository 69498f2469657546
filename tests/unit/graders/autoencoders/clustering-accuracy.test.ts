/** Clustering accuracy by the Hungarian matching, checked against brute force over every matching. */
import { describe, expect, it } from 'vitest';
import { clusteringAccuracy, contingency } from '../../../../graders/autoencoders/clustering-accuracy.ts';
import { makeRng } from '../../../../graders/rng.ts';

/** The best matching by trying every permutation (small k only). */
function bruteForce(labels: number[], clusters: number[], k: number): number {
  const counts = contingency(labels, clusters, k, k);
  let best = 0;
  const permute = (used: boolean[], c: number, sum: number) => {
    if (c === k) return void (best = Math.max(best, sum));
    for (let j = 0; j < k; j++) if (!used[j]) { used[j] = true; permute(used, c + 1, sum + counts[c]![j]!); used[j] = false; }
  };
  permute(new Array(k).fill(false), 0, 0);
  return best / labels.length;
}

describe('clusteringAccuracy', () => {
  it('is 1 for a perfect clustering under renamed cluster ids, and names the matching', () => {
    const labels = [0, 0, 1, 1, 2, 2];
    const m = clusteringAccuracy(labels, [2, 2, 0, 0, 1, 1], 3, 3);
    expect(m.accuracy).toBe(1);
    expect(m.classOf).toEqual([1, 2, 0]);
  });

  it('equals the brute-force best matching on random clusterings of 5 classes', () => {
    const rng = makeRng(3, 'acc');
    for (let t = 0; t < 20; t++) {
      const labels = Array.from({ length: 60 }, () => rng.int(5));
      const clusters = labels.map((l) => (rng.uniform() < 0.6 ? (l + 2) % 5 : rng.int(5)));
      expect(clusteringAccuracy(labels, clusters, 5, 5).accuracy).toBeCloseTo(bruteForce(labels, clusters, 5), 12);
    }
  });

  it('for two clusters it is max(acc, 1 − acc), the source\'s formula; for more, that formula is not enough', () => {
    const labels = [0, 0, 0, 1, 1, 1, 1, 0];
    const clusters = [1, 1, 0, 0, 0, 0, 1, 1];
    const acc = labels.filter((l, i) => l === clusters[i]).length / labels.length;
    expect(clusteringAccuracy(labels, clusters, 2, 2).accuracy).toBe(Math.max(acc, 1 - acc));
    // Three classes, each cluster id shifted by one: plain agreement is 0, the matching finds 1.
    expect(clusteringAccuracy([0, 1, 2], [1, 2, 0], 3, 3).accuracy).toBe(1);
  });

  it('handles more clusters than classes (extra clusters count as wrong) and names bad ids', () => {
    const m = clusteringAccuracy([0, 0, 1, 1], [0, 2, 1, 1], 2, 3);
    expect(m.accuracy).toBe(0.75);
    expect(m.classOf.filter((c) => c === -1)).toHaveLength(1);
    expect(() => clusteringAccuracy([0, 1], [0, 5], 2, 3)).toThrow(/cluster 5 at point 1 is not a cluster 0 … 2/);
    expect(() => clusteringAccuracy([0], [0, 1], 2, 2)).toThrow(/1 labels for 2 cluster assignments/);
  });
});
