/**
 * "Log-likelihood done right": the entry gets a diagonal mixture and points and returns log p(x) for each point.
 * The grader computes the same numbers in float64 (graders/mixtures/log-density.ts) on hidden mixtures and points,
 * among them points 50 standard deviations from every component, where exp-then-log gives −Infinity: only a
 * log-domain computation (logsumexp) passes.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { gmmShape, type DiagonalGmm } from '../../mixtures/gmm.ts';
import { gmmLogDensity } from '../../mixtures/log-density.ts';
import { randomFitMixture } from '../../mixtures/random-mixture.ts';
import { sampleGmm } from '../../mixtures/sample.ts';
import { makeRng, type Rng } from '../../rng.ts';
import type { GmmDensityInput } from '../../mixtures/learner-types.ts';
import { float64Reference } from '../float64-reference.ts';

export const gmmLogDensityParams = z
  .object({
    mixtures: z
      .array(z.object({ components: z.number().int().min(1).max(64), dims: z.number().int().min(1).max(64) }).strict())
      .min(1)
      .describe('The hidden mixtures, one call each: components K and dimensions d (means ~ N(0, I), stds 0.25 … 0.5, random weights).'),
    n: z.number().int().positive().describe('Points per mixture drawn from the mixture itself.'),
    far: z.number().int().min(0).describe('Further points per mixture at least 50 standard deviations (Mahalanobis) from every component, where exp-then-log underflows.'),
  })
  .strict();
type GmmLogDensityParams = z.infer<typeof gmmLogDensityParams>;

/** What the learner's entry receives (declared with the other learner types, which the editor shows). */
export type { GmmDensityInput } from '../../mixtures/learner-types.ts';

interface Hidden {
  inputs: GmmDensityInput[];
  /** Index of the first far point in each call (the far points come last). */
  firstFar: number[];
}

/** Relative errors are taken against max(|log p|, 1): near log p = 0 a relative error would blow up, so it is absolute there. */
export const logDensityErrorFloor = 1;

/** log of float32's smallest positive (subnormal) number, 2^−149: below this exp(v) is 0 in float32. */
export const LOG_F32_TINIEST = -149 * Math.LN2;

/** Distance (in standard deviations) of the far points from every component. */
const FAR_SD = 50;

const f32 = (rows: number[][]) => rows.map((r) => r.map(Math.fround));

/** A point at least FAR_SD standard deviations from every component: out from the means' centre along a random direction. */
function farPoint(g: DiagonalGmm, rng: Rng): number[] {
  const { d } = gmmShape(g);
  const centre = Array.from({ length: d }, (_, j) => g.means.reduce((s, m) => s + m[j]!, 0) / g.means.length);
  const u = Array.from({ length: d }, () => rng.normal());
  const norm = Math.hypot(...u) || 1;
  // ‖x − μ_k‖ ≥ t − ‖μ_k − c‖ and each z_kj ≥ |x_j − μ_kj| / max σ_k, so this t puts x ≥ FAR_SD sd from every component.
  const t = Math.max(...g.means.map((m, k) => Math.hypot(...m.map((v, j) => v - centre[j]!)) + FAR_SD * Math.max(...g.stds[k]!))) * (1 + rng.uniform() * 0.5);
  return centre.map((c, j) => c + (t * u[j]!) / norm);
}

export const gmmLogDensityProblem = float64Reference({
  task: 'gmm-log-density',
  doc: {
    summary: 'Diagonal Gaussian mixtures and points, some 50 standard deviations from every component: the log-density of each point.',
    entry: '`logDensity(input: GmmDensityInput)` gets `{ weights, means, stds, x, n, d }` and returns n numbers log p(x_i), once per mixture; the runtime reads the array',
    metrics: {
      maxRelativeError: `worst over mixtures and points of |yours − float64 log p| / max(|log p|, ${logDensityErrorFloor}) (graders/mixtures/log-density.ts); Infinity for a non-finite answer`,
    },
  },
  params: gmmLogDensityParams,
  make(p: GmmLogDensityParams, seed) {
    const rng = makeRng(seed, 'gmm-log-density');
    const inputs = p.mixtures.map(({ components, dims }) => {
      const raw = randomFitMixture(rng, components, dims);
      // Rounded to float32 here, so the learner's tfjs and the float64 reference see the very same mixture.
      const g: DiagonalGmm = { weights: raw.weights.map(Math.fround), means: f32(raw.means), stds: f32(raw.stds) };
      const n = p.n + p.far;
      const x = new Float32Array(n * dims);
      x.set(sampleGmm(g, p.n, rng).x);
      for (let i = 0; i < p.far; i++) x.set(farPoint(g, rng), (p.n + i) * dims);
      return { ...g, x, n, d: dims };
    });
    return {
      calls: inputs.map((input) => ({
        arg: input,
        label: `the ${input.weights.length}-component mixture in ${input.d}-D`,
        // −Infinity is an answer to grade, not a broken run: exp-then-log gives it at the far points, and only
        // compare() below knows they are far and can say why.
        evals: [{ key: 'logp', kind: 'array', shape: [input.n], label: 'the log-densities', allowNonFinite: true }],
      })),
      hidden: { inputs, firstFar: inputs.map(() => p.n) } satisfies Hidden,
    };
  },
  references: (_p, { inputs, firstFar }: Hidden) => inputs.map((input, c) => ({ input, logp: gmmLogDensity(input, input.x, input.n), firstFar: firstFar[c]! })),
  compare(_p, { input, logp, firstFar }, out) {
    const mine = out.logp!;
    const what = `${input.weights.length} components in ${input.d}-D`;
    const underflow = underflowLine(mine, logp, firstFar);
    if (underflow) return { error: Infinity, line: `${what}: ${underflow}` };
    let error = 0, at = 0;
    for (let i = 0; i < logp.length; i++) {
      const e = Number.isFinite(mine[i]) ? Math.abs(mine[i]! - logp[i]!) / Math.max(Math.abs(logp[i]!), logDensityErrorFloor) : Number.isNaN(mine[i]) ? NaN : Infinity;
      if (Number.isNaN(e) || e > error) [error, at] = [e, i];
      if (Number.isNaN(e)) break;
    }
    const where = at >= firstFar ? `, a point ${FAR_SD} standard deviations from every component` : '';
    return { error, line: `${what}: largest relative error ${fmt(error)} at point ${at}${where} (yours ${fmt(mine[at]!)}, expected ${fmt(logp[at]!)})` };
  },
});

/**
 * The line for answers that are −Infinity somewhere (the true log p is always finite), or undefined. Says how many
 * and whether they are all far points: then it is exp-then-log, whose exp underflowed to 0 (in float32 below
 * LOG_F32_TINIEST), and the line says so with the true values there.
 */
function underflowLine(mine: Float32Array, logp: Float64Array, firstFar: number): string | undefined {
  const at: number[] = [];
  for (let i = 0; i < mine.length; i++) if (mine[i] === -Infinity) at.push(i);
  if (!at.length) return undefined;
  const far = at.filter((i) => i >= firstFar).length;
  const highest = at.reduce((h, i) => Math.max(h, logp[i]!), -Infinity); // no spread: n is not bounded here
  const points = `−Infinity at ${at.length} of ${mine.length} points`;
  if (far === at.length)
    return `${points}, all ${FAR_SD} or more standard deviations from every component, where log p is ${fmt(highest)} or lower: exp underflowed to 0 before the log (float32's smallest positive number is e^${fmt(LOG_F32_TINIEST)}). Stay in the log domain: logsumexp.`;
  return `${points} (first at point ${at[0]}, where log p is ${fmt(logp[at[0]!]!)}), ${at.length - far} of them among the points drawn from the mixture itself: something takes log(0) even where the density is not small.`;
}
