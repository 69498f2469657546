/**
 * "PCA by iteration": the entry gets drawn digit images and k, and returns the top k principal components and the
 * share of the total variance each explains. The grader computes the same in float64 (graders/autoencoders/
 * pca-reference.ts) and compares subspaces by their largest principal angle (graders/autoencoders/principal-angles.ts:
 * blind to each component's sign and to rotations inside (nearly) equal eigenvalues, which the learner cannot control).
 * The ratios are compared with the share of the total variance along the learner's OWN components (their float64
 * Rayleigh quotients over the trace), not with the sorted eigenvalue shares: inside a near-tie (λ2/λ1 = 0.98 on one
 * public draw, closer on some secrets) two rows stay mixed for hundreds of sweeps while their span is long converged,
 * and each mixed row's true variance differs from either eigenvalue by (λ_i − λ_j) sin²θ. Graded this way, the
 * ratios check what they should (the trace as denominator, centring, the Rayleigh quotient) and the angle checks
 * where the rows point.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { columnsFromRows, largestPrincipalAngleDeg } from '../../autoencoders/principal-angles.ts';
import { explainedVarianceRatio, pcaReference, type PcaReference } from '../../autoencoders/pca-reference.ts';
import type { PcaInput } from '../../autoencoders/learner-types.ts';
import { drawDigits, loadedImageSet, type DigitDraw } from '../../datasets/digits.ts';
import type { EmbeddingPlot, ProblemDef } from '../../problem.ts';

export type { PcaInput, PcaResult } from '../../autoencoders/learner-types.ts';

export const pcaParams = z
  .object({
    calls: z
      .array(
        z.object({
          n: z.number().int().min(10).max(1797).describe('Digits drawn for this call (disjoint from every other call\'s).'),
          k: z.number().int().min(1).max(64).describe('Components asked for.'),
        }).strict(),
      )
      .min(1)
      .describe('One call per entry: its own draw of digits and its own k, so a solution that hard-codes k or the data fails.'),
  })
  .strict()
  .refine((p) => p.calls.reduce((s, c) => s + c.n, 0) <= 1797, 'the calls draw more digits than the set holds (1797)');
type PcaParams = z.infer<typeof pcaParams>;

interface Hidden {
  draws: DigitDraw[];
  references: PcaReference[];
}

const metricsDoc = {
  maxAngleDeg: 'worst over calls of the largest principal angle (degrees) between the span of your k components and the float64 reference\'s top-k span: 0 when they span the same subspace, 90 when some direction of one is orthogonal to the other (or your components are dependent)',
  ratioError: 'worst over calls and components of |your ratio − reference| / reference, the reference being the variance along your component i (its float64 Rayleigh quotient uᵀCu, u your row made unit) over the total variance, the trace of the covariance (the sum of ALL its eigenvalues)',
};

/** The float64 reference's ratios, top k (eigenvalue shares), for messages and tests. */
export const referenceRatios = (ref: PcaReference, k: number) => explainedVarianceRatio(ref, k);

/**
 * The share of the total variance along each of the learner's k rows (each made unit; d entries per row), in
 * float64: uᵀCu / tr C = Σ_j λ_j (v_j·u)² / Σ_j λ_j. NaN for a row of zeros or non-finite numbers.
 */
export function varianceShares(ref: PcaReference, rows: ArrayLike<number>, k: number, d: number): Float64Array {
  return Float64Array.from({ length: k }, (_, i) => {
    let norm = 0;
    for (let f = 0; f < d; f++) norm += rows[i * d + f]! ** 2;
    if (!(norm > 0) || !Number.isFinite(norm)) return NaN;
    let quad = 0;
    for (let j = 0; j < d; j++) {
      let dot = 0;
      for (let f = 0; f < d; f++) dot += ref.components.get(j, f) * rows[i * d + f]!;
      quad += ref.eigenvalues[j]! * dot * dot;
    }
    return quad / norm / ref.totalVariance;
  });
}

/** The learner's ratios compared with the variance shares along their own components, and a line that says what a typical slip looks like. */
function ratioLine(mine: Float32Array, ref: Float64Array): { error: number; line: string } {
  let error = 0, at = 0;
  for (let i = 0; i < ref.length; i++) {
    // A zero or non-finite component has no variance to compare with: that row cannot be right.
    const e = Number.isNaN(ref[i]!) ? Infinity : Math.abs(mine[i]! - ref[i]!) / ref[i]!;
    if (Number.isNaN(e) || e > error) [error, at] = [e, i];
  }
  const sum = mine.reduce((a, b) => a + b, 0);
  const hint = Math.abs(sum - 1) < 1e-3 && ref.length < 64
    ? ` Your ${mine.length} ratios sum to 1: they are shares of the top-${mine.length} variance, not of the total (the trace of the covariance: the sum of all 64 eigenvalues).`
    : '';
  return { error, line: `largest relative error ${fmt(error)} at component ${at + 1} (yours ${fmt(mine[at]!)}; the share of the total variance along your component ${at + 1} is ${fmt(ref[at]!)}).${hint}` };
}

export const pcaProblem: ProblemDef<PcaParams, Hidden> = {
  task: 'pca',
  datasets: ['digits-8x8'],
  doc: {
    summary: 'Drawn 8×8 digit images (pixels in [0, 1]) and k: the top k principal components and their explained-variance ratios, graded against a float64 eigendecomposition by principal angles.',
    entry: '`pca(input: PcaInput, ctx)` gets `{ x, n, features, rows, cols, k }` and returns `{ components, explainedVarianceRatio }` (k×features and k; tensors or arrays), once per call; the runtime reads both',
    metrics: metricsDoc,
  },
  params: pcaParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const draws = drawDigits(loadedImageSet('digits-8x8'), p.calls.map((c) => c.n), seed, 'pca');
    return {
      calls: draws.map((d, i) => {
        const k = p.calls[i]!.k;
        const arg: PcaInput = { x: d.x, n: d.n, features: d.features, rows: d.rows, cols: d.cols, k };
        return {
          arg,
          label: `${d.n} digits, k = ${k}`,
          evals: [
            { key: 'components', kind: 'array', pick: 'components', shape: [k, d.features], label: 'components' },
            { key: 'ratio', kind: 'array', pick: 'explainedVarianceRatio', shape: [k], label: 'explainedVarianceRatio' },
          ],
        };
      }),
      // The reference is computed here, once, so score and plot share it.
      hidden: { draws, references: draws.map((d) => pcaReference(d.x, d.n, d.features)) },
    };
  },
  score(p, h, outputs) {
    let maxAngleDeg = 0, ratioError = 0;
    const angleLines: string[] = [], ratioLines: string[] = [];
    h.draws.forEach((d, i) => {
      const k = p.calls[i]!.k;
      const out = outputs[i]!;
      const what = `${d.n} digits, k = ${k}`;
      const mine = columnsFromRows(out.components!, k, d.features);
      const ref = columnsFromRows(h.references[i]!.components.to1DArray(), k, d.features);
      const angle = largestPrincipalAngleDeg(mine, ref);
      maxAngleDeg = Math.max(maxAngleDeg, angle);
      angleLines.push(`${what}: largest principal angle ${fmt(angle)}° between your components' span and the reference's.`);
      const r = ratioLine(out.ratio!, varianceShares(h.references[i]!, out.components!, k, d.features));
      ratioError = Number.isNaN(r.error) ? NaN : Math.max(ratioError, r.error);
      ratioLines.push(`${what}: ${r.line}`);
    });
    return { metrics: { maxAngleDeg, ratioError }, details: { maxAngleDeg: angleLines, ratioError: ratioLines } };
  },
  plot: (p, h, outputs) => projectionPlot(h.draws[0]!, outputs[0]?.components, p.calls[0]!.k),
};

/**
 * The first call's digits projected on the learner's first two components (after subtracting the mean), coloured by
 * their hidden labels.
 */
export function projectionPlot(d: DigitDraw, components: Float32Array | undefined, k: number): EmbeddingPlot | undefined {
  if (!components || k < 2) return undefined;
  const mean = new Float64Array(d.features);
  for (let i = 0; i < d.n; i++) for (let j = 0; j < d.features; j++) mean[j]! += d.x[i * d.features + j]! / d.n;
  const points = new Float32Array(2 * d.n);
  for (let i = 0; i < d.n; i++)
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let j = 0; j < d.features; j++) s += (d.x[i * d.features + j]! - mean[j]!) * components[c * d.features + j]!;
      points[2 * i + c] = s;
    }
  return { kind: 'embedding', points, labels: d.labels, xLabel: 'component 1', yLabel: 'component 2' };
}
