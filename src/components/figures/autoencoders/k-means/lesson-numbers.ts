/**
 * The numbers the k-means lesson quotes, read from the files that measured them (no number is typed into the page):
 * our float64 k-means on all the digits' pixels and on their t-SNE map (kmeans-numbers.json,
 * scripts/autoencoders/kmeans-lesson-numbers.ts; the map from scripts/autoencoders/tsne-map.py), the
 * exercise's reference and wrong variants graded for real (kmeans-variants.json, scripts/autoencoders/kmeans-variants.ts)
 * and the reference re-run's k-means on raw pixels (reference/results/exp7_digits.json).
 */
import exp7 from '../../../../../reference/results/exp7_digits.json';
import numbers from './kmeans-numbers.json';
import variantsFile from './kmeans-variants.json';

/** One graded run of a variant (scripts/autoencoders/kmeans-variants.ts). */
export interface VariantRun {
  seed: number;
  trainInertiaRatio: number;
  heldoutInertiaRatio: number;
  clusteringAccuracy: number;
  status: string;
}

export const variants = variantsFile.variants as Record<string, VariantRun[]>;

/** Names of the variants the page quotes (keys of kmeans-variants.json). */
export const variantNames = {
  reference: 'reference (greedy k-means++, step 1/count, 300 steps of 100, best of 10 runs)',
  random: 'random initial centres (uniform data points)',
  plain: 'plain k-means++ (one candidate per centre)',
  onePass: 'one mini-batch pass (10 steps of 100)',
  fixed: 'fixed step size 0.1 instead of 1/count',
  fixedSmall: 'fixed step size 0.01 instead of 1/count',
  noRestarts: 'no restarts (one run)',
  plainNoRestarts: 'plain k-means++ and no restarts',
  fittedOnAll: 'full k-means fitted on all 1797 digits (held-out ones included)',
} as const;

const f = (v: number, d: number) => v.toFixed(d);
/** "a–b" over values, at d decimals (one value when they round alike). */
export function span(values: number[], d: number): string {
  const [lo, hi] = [f(Math.min(...values), d), f(Math.max(...values), d)];
  return lo === hi ? lo : `${lo}–${hi}`;
}

/**
 * The exercise's bounds (exercises/03-autoencoders/04-kmeans/exercise.yaml; the lesson test checks they agree), for
 * the page's text and for counting which measured runs pass them: the runs' own pass/fail was recorded under the
 * bounds of the day they ran.
 */
export const bounds = { trainMax: 1.03, heldoutMin: 0.985, heldoutMax: 1.06 } as const;

/** A variant's training and held-out inertia ratios as "a–b", and on how many seeds it passes both bounds, as "p of n". */
export function variantSpan(key: keyof typeof variantNames): { train: string; heldout: string; passed: string; seeds: number } {
  const runs = variants[variantNames[key]]!;
  const passes = runs.filter((r) => r.trainInertiaRatio <= bounds.trainMax && r.heldoutInertiaRatio >= bounds.heldoutMin && r.heldoutInertiaRatio <= bounds.heldoutMax).length;
  return {
    train: span(runs.map((r) => r.trainInertiaRatio), 3),
    heldout: span(runs.map((r) => r.heldoutInertiaRatio), 3),
    passed: `${passes} of ${runs.length}`,
    seeds: runs.length,
  };
}

const pct = (v: number) => `${f(100 * v, 1)} %`;
const { plain, greedy } = numbers.oneRun;

/** Everything else the page quotes, formatted. */
export const kmeansNumbers = {
  seeds: numbers.seeds,
  trials: greedy.trials,
  plainAccuracyMedian: f(plain.accuracy.median, 2),
  plainAccuracyMin: f(plain.accuracy.min, 2),
  plainAccuracyMax: f(plain.accuracy.max, 2),
  greedyAccuracyMedian: f(greedy.accuracy.median, 2),
  greedyAccuracyMin: f(greedy.accuracy.min, 2),
  greedyAccuracyMax: f(greedy.accuracy.max, 2),
  /** One Lloyd run per seeding, and the best of 5 greedy runs, on the reference pipeline's t-SNE map (scripts/autoencoders/digits-tsne-map.json). */
  map: {
    plainMedian: f(numbers.tsneMap.plain.median, 2),
    plainMin: f(numbers.tsneMap.plain.min, 2),
    greedyMedian: f(numbers.tsneMap.greedy.median, 2),
    greedyMin: f(numbers.tsneMap.greedy.min, 2),
    bestOf5: span([numbers.tsneMap.bestOf5.min, numbers.tsneMap.bestOf5.max], 3),
  },
  plainInertiaMedian: f(plain.inertia.median, 0),
  greedyInertiaMedian: f(greedy.inertia.median, 0),
  bestInertia: f(numbers.bestOf10.inertia, 0),
  bestAccuracy: f(numbers.bestOf10.accuracy, 3),
  /** scikit-learn's k-means on the raw pixels in the reference re-run, seed 0. */
  referenceRawAccuracy: f(exp7.runs[0]!.all10_raw_kmeans_acc, 3),
  three: {
    digits: numbers.threeClusters.digits.join(', '),
    n: numbers.threeClusters.n,
    hungarian: pct(numbers.threeClusters.hungarian),
    orders: numbers.threeClusters.orders.map((o) => ({ order: o.order.join(' '), accuracy: pct(o.accuracy), max: pct(o.maxWithComplement) })),
  },
};
