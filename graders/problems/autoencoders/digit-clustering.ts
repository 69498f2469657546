/**
 * Clustering the digits (lesson 6, the pipeline): `clusterDigits({ x, n, features, rows, cols, k }, ctx)` gets n
 * digits drawn from the shipped 8×8 set (pixels only) and returns one cluster id 0 … k − 1 per image. The grader
 * scores the clustering accuracy: the share of images whose cluster, under the best one-to-one matching of
 * clusters to digits (Hungarian algorithm, graders/autoencoders/clustering-accuracy.ts), names their digit. How
 * the learner gets there (pixels, kernel PCA, t-SNE, k-means) is theirs; only the ids are read.
 *
 * After the run: the images in a 2-D view the grader computes itself (float64 PCA of the pixels), coloured by the
 * learner's clusters, and the contingency table (which digits each cluster holds) in the check's details. The
 * learner's own t-SNE map never reaches the grader (only the ids do), and colouring a view by the hidden digits
 * would show the data, not the learner's clustering.
 */
import { z } from 'zod';
import { clusteringAccuracy, contingency } from '../../autoencoders/clustering-accuracy.ts';
import type { ClusterDigitsInput } from '../../autoencoders/learner-types.ts';
import { pcaProjection } from '../../autoencoders/pca-reference.ts';
import { drawDigits, loadedImageSet } from '../../datasets/digits.ts';
import { fmt } from '../../format.ts';
import type { ProblemDef } from '../../problem.ts';

/** Digit classes in the shipped set. */
const CLASSES = 10;

export const digitClusteringParams = z
  .object({
    n: z.number().int().min(20).max(1797).describe('Digits drawn from the 1797 of the shipped 8×8 set (all ten classes, in their natural proportions); the learner clusters all of them.'),
    k: z.number().int().min(2).max(12).describe('Clusters the learner returns (ids 0 … k − 1); 10 for one per digit.'),
  })
  .strict();
type DigitClusteringParams = z.infer<typeof digitClusteringParams>;

interface Hidden {
  labels: Int32Array;
  x: Float32Array;
  features: number;
}

const metricsDoc = {
  accuracy: 'clustering accuracy: the share of images in the cluster matched to their digit, under the best one-to-one matching of clusters to digits (Hungarian algorithm); 0 when the ids are not whole numbers 0 … k − 1',
};

/** Why a returned array is not a clustering (undefined: it is one). */
function invalidIds(ids: Float32Array, k: number): string | undefined {
  const bad = ids.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= k);
  return bad < 0 ? undefined : `image ${bad} has cluster id ${ids[bad]}; ids must be whole numbers 0 … ${k - 1} (k = ${k} clusters)`;
}

/** The contingency table as lines: each cluster, the digit it is matched to, and the digits it holds. */
function contingencyLines(labels: Int32Array, ids: Float32Array, k: number): string[] {
  const counts = contingency(labels, ids, CLASSES, k);
  const { classOf } = clusteringAccuracy(labels, ids, CLASSES, k);
  const lines: string[] = [];
  for (let c = 0; c < k; c++) {
    const held = counts.map((row, digit) => [digit, row[c]!] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    const size = held.reduce((s, [, v]) => s + v, 0);
    const matched = classOf[c]! >= 0 ? `matched to digit ${classOf[c]}` : 'matched to no digit';
    lines.push(`Cluster ${c} (${size} images, ${matched}): ${held.length ? held.map(([digit, v]) => `${v}× ${digit}`).join(', ') : 'empty'}.`);
  }
  return lines;
}

export const digitClusteringProblem: ProblemDef<DigitClusteringParams, Hidden> = {
  task: 'digit-clustering',
  datasets: ['digits-8x8'],
  doc: {
    summary: 'n digits drawn from the shipped 8×8 set (pixels in [0, 1], keyed noise under a secret seed), to be clustered into k groups without their labels.',
    entry: '`clusterDigits(data: ClusterDigitsInput, ctx)` gets `{ x, n, features, rows, cols, k }` and returns n cluster ids 0 … k − 1 (an Int32Array, a number[] or a tensor); the runtime reads them as an array of shape [n]',
    metrics: metricsDoc,
  },
  params: digitClusteringParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const [draw] = drawDigits(loadedImageSet('digits-8x8'), [p.n], seed, 'digit-clustering');
    const { x, n, features, rows, cols, labels } = draw!;
    const arg: ClusterDigitsInput = { x, n, features, rows, cols, k: p.k };
    return {
      calls: [{ arg, evals: [{ key: 'clusters', kind: 'array', shape: [n], label: 'your cluster ids (one per image)' }] }],
      hidden: { labels, x, features },
    };
  },
  score(p, h, [out]) {
    const ids = out!.clusters!;
    const invalid = invalidIds(ids, p.k);
    if (invalid) return { metrics: { accuracy: 0 }, details: { accuracy: [`Not a clustering: ${invalid}.`] } };
    const { accuracy } = clusteringAccuracy(h.labels, ids, CLASSES, p.k);
    const head = `Under the best matching of your ${p.k} clusters to the ${CLASSES} digits, ${fmt(accuracy * 100)} % of the ${ids.length} images sit in their digit's cluster. What each cluster holds:`;
    return { metrics: { accuracy }, details: { accuracy: [head, ...contingencyLines(h.labels, ids, p.k)] } };
  },
  plot(p, h, [out]) {
    const ids = out?.clusters;
    if (!ids || invalidIds(ids, p.k)) return undefined;
    return {
      kind: 'embedding',
      points: Float32Array.from(pcaProjection(h.x, h.labels.length, h.features, 2)),
      labels: Int32Array.from(ids),
      xLabel: 'pixels\' principal component 1 (colour: your cluster)',
      yLabel: 'principal component 2',
    };
  },
};
