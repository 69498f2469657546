/**
 * Mini-batch k-means on the digits' pixels (03-autoencoders/04-kmeans): the entry gets `trainN` digits (64 pixels
 * each, never their labels) and k, and returns k centres. The reference is full float64 k-means (Lloyd's
 * iterations from `restarts` greedy k-means++ seeds, the lowest training inertia kept: graders/autoencoders/kmeans.ts)
 * on the same training digits. Two ratios of inertias (squared distances to the nearest centre, summed):
 *
 * - On the training digits, the learner's ÷ the reference's: the quality check. It is k-means' own objective on the
 *   very points both minimised it on, so it grades the algorithm, not how well pixels separate digits (clustering
 *   accuracy on pixels is ≈ 0.79 for any good k-means, and its spread between good runs is wider than the gap to a
 *   bad one). Measured on the solution it varies by well under 1 % between seeds, where the held-out ratio varies
 *   by ±1.5 % (which of several equally good optima each run lands in shows more on digits neither was fitted to).
 * - On `testN` held-out digits the learner never sees: the suspicion check. Well below the reference's means
 *   centres fitted to more digits than were handed out (the public set embedded in the submission): k-means fitted
 *   on all 1797 digits scores 0.978–0.985 there (scripts/autoencoders/kmeans-variants.ts). */
import { z } from 'zod';
import { clusteringAccuracy } from '../../autoencoders/clustering-accuracy.ts';
import { assign, inertia, kMeans, type KMeansFit } from '../../autoencoders/kmeans.ts';
import type { KMeansInput } from '../../autoencoders/learner-types.ts';
import { drawDigits, loadedImageSet, type DigitDraw } from '../../datasets/digits.ts';
import { fmt } from '../../format.ts';
import type { ProblemDef } from '../../problem.ts';
import { makeRng } from '../../rng.ts';

export type { KMeansInput, KMeansResult } from '../../autoencoders/learner-types.ts';

export const miniBatchKMeansParams = z
  .object({
    trainN: z.number().int().positive().describe('Digits the entry receives (drawn from the 1797, disjoint from the held-out ones).'),
    testN: z.number().int().positive().describe('Hidden held-out digits the inertia ratio is measured on.'),
    k: z.number().int().min(2).max(32).describe('Clusters: the number of centres the learner returns.'),
    restarts: z.number().int().min(1).max(50).describe('Greedy k-means++ seeds of the reference\'s full k-means; the lowest training inertia is kept.'),
  })
  .strict();
type Params = z.infer<typeof miniBatchKMeansParams>;

interface Hidden {
  train: DigitDraw;
  test: DigitDraw;
  reference: KMeansFit;
  /** Held-out inertia to the reference's centres. */
  referenceTest: number;
}

const metricsDoc = {
  trainInertiaRatio: 'inertia of the training digits you received to your centres ÷ to the reference\'s (1 = as good as full k-means with restarts; above: a worse local optimum or centres that never settled)',
  heldoutInertiaRatio: 'the same ratio on hidden held-out digits (well below 1: centres fitted to digits you were not given)',
  clusteringAccuracy: 'share of held-out digits whose cluster, under the best one-to-one matching of clusters to digits (Hungarian), names their digit (shown, not graded: pixels cluster digits only so well)',
  referenceAccuracy: 'the same for the reference\'s centres',
};

/** A flat row-major n×d array as kmeans.ts takes it. */
const rows = (values: ArrayLike<number>, n: number, d: number) => ({ values, n, d });

export const miniBatchKMeansProblem: ProblemDef<Params, Hidden> = {
  task: 'kmeans',
  datasets: ['digits-8x8'],
  doc: {
    summary: 'k-means on the 8×8 digits\' 64 pixels: trainN digits in, k centres out, graded by training and held-out inertia against full float64 k-means (greedy k-means++ restarts, Lloyd\'s iterations).',
    entry: '`fitKMeans(data: KMeansInput, ctx)` gets `{ x, n, features, rows, cols, k }` (x: n×64 pixels in [0, 1]) and returns `{ centres }` (k rows of 64 numbers, or a k×64 tensor); the runtime reads the k×64 centres',
    metrics: metricsDoc,
  },
  params: miniBatchKMeansParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const [train, test] = drawDigits(loadedImageSet('digits-8x8'), [p.trainN, p.testN], seed, 'kmeans');
    const reference = kMeans(rows(train!.x, p.trainN, train!.features), p.k, makeRng(seed, 'kmeans:reference'), p.restarts);
    const referenceTest = inertia(rows(test!.x, p.testN, test!.features), rows(reference.centres, p.k, test!.features));
    const arg: KMeansInput = { x: train!.x, n: train!.n, features: train!.features, rows: train!.rows, cols: train!.cols, k: p.k };
    return {
      calls: [{ arg, evals: [{ key: 'centres', kind: 'array', pick: 'centres', shape: [p.k, train!.features], label: 'centres' }] }],
      hidden: { train: train!, test: test!, reference, referenceTest },
    };
  },
  score(p, h, outputs) {
    const d = h.test.features;
    const mine = rows(outputs[0]!.centres!, p.k, d);
    const test = rows(h.test.x, p.testN, d), train = rows(h.train.x, p.trainN, d);
    const heldoutInertiaRatio = inertia(test, mine) / h.referenceTest;
    const trainInertiaRatio = inertia(train, mine) / h.reference.inertia;
    const { cluster } = assign(test, mine);
    const accuracy = clusteringAccuracy(h.test.labels, cluster, 10, p.k).accuracy;
    const referenceAccuracy = clusteringAccuracy(h.test.labels, assign(test, rows(h.reference.centres, p.k, d)).cluster, 10, p.k).accuracy;
    const used = new Set(cluster).size;
    const trainLines = [
      `Training inertia: yours ${fmt(inertia(train, mine))}, the reference's ${fmt(h.reference.inertia)} (full k-means, best of ${p.restarts} greedy k-means++ starts), on your ${p.trainN} digits.`,
      ...(used < p.k ? [`Only ${used} of your ${p.k} centres are nearest to any held-out digit: the others sit where no digit is (a centre that never moved, or one seeded on an outlier).`] : []),
    ];
    const heldoutLines = [`Held-out inertia: yours ${fmt(inertia(test, mine))}, the reference's ${fmt(h.referenceTest)}, on ${p.testN} digits you never saw.`];
    return {
      metrics: { heldoutInertiaRatio, trainInertiaRatio, clusteringAccuracy: accuracy, referenceAccuracy },
      details: { trainInertiaRatio: trainLines, heldoutInertiaRatio: heldoutLines },
      notes: [
        {
          metric: 'clusteringAccuracy',
          label: 'Clustering accuracy on held-out digits (not graded)',
          value: accuracy,
          message: `Your clusters matched one-to-one to digits by the Hungarian algorithm name ${fmt(100 * accuracy)} % of held-out digits correctly; the reference's centres ${fmt(100 * referenceAccuracy)} %. k-means on raw pixels stops near 0.79 however well it optimises: a 4 and a 9 are close in pixels. The pipeline lesson clusters a better space.`,
        },
      ],
    };
  },
  plot(p, h, outputs) {
    // The learner's centres as 8×8 images over the reference centre nearest to each: k-means centres on digits are
    // blurred digits, and a centre that is a blend of two (a 1/7, a 4/9) shows at a glance.
    const d = h.test.features;
    const mine = outputs[0]!.centres!;
    const clip = (v: number) => Math.min(1, Math.max(0, v));
    const nearest = assign(rows(mine, p.k, d), rows(h.reference.centres, p.k, d)).cluster;
    const reference = new Float32Array(p.k * d);
    nearest.forEach((c, i) => reference.set(h.reference.centres.subarray(c * d, (c + 1) * d), i * d));
    return {
      kind: 'image-grid',
      rows: h.test.rows,
      cols: h.test.cols,
      strips: [
        { label: 'your centres', images: Float32Array.from(mine, clip) },
        { label: 'nearest reference centre', images: reference.map(clip) },
      ],
    };
  },
};
