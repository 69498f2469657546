/**
 * "Kernel PCA": the entry gets drawn digit images and k, and returns their RBF kernel PCA embedding (n×k, γ = 1 /
 * features, scikit-learn's default). The grader computes the same in float64 (graders/autoencoders/
 * kernel-pca-reference.ts: the kernel, centred, its top eigenpairs by subspace iteration with Rayleigh–Ritz) and
 * compares two things. The column spaces, by their largest principal angle: blind to each column's sign and to
 * rotations inside (nearly) equal eigenvalues. And the scale, which angles cannot see: column c of the embedding
 * has norm √λ_c (unit eigenvector times √λ), so the sorted column norms are compared with the sorted √λ. The scale
 * is what makes the coordinates comparable across components (and with new points' projections), so a column of
 * unit norm, or of norm λ, is a wrong embedding even in the right subspace.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { kernelPcaReference, type KernelPcaEmbedding } from '../../autoencoders/kernel-pca-reference.ts';
import { columnsOf, largestPrincipalAngleDeg } from '../../autoencoders/principal-angles.ts';
import type { KernelPcaInput } from '../../autoencoders/learner-types.ts';
import { drawDigits, loadedImageSet, type DigitDraw } from '../../datasets/digits.ts';
import type { ProblemDef } from '../../problem.ts';

export type { KernelPcaInput } from '../../autoencoders/learner-types.ts';

export const kernelPcaParams = z
  .object({
    n: z.number().int().min(10).max(1797).describe('Digits drawn: the kernel matrix is n×n.'),
    k: z.number().int().min(1).max(32).describe('Embedding dimensions asked for.'),
  })
  .strict();
type KernelPcaParams = z.infer<typeof kernelPcaParams>;

interface Hidden {
  draw: DigitDraw;
  reference: KernelPcaEmbedding;
}

/** The RBF kernel's γ for images of `features` pixels: scikit-learn's default, 1 / n_features. */
export const defaultGamma = (features: number) => 1 / features;

const metricsDoc = {
  maxAngleDeg: 'the largest principal angle (degrees) between the column space of your n×k embedding and the float64 reference\'s: 0 when they span the same subspace of R^n, 90 when they do not (or your columns are dependent)',
  scaleError: 'worst over the k columns (both sides sorted by size) of |‖your column‖ − √λ| / √λ, λ the reference\'s eigenvalues of the centred kernel: the embedding is each unit eigenvector times √λ',
};

/** The k column norms of a row-major n×k array, largest first. */
export function sortedColumnNorms(values: ArrayLike<number>, n: number, k: number): number[] {
  const norms = new Array<number>(k).fill(0);
  for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) norms[c]! += values[r * k + c]! ** 2;
  return norms.map(Math.sqrt).sort((a, b) => b - a);
}

export const kernelPcaProblem: ProblemDef<KernelPcaParams, Hidden> = {
  task: 'kernel-pca',
  datasets: ['digits-8x8'],
  doc: {
    summary: 'Drawn 8×8 digit images (pixels in [0, 1]) and k: their RBF kernel PCA embedding (γ = 1 / features), graded against a float64 reference by principal angles between column spaces and by the columns\' scale √λ.',
    entry: '`kernelPca(input: KernelPcaInput, ctx)` gets `{ x, n, features, rows, cols, k }` and returns the n×k embedding (a tensor or array); the runtime reads it',
    metrics: metricsDoc,
  },
  params: kernelPcaParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const [draw] = drawDigits(loadedImageSet('digits-8x8'), [p.n], seed, 'kernel-pca');
    const d = draw!;
    const arg: KernelPcaInput = { x: d.x, n: d.n, features: d.features, rows: d.rows, cols: d.cols, k: p.k };
    return {
      calls: [{ arg, label: `${d.n} digits, k = ${p.k}`, evals: [{ key: 'embedding', kind: 'array', shape: [d.n, p.k], label: 'the embedding' }] }],
      hidden: { draw: d, reference: kernelPcaReference(d.x, d.n, d.features, p.k, defaultGamma(d.features)) },
    };
  },
  score(p, h, [out]) {
    const mine = out!.embedding!;
    const { n } = h.draw;
    const maxAngleDeg = largestPrincipalAngleDeg(columnsOf(mine, n, p.k), columnsOf(h.reference.embedding, n, p.k));
    const norms = sortedColumnNorms(mine, n, p.k);
    const roots = Array.from(h.reference.eigenvalues, (v) => Math.sqrt(v));
    let scaleError = 0, at = 0;
    roots.forEach((r, c) => {
      const e = Math.abs(norms[c]! - r) / r;
      if (Number.isNaN(e) || e > scaleError) [scaleError, at] = [e, c];
    });
    const list = (a: ArrayLike<number>) => Array.from(a, (v) => fmt(v)).join(', ');
    return {
      metrics: { maxAngleDeg, scaleError },
      details: {
        maxAngleDeg: [`Largest principal angle ${fmt(maxAngleDeg)}° between your embedding's column space and the reference's.`],
        scaleError: [
          `Your column norms, largest first: ${list(norms)}; the reference's √λ: ${list(roots)} (λ = ${list(h.reference.eigenvalues)}); worst relative error ${fmt(scaleError)} at the ${at + 1}. largest.`,
        ],
      },
    };
  },
  plot(p, h, [out]) {
    const mine = out?.embedding;
    if (!mine || p.k < 2) return undefined;
    const { n } = h.draw;
    const points = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) [points[2 * i], points[2 * i + 1]] = [mine[i * p.k]!, mine[i * p.k + 1]!];
    return { kind: 'embedding', points, labels: h.draw.labels, xLabel: 'kernel component 1', yLabel: 'kernel component 2' };
  },
};
