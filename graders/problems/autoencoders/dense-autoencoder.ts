/**
 * A dense autoencoder on the 8×8 digits (issue 14, lesson 5): `train(data, ctx)` gets training digits and the
 * bottleneck width, and returns the trained autoencoder (a model mapping n×64 images to n×64 reconstructions). The
 * runtime reconstructs held-out digits it never saw (`predict` evaluation) and the grader scores the mean squared
 * error per pixel, beside what PCA with as many components as the bottleneck has units scores on the same digits
 * (float64, graders/autoencoders/pca-reconstruction.ts): the best any *linear* code of that width can do.
 *
 * The check is two-sided. Above: an under-trained or mis-scaled network. Far below what any model of that
 * bottleneck reaches: a code wider than asked, or a model that saw the held-out digits; the bound comes from the
 * best 16-unit networks measured (scripts/autoencoders/dense-autoencoder-variants.ts) and the message says so.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { meanSquaredError } from '../../metrics.ts';
import { loadedImageSet, drawDigits, type DigitDraw } from '../../datasets/digits.ts';
import { pcaBasis, pcaReconstructionMse } from '../../autoencoders/pca-reconstruction.ts';
import type { DenseAutoencoderInput } from '../../autoencoders/learner-types.ts';
import type { ProblemDef } from '../../problem.ts';

export const denseAutoencoderParams = z
  .object({
    trainN: z.number().int().positive().describe('Digits the learner trains on (drawn from the 1797 without replacement).'),
    testN: z.number().int().positive().describe('Held-out digits, disjoint from the training ones, that the returned model reconstructs.'),
    bottleneck: z.number().int().min(1).max(64).describe('Units the autoencoder\'s code layer must have; PCA with this many components is the baseline shown beside the score.'),
    shown: z.number().int().min(1).max(32).default(16).describe('Held-out digits drawn over their reconstructions in the plot after the run.'),
  })
  .strict();
export type DenseAutoencoderParams = z.infer<typeof denseAutoencoderParams>;

interface Hidden {
  test: DigitDraw;
  /** PCA's held-out MSE with `bottleneck` components fitted on the training digits (float64). */
  pcaMse: number;
}

const metricsDoc = {
  heldoutMse: 'mean squared error per pixel ([0, 1] scale) of the returned model\'s reconstructions of the held-out digits',
  pcaMse: 'the same for PCA with `bottleneck` components fitted on the training digits (float64; informational: the best linear code of that width)',
  mseOverPca: 'heldoutMse ÷ pcaMse: below 1 beats the best linear code of the same width on the same digits (graded: the secret pixel noise moves both alike, so the ratio holds where an absolute bound would not)',
};

export const denseAutoencoderProblem: ProblemDef<DenseAutoencoderParams, Hidden> = {
  task: 'dense-autoencoder',
  datasets: ['digits-8x8'],
  doc: {
    summary: 'scikit-learn\'s 8×8 digits (pixels ÷ 16, keyed noise σ = 0.02 under a secret seed), split into training and held-out digits, to be compressed through a bottleneck of a given width and reconstructed.',
    entry: '`train(data: DenseAutoencoderInput, ctx)` returns the trained autoencoder: a model (or function) mapping images [n, 64] to reconstructions [n, 64]; the runtime reconstructs the held-out digits (`predict` evaluation)',
    metrics: metricsDoc,
  },
  params: denseAutoencoderParams,
  metrics: () => Object.keys(metricsDoc),
  make(p, seed) {
    const [train, test] = drawDigits(loadedImageSet('digits-8x8'), [p.trainN, p.testN], seed, 'dense-autoencoder');
    const arg: DenseAutoencoderInput = { x: train!.x, n: train!.n, features: train!.features, rows: train!.rows, cols: train!.cols, bottleneck: p.bottleneck };
    const pca = pcaBasis(train!.x, train!.n, train!.features, p.bottleneck);
    return {
      calls: [{ arg, evals: [{ key: 'reconstruction', kind: 'predict', x: test!.x, features: test!.features, outputs: test!.features, label: 'model.predict' }] }],
      hidden: { test: test!, pcaMse: pcaReconstructionMse(pca, test!.x, test!.n) },
    };
  },
  score(p, { test, pcaMse }, [out]) {
    const heldoutMse = meanSquaredError(out!.reconstruction!, test.x);
    const line =
      `Reconstruction MSE ${fmt(heldoutMse)} per pixel on ${test.n} held-out digits; PCA with ${p.bottleneck} components, ` +
      `the best linear code of the same width, scores ${fmt(pcaMse)} (${heldoutMse < pcaMse ? `yours is ${fmt(100 * (1 - heldoutMse / pcaMse))} % lower` : `yours is ${fmt(100 * (heldoutMse / pcaMse - 1))} % higher`}).`;
    return { metrics: { heldoutMse, pcaMse, mseOverPca: heldoutMse / pcaMse }, details: { heldoutMse: [line], mseOverPca: [line] } };
  },
  plot(p, { test }, [out]) {
    const size = test.features;
    const count = Math.min(p.shown, test.n);
    const recon = out!.reconstruction!.slice(0, count * size).map((v) => Math.min(1, Math.max(0, v)));
    return {
      kind: 'image-grid',
      rows: test.rows,
      cols: test.cols,
      strips: [
        { label: 'held-out digits', images: test.x.slice(0, count * size) },
        { label: 'reconstructions', images: recon },
      ],
    };
  },
};
