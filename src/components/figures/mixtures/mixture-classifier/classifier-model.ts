/**
 * Pure data for the mixture classifier lesson: the measured class regions, per-class mixtures and BIC curves on the
 * exercise's public seed (classifier-figure.json), the graded variants (classifier-variants.json) and the noise of
 * the ratio (classifier-noise.json), all written by scripts/mixtures/measure-classifier.ts, the speed of three ways
 * to compute the class scores (classifier-speed.json, scripts/mixtures/class-scores-speed.ts), plus the original
 * post's re-run (reference/results/exp5_gmm_classifier.json). Every number the lesson quotes is computed here from
 * those files, so the page and its test read the same values. No tfjs, no DOM.
 */
import original from '../../../../../reference/results/exp5_gmm_classifier.json';
import { mixtureClasses, type MixtureClassesParams } from '../../../../../graders/datasets/mixture-classes.ts';
import type { DiagonalGmm } from '../../../../../graders/mixtures/gmm.ts';
import type { GridBox } from '../../../../../graders/problem.ts';
import type { Provenance } from '../../kit/provenance.ts';
import { everyKthPoint } from '../../kit/regions-svg.ts';
import figure from './classifier-figure.json';
import noise from './classifier-noise.json';
import speed from './classifier-speed.json';
import variants from './classifier-variants.json';

/** The exercise's data (exercises/01-mixtures/05-classifier/exercise.yaml; its test checks they agree). */
export const classifierExercise: MixtureClassesParams = { classes: 5, minComponents: 2, maxComponents: 10, dims: 2, trainPerClass: 2000, testPerClass: 1000 };

/** One class's model selection curves, as the script stores them. */
export interface ClassCurves {
  trueK: number;
  kByBic: number;
  kByHeldOut: number;
  /** BIC for K = 1 … maxK (2000 training points). */
  bic: number[];
  /** Held-out NLL (nats per point) for K = 1 … maxK (fit on 1600, scored on 400). */
  heldOut: number[];
  /** The float64 EM mixture BIC picks. */
  mixture: DiagonalGmm;
}

/** classifier-figure.json, decoded. */
export interface ClassifierFigure {
  provenance: Provenance;
  seed: number;
  size: number;
  box: Omit<GridBox, 'size'>;
  /** size×size predicted classes of the reference solution, row 0 at box.y0. */
  gridClasses: Uint8Array;
  accuracyOverBayes: number;
  testAccuracyPercent: number;
  bayesAccuracyPercent: number;
  /** K the reference (tfjs, BIC) chose per class. */
  kChosen: number[];
  maxK: number;
  curves: ClassCurves[];
}

export function classifierFigure(): ClassifierFigure {
  return { ...figure, box: figure.box as ClassifierFigure['box'], gridClasses: Uint8Array.from(figure.grid, Number) };
}

/** Every k-th training point of the public seed's data (what the learner's code sees), for drawing. */
export function trainingPoints(seed: number, k: number): { x: Float32Array; y: Int32Array } {
  return everyKthPoint(mixtureClasses(classifierExercise, seed).train, k);
}

/** min and max of a list. */
const range = (v: number[]) => ({ min: Math.min(...v), max: Math.max(...v) });
/** A share as a percentage with `digits` decimals. */
const pct = (v: number, digits = 0) => `${(100 * v).toFixed(digits)} %`;
const fixed = (v: number, digits: number) => v.toFixed(digits);

/** The graded variants' ratio ranges over seeds. */
export function variantRanges(): Record<string, { min: number; max: number }> {
  return Object.fromEntries(Object.entries(variants.variants).map(([name, ratios]) => [name, range(ratios)]));
}

/**
 * The numbers the lesson quotes, as the strings it prints. `original*` come from the PyTorch re-run of the post,
 * the rest from our scripts.
 */
export function lessonNumbers() {
  const o = original.summary;
  const bayes20 = original.bayes_val_acc_20_data_seeds;
  const v = variantRanges();
  const n = original.config.n_val;
  // The original's validation accuracy standard error, √(p(1 − p)/n) at the mean Bayes accuracy of its 20 seeds.
  const originalSe = Math.sqrt((bayes20.mean * (1 - bayes20.mean)) / n);
  const oursSe = Math.sqrt((bayes20.mean * (1 - bayes20.mean)) / noise.validationPoints);
  const r = (x: { min: number; max: number }, d = 2) => `${fixed(x.min, d)}–${fixed(x.max, d)}`;
  return {
    bayesRange20: `${pct(bayes20.min)} to ${pct(bayes20.max)}`,
    bayesSeeds20: bayes20.values.length,
    bayesMean20: pct(bayes20.mean),
    originalValidation: n,
    originalPerClass: n / original.config.n_classes,
    originalSe: pct(originalSe, 1),
    oursValidation: noise.validationPoints,
    oursSe: pct(oursSe, 1),
    ratioSe: r(range(noise.ratioStandardError), 3),
    bayesOurSeeds: `${pct(range(noise.bayesAccuracy).min)}–${pct(range(noise.bayesAccuracy).max)}`,
    originalGd: `${fixed(o.gd_over_bayes_val.mean, 2)} (${r(o.gd_over_bayes_val)})`,
    originalEm: fixed(o.em_diag_over_bayes_val.mean, 2),
    originalActive: `${o.gd_active_components.mean.toFixed(0)} of ${o.gd_total_components.mean.toFixed(0)}`,
    originalGdSeconds: o.gd_train_time_s.mean.toFixed(0),
    originalEmSeconds: o.em_diag_time_s.mean.toFixed(2),
    reference: r(v.reference!, 3),
    k1: r(v['K=1']!),
    k10: r(v['K=10']!, 3),
    k15: r(v['K=15']!, 3),
    maxLikelihoodK: r(v['max-likelihood-K']!, 3),
    hardMax: r(v['max-not-logsumexp']!, 3),
    noWeights: r(v['no-weights']!, 3),
    starter: r(v.starter!),
    seeds: `${variants.seeds[0]}–${variants.seeds[variants.seeds.length - 1]}`,
    speedPoints: speed.points.toLocaleString('en-US').replace(',', ' '),
    speedComponents: `${speed.classes} classes of ${speed.componentsPerClass} components`,
    speedOneMatmul: `${Math.round(speed.medianMs.oneMatmul)} ms`,
    speedPerClass: `${Math.round(speed.medianMs.perClass)} ms`,
    speedBroadcast: `${Math.round(speed.medianMs.broadcast)} ms`,
  };
}
