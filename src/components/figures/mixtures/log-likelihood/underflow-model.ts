/**
 * The maths of the "where the naive log-density underflows" figure. Two parts: reading the measured line
 * (underflow-line.json, written by scripts/mixtures/log-likelihood-line.ts with real float32 tfjs on WASM), and the
 * step-by-step arithmetic at one point that the slider picks, in float32 (each step rounded with Math.fround, as
 * a float32 tensor stores it) and in float64. Pure: no DOM, no tfjs; the build and the browser share it.
 */
import type { DiagonalGmm } from '../../../../../graders/mixtures/gmm.ts';
import { componentLogJoint, gmmLogDensity } from '../../../../../graders/mixtures/log-density.ts';
import type { Provenance } from '../../kit/provenance.ts';

/** underflow-line.json as stored: −Infinity is null (JSON has no infinities). */
export interface StoredLine {
  provenance: Provenance;
  backend: string;
  mixture: DiagonalGmm;
  direction: string;
  distances: number[];
  float64: (number | null)[];
  stableFloat32: (number | null)[];
  naiveFloat32: (number | null)[];
  naiveFloat64: (number | null)[];
  underflow: {
    naiveFloat32: { distance: number | null; logp: number | null };
    naiveFloat64: { distance: number | null; logp: number | null };
    stableFloat32: number | null;
  };
  worstStableRelativeError: number;
  limits: { float32Subnormal: number; float32Normal: number; float64Subnormal: number };
  peak: { logp: number; density: number };
  example: { terms: number[]; naive: number | null; stable: number; max: number };
}

/** The four computations the figure compares, in the order the chart and the table show them. */
export const methods = ['float64', 'stableFloat32', 'naiveFloat32', 'naiveFloat64'] as const;
export type Method = (typeof methods)[number];

/** The measured line with −Infinity restored. */
export interface Line {
  distances: number[];
  values: Record<Method, number[]>;
}

const restore = (values: (number | null)[]) => values.map((v) => (v === null ? -Infinity : v));

/** Reads the stored line back: every null is the −Infinity the script measured. */
export function decodeLine(stored: StoredLine): Line {
  return {
    distances: stored.distances,
    values: { float64: restore(stored.float64), stableFloat32: restore(stored.stableFloat32), naiveFloat32: restore(stored.naiveFloat32), naiveFloat64: restore(stored.naiveFloat64) },
  };
}

/** The point `t` standard deviations of B (the second component) from B's mean along (1, 1)/√2: the figure's line. */
export function pointAt(g: DiagonalGmm, t: number): [number, number] {
  const step = t * g.stds[1]![0]! * Math.SQRT1_2;
  return [g.means[1]![0]! + step, g.means[1]![1]! + step];
}

/** Every intermediate number of both ways to combine the components at one point, in one precision. */
export interface Combination {
  /** exp of each component's term: 0 once it underflows. */
  exps: number[];
  /** Their sum and its log: the naive log p. */
  naiveSum: number;
  naive: number;
  /** The largest term m, exp(a_k − m) of each term (the largest is exactly 1), their sum, and m + log of it. */
  max: number;
  shiftedExps: number[];
  shiftedSum: number;
  stable: number;
}

/** Both combinations of the terms `a`, each operation rounded by `round` (Math.fround for float32, identity for float64). */
export function combine(a: number[], round: (v: number) => number): Combination {
  const exps = a.map((v) => round(Math.exp(v)));
  const naiveSum = round(exps.reduce((s, v) => round(s + v), 0));
  const max = Math.max(...a);
  const shiftedExps = a.map((v) => round(Math.exp(round(v - max))));
  const shiftedSum = round(shiftedExps.reduce((s, v) => round(s + v), 0));
  return { exps, naiveSum, naive: round(Math.log(naiveSum)), max, shiftedExps, shiftedSum, stable: round(max + round(Math.log(shiftedSum))) };
}

/** What the slider shows at distance `t`: the component terms log π_k + log N(x | μ_k, σ_k) and both combinations in both precisions. */
export interface PointSteps {
  t: number;
  x: [number, number];
  /** log π_k + log N(x | μ_k, σ_k), float64 and rounded to float32. */
  terms: number[];
  terms32: number[];
  float32: Combination;
  float64: Combination;
  /** The float64 log-domain truth (graders/mixtures/log-density.ts). */
  exact: number;
}

/** Every step at distance `t` on the figure's line. */
export function stepsAt(g: DiagonalGmm, t: number): PointSteps {
  const x = pointAt(g, t);
  const terms = Array.from(componentLogJoint(g, x, 1));
  const terms32 = terms.map(Math.fround);
  return { t, x, terms, terms32, float32: combine(terms32, Math.fround), float64: combine(terms, (v) => v), exact: gmmLogDensity(g, x, 1)[0]! };
}
