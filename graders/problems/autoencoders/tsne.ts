/**
 * t-SNE on digits (lesson "t-SNE"): the entry gets n of the shipped 8×8 digits (pixels only) and returns their n×2
 * t-SNE map. The grader scores it by trustworthiness with k = 5 neighbours against the original pixels, exactly as
 * scikit-learn defines it (graders/autoencoders/trustworthiness.ts), and shows 2-D PCA's trustworthiness on the same
 * images beside it (not graded: the linear map t-SNE must beat). The plot colours the map by the hidden digits.
 */
import { z } from 'zod';
import { drawDigits, loadedImageSet } from '../../datasets/digits.ts';
import { fmt } from '../../format.ts';
import type { Images } from '../../autoencoders/learner-types.ts';
import { pcaProjection } from '../../autoencoders/pca-reference.ts';
import { trustworthiness } from '../../autoencoders/trustworthiness.ts';
import type { ProblemDef } from '../../problem.ts';

export const tsneParams = z
  .object({
    n: z.number().int().min(50).max(1797).describe('Digits drawn (seeded) from the 1797 shipped 8×8 digits, to be embedded.'),
    neighbours: z.number().int().min(1).max(50).describe('k of the trustworthiness: how many nearest neighbours in the map are checked against the pixels.'),
  })
  .strict()
  // scikit-learn's definition needs k < n / 2 (the normalisation counts the worst possible ranks).
  .refine((p) => p.neighbours < p.n / 2, 'neighbours must be less than n / 2');
type TsneParams = z.infer<typeof tsneParams>;

interface Hidden {
  x: Float32Array;
  labels: Int32Array;
}

const metricsDoc = {
  trustworthiness: "scikit-learn's trustworthiness of the returned n×2 map against the pixels with k = `neighbours` (1 = every map neighbour is a true neighbour)",
  pcaTrustworthiness: 'the same score for the images projected on their top two principal components (float64): the linear map to beat (not graded)',
};

export const tsneProblem: ProblemDef<TsneParams, Hidden> = {
  task: 'tsne',
  datasets: ['digits-8x8'],
  doc: {
    summary: "t-SNE on n seeded 8×8 digits (scikit-learn's), graded by trustworthiness against the pixels; labels stay hidden.",
    entry: '`tsne(images: Images, ctx)` gets `{ x, n, features, rows, cols }` and returns the n×2 map (a tensor, typed array or nested array), read as an array',
    metrics: metricsDoc,
  },
  params: tsneParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const [draw] = drawDigits(loadedImageSet('digits-8x8'), [p.n], seed, 'tsne');
    const arg: Images = { x: draw!.x, n: draw!.n, features: draw!.features, rows: draw!.rows, cols: draw!.cols };
    return {
      calls: [{ arg, evals: [{ key: 'embedding', kind: 'array', shape: [p.n, 2], label: 'the t-SNE map (n×2)' }] }],
      hidden: { x: draw!.x, labels: draw!.labels },
      // The live map is coloured by digit on the page; the learner's code gets pixels only.
      frameLabels: draw!.labels,
    };
  },
  score(p, h, [out]) {
    const trust = trustworthiness(h.x, 64, out!.embedding!, 2, p.neighbours);
    const pcaTrust = trustworthiness(h.x, 64, pcaProjection(h.x, p.n, 64, 2), 2, p.neighbours);
    const line = `Trustworthiness (k = ${p.neighbours}) on these ${p.n} digits: your map ${fmt(trust)}, 2-D PCA ${fmt(pcaTrust)} (scikit-learn's t-SNE reaches about 0.99).`;
    return {
      metrics: { trustworthiness: trust, pcaTrustworthiness: pcaTrust },
      details: { trustworthiness: [line] },
      notes: [{ metric: 'pcaTrustworthiness', label: '2-D PCA trustworthiness (not graded)', value: pcaTrust, message: 'The same score for the best linear map to 2-D: how much of the neighbourhoods a projection keeps without t-SNE.' }],
    };
  },
  plot(p, h, [out]) {
    return { kind: 'embedding', points: Float32Array.from(out!.embedding!), labels: h.labels, xLabel: 't-SNE 1: no units', yLabel: 't-SNE 2: no units' };
  },
};
