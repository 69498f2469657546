/**
 * Every number "The mixture density network" lesson quotes, computed here (no number is typed into the page) from:
 * the NLL convention (graders/mdn/conditional-mixture.ts), float32's limits, our float32 tfjs measurement of where
 * the original loss breaks (naive-underflow.json, written by scripts/mdn/naive-underflow.ts), the exercise's hidden
 * rows (graders/problems/mdn/mdn-nll.ts), and the original post's re-run (reference/results/exp6_mdn.json). The page
 * and its test (tests/unit/lessons/the-mdn.test.ts) read the same values. No tfjs, no DOM.
 */
import original from '../../../../../reference/results/exp6_mdn.json';
import { HALF_LOG_2PI } from '../../../../../graders/mdn/conditional-mixture.ts';
import { rowRanges } from '../../../../../graders/problems/mdn/mdn-nll.ts';
import { LOG_F32_TINIEST } from '../../../../../graders/problems/mixtures/gmm-log-density.ts';
import underflow from './naive-underflow.json';

/** A number as the page prints it: a typographic minus. */
const text = (v: number | string) => String(v).replace('-', '−');
const fixed = (v: number, digits: number) => text(v.toFixed(digits));

/** 1.9 × 10⁻⁶: a small number in running text, with a superscript exponent (text, so it can sit outside KaTeX). */
export function scientific(v: number): string {
  const [mantissa, exponent] = v.toExponential(1).split('e');
  const sup = (d: string) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!;
  return `${mantissa} × 10${String(Number(exponent)).replace('-', '⁻').replace(/\d/g, sup)}`;
}

/** The measured row for one (π, σ) setting of naive-underflow.json. */
export function underflowRow(pi: number, sigma: number) {
  const row = underflow.rows.find((r) => r.pi === pi && r.sigma === sigma);
  if (!row) throw new Error(`naive-underflow.json has no row for π = ${pi}, σ = ${sigma}`);
  return row;
}

const unit = underflowRow(1, 1), tinySigma = underflowRow(1, 1e-6), tinyPi = underflowRow(1e-10, 1);
const runs = original.runs;
const naiveVsStable = Math.max(...runs.map((r) => Math.abs(r.mdn_naive_heldout_nll - r.mdn_stable_heldout_nll)));

export const theMdnNumbers = {
  /** ½ log 2π, the constant in every Gaussian log-density. */
  halfLog2Pi: HALF_LOG_2PI.toFixed(3),
  /** A standard normal's expected NLL, ½ log 2π + ½. */
  standardNormalNll: (HALF_LOG_2PI + 0.5).toFixed(3),
  /** log of float32's smallest positive number, 2^−149. */
  logF32Tiniest: fixed(LOG_F32_TINIEST, 1),
  /** The scan's step, in standard deviations. */
  scanStep: String(underflow.step),
  /** Measured: the first distance (in σ, step 0.01) at which the original's loss is Infinity, π = 1, σ = 1. */
  naiveInfiniteZ: unit.firstInfiniteZ!.toFixed(2),
  /** The true NLL there. */
  naiveTrueNll: unit.trueNllThere!.toFixed(1),
  /** The same with σ = 1e-6: the same distance, since exp(−½ z²) is computed before dividing by σ. */
  tinySigmaInfiniteZ: tinySigma.firstInfiniteZ!.toFixed(2),
  /** The true NLL there: lower, by log 1e6 = 13.8. */
  tinySigmaTrueNll: tinySigma.trueNllThere!.toFixed(1),
  /** With π = 1e-10 (σ = 1): the weight brings the cliff closer. */
  tinyPiInfiniteZ: tinyPi.firstInfiniteZ!.toFixed(2),
  /** The log-domain form's worst relative error over every measured scan. */
  stableWorstError: scientific(Math.max(...underflow.rows.map((r) => r.stableMaxRelativeError))),
  /** The original's MDN: hidden tanh units and components. */
  originalHidden: String(original.config.n_hidden),
  originalComponents: String(original.config.n_gaussians),
  /** The original re-run: seeds and epochs over which its naive loss never became Infinity or NaN. */
  originalSeeds: String(runs.length),
  originalEpochs: String(original.config.mdn_epochs),
  /** Largest held-out NLL difference between the naive and the stable run of a seed (nats). */
  originalNaiveVsStable: naiveVsStable.toFixed(3),
  /** The stable run's held-out NLL range (nats per point, ½ log 2π included). */
  originalHeldoutMin: original.summary.mdn_stable_heldout_nll.min.toFixed(2),
  originalHeldoutMax: original.summary.mdn_stable_heldout_nll.max.toFixed(2),
  /** The exercise's hidden rows. */
  tinySigmaSmallest: `10^${text(rowRanges.tinySigmaLog10[0])}`,
  farMin: String(rowRanges.farDistance[0]),
  farMax: String(rowRanges.farDistance[1]),
  tinyPiSmallest: `10^${text(rowRanges.tinyPiLog10[0])}`,
};

/** Whether the original's naive loss stayed finite in every run, epoch and evaluation (the re-run's flags). */
export const originalNaiveAlwaysFinite = runs.every(
  (r) =>
    r.mdn_naive_first_nonfinite_loss_epoch === null &&
    r.mdn_naive_first_nonfinite_grad_epoch === null &&
    r.mdn_naive_naive_formula_final_train_loss_finite === 1 &&
    r.mdn_naive_naive_formula_heldout_finite === 1 &&
    r.mdn_naive_params_finite === 1,
);
