/**
 * Measurements behind the mixture classifier lesson and the bounds of exercises/01-mixtures/05-classifier.
 *
 *   node scripts/with-node.mjs node scripts/mixtures/measure-classifier.ts grade [--variant NAME] [--seeds 1-8]
 *       The reference solution (or one of the wrong variants below, or `starter`), graded in this process on WASM
 *       exactly as the grader does: one line per seed (accuracy ÷ Bayes, both accuracies, wall time), then the range.
 *   node scripts/with-node.mjs node scripts/mixtures/measure-classifier.ts variants [--seeds 1-8]
 *       `grade` for every variant below and the starter, the ratios written with provenance to
 *       src/components/figures/mixtures/mixture-classifier/classifier-variants.json (the lesson quotes them).
 *   node scripts/with-node.mjs node scripts/mixtures/measure-classifier.ts noise [--seeds 1-8]
 *       The Bayes-optimal accuracy per data seed, and the standard error of the ratio on the 5000 validation points:
 *       the paired difference between a good classifier (float64 EM per class with the true K, not available to the
 *       learner) and the Bayes rule, point by point; written with provenance to
 *       src/components/figures/mixtures/mixture-classifier/classifier-noise.json.
 *   node scripts/with-node.mjs node scripts/mixtures/measure-classifier.ts figure
 *       The lesson's figure data on the public seed: the reference solution's class regions (a 60×60 grid, WASM),
 *       and per class, in float64 (graders/mixtures/em.ts, best of 3 starts) for K = 1 … 14: BIC on the 2000 training
 *       points, the NLL on 400 of them held out of a fit on the other 1600, and the mixture BIC picks; written with provenance to
 *       src/components/figures/mixtures/mixture-classifier/classifier-figure.json.
 */
import { writeFileSync } from 'node:fs';
import { mixtureClasses, type MixtureClassesParams } from '../../graders/datasets/mixture-classes.ts';
import type { Split } from '../../graders/datasets/types.ts';
import { loadExercise } from '../../graders/exercise-files.ts';
import type { GradeReport } from '../../graders/report.ts';
import { bayesPredict, classLogDensities } from '../../graders/mixtures/bayes.ts';
import { fitEmRestarts } from '../../graders/mixtures/em.ts';
import type { DiagonalGmm } from '../../graders/mixtures/gmm.ts';
import { meanNll } from '../../graders/mixtures/log-density.ts';
import { makeRng } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../src/runtime/run-exercise.ts';
import type { Tfjs } from '../../src/runtime/run-learner.ts';
import { editSource, gradeSeeds, metricValues, parseMeasureArgs, seedRange, stats } from '../measure-lib.ts';

const id = '01-mixtures/05-classifier';
const { values: args, positionals } = parseMeasureArgs({ variant: { type: 'string', default: 'reference' } });
const { meta, solution, starter } = loadExercise(id);
const p = meta.data.params as MixtureClassesParams;

/** The reference solution changed in one place each: the wrong (or merely different) approaches the bounds must judge. */
export const classifierVariants: Record<string, (swap: (find: string, replace: string) => void) => void> = {
  reference: () => {},
  // One Gaussian per class: K selection never runs.
  'K=1': (swap) => swap('k <= 15 && worse < 3', 'k <= 1 && worse < 3'),
  // A fixed, generous K = 10 for every class, kept without comparing BIC.
  'K=10': (swap) => {
    swap('let k = 2; k <= 15 && worse < 3', 'let k = 10; k <= 10');
    swap('if (score < bestBic)', 'if (score === score)');
  },
  // K = 15 for every class: over-fitting.
  'K=15': (swap) => {
    swap('let k = 2; k <= 15 && worse < 3', 'let k = 15; k <= 15');
    swap('if (score < bestBic)', 'if (score === score)');
  },
  // K by the largest training likelihood instead of BIC: always the largest K tried.
  'max-likelihood-K': (swap) => swap('const score = bic(fit, n, d);', 'const score = -fit.meanLogLik;'),
  // Uniform class prior instead of the class counts (identical here: the classes are balanced).
  'uniform-prior': (swap) => swap('Math.log(m / data.n)', 'Math.log(1 / data.classes)'),
  // Hard assignment: the best component's log joint instead of log Σ_k (max instead of logsumexp).
  'max-not-logsumexp': (swap) => swap('tf.logSumExp(joint, 2)', 'tf.max(joint, 2)'),
  // The component weights left out of the score (log π dropped from the constant).
  'no-weights': (swap) => swap('let constant = Math.log(m.weights[c]!);', 'let constant = 0;'),
};

/** The source of a variant (or the starter). */
function variantSource(name: string): string {
  if (name === 'starter') return starter;
  const change = classifierVariants[name];
  if (!change) throw new Error(`unknown variant ${name}: ${['starter', ...Object.keys(classifierVariants)].join(', ')}`);
  const edit = editSource(solution);
  change(edit.swap);
  return edit.source;
}

/** The rows of class c of a split, float64. */
function rowsOf(s: Split, c: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < s.n; i++) if (s.y[i] === c) for (let j = 0; j < s.features; j++) out.push(s.x[i * s.features + j]!);
  return Float64Array.from(out);
}

/** argmax of each row of an n×k score array. */
function argmaxRows(scores: ArrayLike<number>, n: number, k: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (scores[i * k + c]! > scores[i * k + best]!) best = c;
    return best;
  });
}

/**
 * The standard error of accuracy ÷ Bayes accuracy for a classifier whose per-point correctness is `a` against the
 * Bayes rule's `b` on the same points: the paired differences' standard deviation / √n, divided by the Bayes accuracy.
 */
export function ratioStandardError(a: ArrayLike<boolean>, b: ArrayLike<boolean>): number {
  const n = a.length;
  const diffs = Array.from({ length: n }, (_, i) => Number(a[i]) - Number(b[i]));
  const mean = diffs.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(diffs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const bayes = Array.from(b).filter(Boolean).length / n;
  return sd / Math.sqrt(n) / bayes;
}

/** The accuracies of a report's detail line ("yours 74.1 %, Bayes-optimal 76.0 %"): only the ratio is a check. */
const accuracies = (r: GradeReport) => (r.checks[0]?.details?.join(' ') ?? '').replace(/.*yours ([\d.]+ %), Bayes-optimal \(the true mixtures\) ([\d.]+ %).*/, 'accuracy $1  Bayes $2');

/** Grades a variant on the seeds, printing a line per seed and the range; returns the ratios. */
async function gradeVariant(name: string, seeds: number[], tf: Tfjs): Promise<number[]> {
  console.log(`variant ${name}, WASM`);
  const reports = await gradeSeeds({
    meta,
    source: variantSource(name),
    backend: 'wasm',
    tf,
    seeds,
    describe: (r) => {
      const m = metricValues(r);
      const ks = r.logs.filter((l) => l.includes('by BIC')).map((l) => l.replace(/.*K = (\d+).*/, '$1')).join(',');
      return `ratio ${m.accuracyOverBayes!.toFixed(4)}  ${accuracies(r)}  K ${ks}`;
    },
  });
  const ratios = reports.map((r) => metricValues(r).accuracyOverBayes!);
  console.log(`ratio:   ${stats(ratios)}`);
  console.log(`seconds: ${stats(reports.map((r) => r.durationMs / 1000))}`);
  return ratios;
}

if (positionals[0] === 'grade') {
  await gradeVariant(args.variant!, seedRange(args.seeds!), await useNodeBackend('wasm'));
} else if (positionals[0] === 'variants') {
  const tf = await useNodeBackend('wasm');
  const seeds = seedRange(args.seeds!);
  const variants: Record<string, number[]> = {};
  for (const name of [...Object.keys(classifierVariants), 'starter']) variants[name] = (await gradeVariant(name, seeds, tf)).map((v) => Number(v.toFixed(4)));
  const command = `node scripts/with-node.mjs node scripts/mixtures/measure-classifier.ts variants --seeds ${args.seeds}`;
  const out = { provenance: provenance('scripts/mixtures/measure-classifier.ts', command), seeds, variants };
  writeFileSync('src/components/figures/mixtures/mixture-classifier/classifier-variants.json', JSON.stringify(out, null, 1) + '\n');
} else if (positionals[0] === 'noise') {
  const ses: number[] = [], bayesAccs: number[] = [];
  for (const seed of seedRange(args.seeds!)) {
    const { mixtures, train, test } = mixtureClasses(p, seed);
    const em = mixtures.map((g, c) => {
      const x = rowsOf(train, c);
      return fitEmRestarts(x, x.length / 2, 2, g.weights.length, makeRng(c, 'noise'), 3).gmm;
    });
    const bayes = bayesPredict(mixtures, test.x, test.n);
    const good = argmaxRows(classLogDensities(em, test.x, test.n), test.n, test.classes);
    const a = Array.from(good, (c, i) => c === test.y[i]), b = Array.from(bayes, (c, i) => c === test.y[i]);
    const acc = (v: boolean[]) => v.filter(Boolean).length / v.length;
    const se = ratioStandardError(a, b);
    ses.push(se);
    bayesAccs.push(acc(b));
    console.log(`seed ${seed}: Bayes accuracy ${acc(b).toFixed(4)}  true-K EM ratio ${(acc(a) / acc(b)).toFixed(4)}  disagree ${(Array.from(good).filter((c, i) => c !== bayes[i]).length / test.n).toFixed(4)}  SE of the ratio ${se.toFixed(4)}`);
  }
  console.log(`Bayes accuracy: ${stats(bayesAccs)}`);
  console.log(`SE of ratio:    ${stats(ses)}`);
  const command = `node scripts/with-node.mjs node scripts/mixtures/measure-classifier.ts noise --seeds ${args.seeds}`;
  const r4 = (v: number[]) => v.map((x) => Number(x.toFixed(4)));
  const out = { provenance: provenance('scripts/mixtures/measure-classifier.ts', command), seeds: seedRange(args.seeds!), validationPoints: p.classes * p.testPerClass, bayesAccuracy: r4(bayesAccs), ratioStandardError: r4(ses) };
  writeFileSync('src/components/figures/mixtures/mixture-classifier/classifier-noise.json', JSON.stringify(out, null, 1) + '\n');
} else if (positionals[0] === 'figure') {
  const seed = meta.seed, size = 60;
  const tf = await useNodeBackend('wasm');
  const { report, plot } = await runExercise({ meta, source: solution, backend: 'wasm', runner: inThreadRunner(tf), seed, gridSize: size });
  if (report.error || plot?.kind !== 'regions') throw new Error(report.error?.message ?? 'no regions plot');
  const m = metricValues(report);
  const [, yours, bayesAcc] = /yours ([\d.]+) %, Bayes-optimal \(the true mixtures\) ([\d.]+) %/.exec(report.checks[0]?.details?.join(' ') ?? '') ?? [];
  const { mixtures, train } = mixtureClasses(p, seed);
  // BIC and held-out NLL against K per class, in float64 (graders/mixtures/em.ts, best of 3 starts): 1600 points of
  // the class fit the mixture, the other 400 score it for the held-out curve; BIC uses all 2000.
  const maxK = 14;
  const curves = mixtures.map((g, c) => {
    const x = rowsOf(train, c), n = x.length / 2, nFit = Math.round(0.8 * n);
    const bic: number[] = [], heldOut: number[] = [];
    const fits: DiagonalGmm[] = [];
    for (let k = 1; k <= maxK; k++) {
      const all = fitEmRestarts(x, n, 2, k, makeRng(seed, `bic/${c}/${k}`), 3);
      const part = fitEmRestarts(x.subarray(0, 2 * nFit), nFit, 2, k, makeRng(seed, `held/${c}/${k}`), 3);
      const p = k * 4 + (k - 1);
      bic.push(Number((2 * n * all.nll[all.nll.length - 1]! + p * Math.log(n)).toFixed(1)));
      heldOut.push(Number(meanNll(part.gmm, x.subarray(2 * nFit), n - nFit).toFixed(4)));
      fits.push(all.gmm);
    }
    const kByBic = bic.indexOf(Math.min(...bic)) + 1, kByHeldOut = heldOut.indexOf(Math.min(...heldOut)) + 1;
    console.log(`class ${c}: true K ${g.weights.length}, K by BIC ${kByBic}, by held-out NLL ${kByHeldOut}`);
    const r4 = (a: number[]) => a.map((v) => Number(v.toFixed(4)));
    const chosen = fits[kByBic - 1]!;
    const mixture = { weights: r4(chosen.weights), means: chosen.means.map(r4), stds: chosen.stds.map(r4) };
    return { trueK: g.weights.length, kByBic, kByHeldOut, bic, heldOut, mixture };
  });
  const kChosen = report.logs.filter((l) => l.includes('by BIC')).map((l) => Number(l.replace(/.*K = (\d+).*/, '$1')));
  const round = (v: number) => Number(v.toFixed(4));
  const out = {
    provenance: provenance('scripts/mixtures/measure-classifier.ts', 'node scripts/with-node.mjs node scripts/mixtures/measure-classifier.ts figure'),
    seed,
    size,
    box: Object.fromEntries(Object.entries(plot.box).map(([k, v]) => [k, round(v)])),
    grid: Array.from(plot.gridClasses).join(''),
    accuracyOverBayes: round(m.accuracyOverBayes!),
    testAccuracyPercent: Number(yours),
    bayesAccuracyPercent: Number(bayesAcc),
    kChosen,
    maxK,
    curves,
  };
  writeFileSync('src/components/figures/mixtures/mixture-classifier/classifier-figure.json', JSON.stringify(out, null, 1) + '\n');
  console.log(`ratio ${m.accuracyOverBayes}, K chosen ${kChosen.join(',')}`);
} else {
  console.error('usage: measure-classifier.ts grade [--variant NAME] [--seeds a-b] | variants [--seeds a-b] | noise [--seeds a-b] | figure');
  process.exit(2);
}
