/**
 * Autoencoders on shipped images (issue 14): `train(data, ctx)` gets training images and the bottleneck width, and
 * returns the trained autoencoder (a model mapping n×d images to n×d reconstructions). The runtime reconstructs
 * held-out images it never saw (`predict` evaluation) and the grader scores the mean squared error per pixel, beside
 * what PCA with as many components as the bottleneck has units scores on the same images (float64,
 * graders/autoencoders/pca-reconstruction.ts): the best any *linear* code of that width can do. One factory, two
 * generators: a dense autoencoder on the 8×8 digits (05) and a convolutional one on the 28×28 Fashion-MNIST images
 * (06); they differ only in the set drawn from and its words.
 *
 * The check is two-sided. Above: an under-trained or mis-scaled network. Far below what any model of that
 * bottleneck reaches: a code wider than asked, or a model that saw the held-out images; the bound comes from the
 * best networks measured (scripts/autoencoders/dense-autoencoder-variants.ts, conv-autoencoder-variants.ts) and the
 * message says so.
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import { meanSquaredError } from '../../metrics.ts';
import { loadedImageSet, drawDigits, type DigitDraw, type ImageSetName } from '../../datasets/digits.ts';
import { pcaBasis, pcaReconstructionMse } from '../../autoencoders/pca-reconstruction.ts';
import type { DenseAutoencoderInput } from '../../autoencoders/learner-types.ts';
import type { ProblemDef } from '../../problem.ts';

/** What differs between the autoencoder generators: the image set and how the texts name its images. */
interface AutoencoderSpec {
  /** The shipped set drawn from (graders/datasets/digits.ts). */
  dataset: ImageSetName;
  /** Images in the set, and pixels per image: the parameters' bounds. */
  setSize: number;
  features: number;
  /** The seeded stream the draw uses (fixed per generator: changing it changes every seed's images). */
  stream: string;
  /** The images, in the plural, as the texts name them ("digits", "images"). */
  noun: string;
  /** The generator's one-paragraph summary for docs/generators.md. */
  summary: string;
}

const paramsFor = (s: AutoencoderSpec) =>
  z
    .object({
      trainN: z.number().int().positive().describe(`${cap(s.noun)} the learner trains on (drawn from the ${s.setSize} without replacement).`),
      testN: z.number().int().positive().describe(`Held-out ${s.noun}, disjoint from the training ones, that the returned model reconstructs.`),
      bottleneck: z.number().int().min(1).max(s.features).describe('Units the autoencoder\'s code layer must have; PCA with this many components is the baseline shown beside the score.'),
      shown: z.number().int().min(1).max(32).default(16).describe(`Held-out ${s.noun} drawn over their reconstructions in the plot after the run.`),
    })
    .strict();
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

export type AutoencoderParams = z.infer<ReturnType<typeof paramsFor>>;

interface Hidden {
  test: DigitDraw;
  /** PCA's held-out MSE with `bottleneck` components fitted on the training images (float64). */
  pcaMse: number;
}

/** A generator for one image set: the same calls, metrics and plot for every set. */
function autoencoderProblem(s: AutoencoderSpec): ProblemDef<AutoencoderParams, Hidden> {
  const metricsDoc = {
    heldoutMse: `mean squared error per pixel ([0, 1] scale) of the returned model's reconstructions of the held-out ${s.noun}`,
    pcaMse: `the same for PCA with \`bottleneck\` components fitted on the training ${s.noun} (float64; informational: the best linear code of that width)`,
    mseOverPca: `heldoutMse ÷ pcaMse: below 1 beats the best linear code of the same width on the same ${s.noun} (graded: the secret pixel noise moves both alike, so the ratio holds where an absolute bound would not)`,
  };
  return {
    task: 'autoencoder',
    datasets: [s.dataset],
    doc: {
      summary: s.summary,
      entry: '`train(data: DenseAutoencoderInput, ctx)` (`ConvAutoencoderInput` on the 28×28 images: the same fields) returns the trained autoencoder: a model (or function) mapping images [n, d] (d = rows·cols pixels, flattened) to reconstructions [n, d]; the runtime reconstructs the held-out images (`predict` evaluation)',
      metrics: metricsDoc,
    },
    params: paramsFor(s),
    metrics: () => Object.keys(metricsDoc),
    make(p, seed) {
      const [train, test] = drawDigits(loadedImageSet(s.dataset), [p.trainN, p.testN], seed, s.stream);
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
        `Reconstruction MSE ${fmt(heldoutMse)} per pixel on ${test.n} held-out ${s.noun}; PCA with ${p.bottleneck} components, ` +
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
          { label: `held-out ${s.noun}`, images: test.x.slice(0, count * size) },
          { label: 'reconstructions', images: recon },
        ],
      };
    },
  };
}

const dense: AutoencoderSpec = {
  dataset: 'digits-8x8',
  setSize: 1797,
  features: 64,
  stream: 'dense-autoencoder',
  noun: 'digits',
  summary: 'scikit-learn\'s 8×8 digits (pixels ÷ 16, keyed noise σ = 0.02 under a secret seed), split into training and held-out digits, to be compressed through a bottleneck of a given width and reconstructed.',
};

const conv: AutoencoderSpec = {
  dataset: 'fashion-mnist-28x28',
  setSize: 2000,
  features: 784,
  // The stream of scripts/autoencoders/conv-autoencoder.ts, so its seed 1 draws from the same shuffle.
  stream: 'conv-autoencoder',
  noun: 'images',
  summary: 'Fashion-MNIST\'s 28×28 clothing images (pixels ÷ 255, keyed noise σ = 0.02 under a secret seed; the labels stay with the grader), split into training and held-out images, to be compressed through a bottleneck of a given width and reconstructed (by a convolutional autoencoder: the images arrive flattened, 784 values a row).',
};

export const denseAutoencoderParams = paramsFor(dense);
export const convAutoencoderParams = paramsFor(conv);
export const denseAutoencoderProblem = autoencoderProblem(dense);
export const convAutoencoderProblem = autoencoderProblem(conv);
