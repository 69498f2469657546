/**
 * The gmm-classifier generator's metrics for classifiers built in float64 from graders/mixtures/, over seeds: the
 * Bayes rule itself, one EM mixture per class (with the true cluster counts, which the learner is not told, and with
 * fixed counts), one Gaussian per class, nearest class mean, a constant answer. Where the exercise's bound on
 * accuracyOverBayes will come from.
 *   node scripts/with-node.mjs node scripts/mixtures/gmm-classifier-variants.ts
 */
import { mixtureClasses } from '../../graders/datasets/mixture-classes.ts';
import type { Split } from '../../graders/datasets/types.ts';
import { classLogDensities } from '../../graders/mixtures/bayes.ts';
import { fitEmRestarts } from '../../graders/mixtures/em.ts';
import type { DiagonalGmm } from '../../graders/mixtures/gmm.ts';
import { makeProblem, type PosedProblem } from '../../graders/problems/index.ts';
import { makeRng } from '../../graders/rng.ts';

/** Parameters like the exercise's will be (issue 12: 5 classes of 2–10 clusters, 2000 training points per class). */
export const classifierParams = { classes: 5, minComponents: 2, maxComponents: 10, dims: 2, trainPerClass: 2000, testPerClass: 1000 };

/** The rows of one class. */
function rowsOf(s: Split, c: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < s.n; i++) if (s.y[i] === c) for (let j = 0; j < s.features; j++) out.push(s.x[i * s.features + j]!);
  return Float64Array.from(out);
}

/** One mixture per class by EM (best of 3 starts), with `k(c)` components for class c. */
function emPerClass(train: Split, k: (c: number) => number): DiagonalGmm[] {
  return Array.from({ length: train.classes }, (_, c) => {
    const x = rowsOf(train, c);
    return fitEmRestarts(x, x.length / train.features, train.features, k(c), makeRng(c, 'variant'), 3).gmm;
  });
}

/** Classifiers as functions from (training split, seed) to the n×classes scores on the validation inputs. */
export const classifierVariants: Record<string, (train: Split, seed: number, test: Float32Array) => ArrayLike<number>> = {
  'the true mixtures (Bayes rule)': (_t, seed, x) => classLogDensities(mixtureClasses(classifierParams, seed).mixtures, x, x.length / 2),
  'EM per class, true K (not told)': (t, seed, x) => classLogDensities(emPerClass(t, (c) => mixtureClasses(classifierParams, seed).mixtures[c]!.weights.length), x, x.length / 2),
  'EM per class, K = 10': (t, _s, x) => classLogDensities(emPerClass(t, () => 10), x, x.length / 2),
  'EM per class, K = 4': (t, _s, x) => classLogDensities(emPerClass(t, () => 4), x, x.length / 2),
  'one Gaussian per class': (t, _s, x) => classLogDensities(emPerClass(t, () => 1), x, x.length / 2),
  'nearest class mean': (t, _s, x) => {
    const means = emPerClass(t, () => 1).map((g) => g.means[0]!);
    return Float64Array.from({ length: (x.length / 2) * t.classes }, (_, q) => {
      const i = Math.floor(q / t.classes), c = q % t.classes;
      return -((x[2 * i]! - means[c]![0]!) ** 2 + (x[2 * i + 1]! - means[c]![1]!) ** 2);
    });
  },
  'always class 0': (t, _s, x) => Float64Array.from({ length: (x.length / 2) * t.classes }, (_, q) => (q % t.classes === 0 ? 1 : 0)),
};

const posed = new Map<number, PosedProblem>();

/** The generator's metrics for a variant on one seed. */
export function classifierMetrics(name: string, seed: number): Record<string, number> {
  if (!posed.has(seed)) posed.set(seed, makeProblem({ generator: 'gmmClassifier', params: classifierParams }, seed));
  const problem = posed.get(seed)!;
  const call = problem.calls[0]!;
  const x = (call.evals[0] as { x: Float32Array }).x;
  return problem.score([{ scores: Float32Array.from(classifierVariants[name]!(call.arg as Split, seed, x)) }]).metrics;
}

if (import.meta.main) {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const range = (v: number[]) => `${Math.min(...v).toFixed(4)} … ${Math.max(...v).toFixed(4)}`;
  console.log(`gmmClassifier on seeds ${seeds.join(', ')}, params ${JSON.stringify(classifierParams)}; min … max over seeds`);
  console.log(`  Bayes accuracy ${range(seeds.map((s) => classifierMetrics('always class 0', s).bayesAccuracy!))}`);
  for (const name of Object.keys(classifierVariants)) {
    const ms = seeds.map((s) => classifierMetrics(name, s));
    console.log(`  ${name.padEnd(32)} accuracyOverBayes ${range(ms.map((m) => m.accuracyOverBayes!))}   (${ms.map((m) => m.accuracyOverBayes!.toFixed(3)).join(' ')})`);
  }
}
