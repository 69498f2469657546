/**
 * "The MDN loss": the entry gets a mixture density network's output (π, μ, σ per input) and a target per input and
 * returns each input's negative log-likelihood −log Σ_k π_k N(y | μ_k, σ_k). The grader computes the same numbers in
 * float64 (graders/mdn/conditional-mixture.ts) on hidden rows of four kinds: ordinary rows, rows whose every σ is
 * 1e-4 … 1e-6 (a collapsed MDN), rows whose y is 30–60 σ from every μ, and rows whose nearest component has a weight
 * of 1e-30 … 1e-20. On the last three, exp → sum → log gives Infinity (the density underflows float32) while the
 * true NLL is an ordinary number: only a log-domain computation (logsumexp over log π + log N) passes.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { HALF_LOG_2PI, mixtureLogDensity, type ConditionalMixture } from '../../mdn/conditional-mixture.ts';
import type { MdnNllInput } from '../../mdn/learner-types.ts';
import { drawCategorical } from '../../mixtures/sample.ts';
import { makeRng, type Rng } from '../../rng.ts';
import { float64Reference } from '../float64-reference.ts';
import { LOG_F32_TINIEST } from '../mixtures/gmm-log-density.ts';

export const mdnNllParams = z
  .object({
    components: z
      .array(z.number().int().min(1).max(16))
      .min(1)
      .describe('One call per entry: the number of components k of that call\'s mixtures (every row of a call has k).'),
    ordinary: z.number().int().min(0).describe('Rows per call like a trained MDN\'s: μ in [−10, 10], σ 0.3 … 3, weights from a softmax of N(0, 1) logits, y drawn from the row\'s own mixture.'),
    tinySigma: z.number().int().min(0).describe('Rows per call whose every σ is 1e-6 … 1e-4 (log-uniform), y 0–20 σ from one of the means: a collapsed MDN, where 1/σ is large and the density above 1.'),
    far: z.number().int().min(0).describe('Rows per call whose y is 30–60 σ from every μ (ordinary σ): a log-density of −450 to −1800, far below float32\'s smallest number.'),
    tinyPi: z.number().int().min(0).describe('Rows per call whose y lies 11–14 σ from a component of weight 1e-30 … 1e-20 and 40–60 σ from every other: weight times density underflows float32 though neither alone does.'),
  })
  .strict()
  .refine((p) => p.ordinary + p.tinySigma + p.far + p.tinyPi > 0, 'a call needs at least one row')
  // A tiny-weight row needs another component to carry the rest of the weight.
  .refine((p) => p.tinyPi === 0 || p.components.every((k) => k >= 2), 'tinyPi rows need at least 2 components per call');
type MdnNllParams = z.infer<typeof mdnNllParams>;

/** What the learner's entry receives (declared with the other learner types, which the editor shows). */
export type { MdnNllInput } from '../../mdn/learner-types.ts';

/** The kinds of hidden row, in the order the counts are given. */
export const rowKinds = ['ordinary', 'tinySigma', 'far', 'tinyPi'] as const;
export type RowKind = (typeof rowKinds)[number];

/** One call's mixtures (float32-exact values in float64 arrays) and the kind of each row. */
export interface NllCase {
  input: MdnNllInput;
  mixture: ConditionalMixture;
  y: Float64Array;
  kinds: RowKind[];
}

interface Hidden {
  cases: NllCase[];
}

/**
 * The hidden rows' ranges, which the parameter docs and the lesson quote: log10 of the tiny σ, distances (in σ) of a
 * far y from every mean, log10 of the tiny weight, and a tiny-weight row's distances from its own component and from
 * the others.
 */
export const rowRanges = {
  tinySigmaLog10: [-6, -4],
  tinySigmaDistance: [0, 20],
  farDistance: [30, 60],
  tinyPiLog10: [-30, -20],
  tinyPiDistance: [11, 14],
  tinyPiOthersDistance: [40, 60],
} as const;

/** Relative errors are taken against max(|NLL|, 1): an NLL near 0 (a density near 1) would make a relative error blow up, so it is absolute there. */
export const nllErrorFloor = 1;

const f32 = Math.fround;
const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng.uniform();

/** Softmax of N(0, 1) logits, as a trained MDN's π head gives: positive, summing to 1, uneven. */
function softmaxWeights(rng: Rng, k: number): number[] {
  const e = Array.from({ length: k }, () => Math.exp(rng.normal()));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** One row of the given kind: π, μ, σ (k each) and y, before rounding to float32. */
function makeRow(kind: RowKind, k: number, rng: Rng): { pi: number[]; mu: number[]; sigma: number[]; y: number } {
  let pi = softmaxWeights(rng, k);
  const mu = Array.from({ length: k }, () => uniform(rng, -10, 10));
  let sigma = Array.from({ length: k }, () => Math.exp(uniform(rng, Math.log(0.3), Math.log(3))));
  const c = rng.int(k);
  const side = rng.uniform() < 0.5 ? -1 : 1;
  let y: number;
  switch (kind) {
    case 'ordinary': {
      // The row's own mixture: pick a component by π, then draw from it.
      const pick = drawCategorical(pi, rng);
      y = mu[pick]! + sigma[pick]! * rng.normal();
      break;
    }
    case 'tinySigma':
      sigma = sigma.map(() => 10 ** uniform(rng, ...rowRanges.tinySigmaLog10));
      y = mu[c]! + side * uniform(rng, ...rowRanges.tinySigmaDistance) * sigma[c]!;
      break;
    case 'far': {
      // Past every component's mean + D σ on one side: then |y − μ_j| ≥ D σ_j for every j, with equality for one.
      const d = uniform(rng, ...rowRanges.farDistance);
      const ends = mu.map((m, j) => m + side * d * sigma[j]!);
      y = side > 0 ? Math.max(...ends) : Math.min(...ends);
      break;
    }
    case 'tinyPi': {
      // Component c gets the tiny weight and y sits 11–14 σ_c from it (e^−60 … e^−98 times 1e-20 … 1e-30 is below float32's e^−103.3); every other mean moves 40–60 of its σ away from y.
      const tiny = 10 ** uniform(rng, ...rowRanges.tinyPiLog10);
      pi = pi.map((p, j) => (j === c ? tiny : (p * (1 - tiny)) / (1 - pi[c]!)));
      y = mu[c]! + side * uniform(rng, ...rowRanges.tinyPiDistance) * sigma[c]!;
      for (let j = 0; j < k; j++) if (j !== c) mu[j] = y + (rng.uniform() < 0.5 ? -1 : 1) * uniform(rng, ...rowRanges.tinyPiOthersDistance) * sigma[j]!;
      break;
    }
  }
  return { pi, mu, sigma, y };
}

/** n = Σ counts rows of k components, the kinds shuffled so a row's position says nothing of its kind. */
export function makeNllCase(p: MdnNllParams, k: number, rng: Rng): NllCase {
  const kinds: RowKind[] = rowKinds.flatMap((kind) => Array<RowKind>(p[kind]).fill(kind));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  const n = kinds.length;
  // Rounded to float32 here, so the learner's tfjs and the float64 reference see the very same numbers.
  const rows = kinds.map((kind) => makeRow(kind, k, rng));
  const input: MdnNllInput = {
    pi: rows.map((r) => r.pi.map(f32)),
    mu: rows.map((r) => r.mu.map(f32)),
    sigma: rows.map((r) => r.sigma.map(f32)),
    y: rows.map((r) => f32(r.y)),
    n,
    k,
  };
  const mixture: ConditionalMixture = { n, k, pi: Float64Array.from(input.pi.flat()), mu: Float64Array.from(input.mu.flat()), sigma: Float64Array.from(input.sigma.flat()) };
  return { input, mixture, y: Float64Array.from(input.y), kinds };
}

/** A small number as a message shows it: 2.2e-6 rather than fmt's 0.00000217. */
const small = (v: number) => (Math.abs(v) < 1e-3 ? v.toExponential(1) : fmt(v));

/** How a row's kind reads in a message. */
function rowText(c: NllCase, i: number): string {
  const { k } = c.mixture;
  const at = (a: Float64Array) => Array.from(a.subarray(i * k, (i + 1) * k));
  const sigma = at(c.mixture.sigma), mu = at(c.mixture.mu), pi = at(c.mixture.pi);
  const nearest = Math.min(...mu.map((m, j) => Math.abs(c.y[i]! - m) / sigma[j]!));
  switch (c.kinds[i]!) {
    case 'ordinary':
      return 'an ordinary row';
    case 'tinySigma':
      return `a row whose σ are all ${small(Math.min(...sigma))} … ${small(Math.max(...sigma))}`;
    case 'far':
      return `a row whose y is ${fmt(nearest)} σ from every μ`;
    case 'tinyPi':
      return `a row whose nearest component has weight ${small(Math.min(...pi))}`;
  }
}

export const mdnNllProblem = float64Reference({
  task: 'mdn-nll',
  doc: {
    summary: 'Mixture density network outputs (π, μ, σ per input) and targets, among them σ of 1e-6, targets 60 σ from every mean and weights of 1e-30: the NLL of each input.',
    entry: '`mdnNll(input: MdnNllInput)` gets `{ pi, mu, sigma, y, n, k }` (n×k arrays and n targets) and returns n numbers −log p(y_i | x_i), once per call; the runtime reads the array',
    metrics: {
      maxRelativeError: `worst over calls and rows of |yours − float64 NLL| / max(|NLL|, ${nllErrorFloor}) (graders/mdn/conditional-mixture.ts); Infinity for a non-finite answer`,
    },
  },
  params: mdnNllParams,
  make(p: MdnNllParams, seed) {
    const rng = makeRng(seed, 'mdn-nll');
    const cases = p.components.map((k) => makeNllCase(p, k, rng));
    return {
      calls: cases.map((c) => ({
        arg: c.input,
        label: `the ${c.input.n} rows of ${c.input.k} components`,
        // Infinity is an answer to grade, not a broken run: exp → sum → log gives it where the density underflows,
        // and only compare() below knows which rows those are and can say why.
        evals: [{ key: 'nll', kind: 'array', shape: [c.input.n], label: 'the per-row NLL', allowNonFinite: true }],
      })),
      hidden: { cases } satisfies Hidden,
    };
  },
  references: (_p, { cases }: Hidden) => cases.map((c) => ({ c, nll: mixtureLogDensity(c.mixture, c.y).map((v) => -v) })),
  compare(_p, { c, nll }, out) {
    const mine = out.nll!;
    const what = `${c.mixture.k} components`;
    const broken = nonFiniteLine(c, mine, nll);
    if (broken) return { error: broken.nan ? NaN : Infinity, line: `${what}: ${broken.line}` };
    let error = 0, at = 0;
    for (let i = 0; i < nll.length; i++) {
      const e = Math.abs(mine[i]! - nll[i]!) / Math.max(Math.abs(nll[i]!), nllErrorFloor);
      if (e > error) [error, at] = [e, i];
    }
    return { error, line: `${what}: largest relative error ${fmt(error)} at row ${at}, ${rowText(c, at)} (yours ${fmt(mine[at]!)}, expected ${fmt(nll[at]!)})` };
  },
});

/**
 * Whether exp → sum → log must give 0 for row i in float32: every component's term has a factor below float32's
 * smallest number, either exp(−½ z²) itself (which the original formula computes first, before dividing by σ: a
 * tiny σ cannot rescue it) or the whole product π · N.
 */
export function naiveUnderflows(c: NllCase, i: number): boolean {
  const { k, pi, mu, sigma } = c.mixture;
  for (let j = i * k; j < (i + 1) * k; j++) {
    const z = (c.y[i]! - mu[j]!) / sigma[j]!;
    const logTerm = Math.log(pi[j]!) - Math.log(sigma[j]!) - HALF_LOG_2PI - 0.5 * z * z;
    if (!(-0.5 * z * z < LOG_F32_TINIEST || logTerm < LOG_F32_TINIEST)) return false;
  }
  return true;
}

/**
 * The line for answers that are not finite somewhere (the true NLL always is), or undefined. When every such row
 * is one where exp → sum → log must underflow, that is what the learner wrote, and the line says so.
 */
function nonFiniteLine(c: NllCase, mine: Float32Array, nll: Float64Array): { line: string; nan: boolean } | undefined {
  const at: number[] = [];
  for (let i = 0; i < mine.length; i++) if (!Number.isFinite(mine[i])) at.push(i);
  if (!at.length) return undefined;
  const first = at[0]!;
  const nan = at.some((i) => Number.isNaN(mine[i]));
  const rows = `${at.length} of ${mine.length} rows are not finite (row ${first} is ${mine[first]}, ${rowText(c, first)}, where the NLL is ${fmt(nll[first]!)})`;
  const underflow = at.filter((i) => naiveUnderflows(c, i)).length;
  if (underflow === at.length)
    return {
      nan,
      line: `${rows}. At every one, each component's exp(−½ z²) or π·N is below e^${fmt(LOG_F32_TINIEST)}, float32's smallest number: exp underflowed to 0 before the log, and −log 0 is Infinity. Stay in the log domain: tf.logSumExp over log π + log N.`,
    };
  return { nan, line: `${rows}. ${at.length - underflow} of them are rows where nothing underflows: something takes log 0, divides by 0 or multiplies 0 by Infinity even there.` };
}
