/**
 * The PCA lesson: the maths the page states (variance along v is vᵀCv; the reconstruction error of k components is
 * the sum of the remaining eigenvalues; ratios over the trace), the figure data re-derived from the shipped digits
 * (pca-figure.json), every quoted number read through lesson-numbers.ts and checked against its source (the
 * figure data, the variants' measurements pca-variants.json, scikit-learn's reference/results/exp7_digits.json),
 * the figures' model and build-time view, and the exercise graded on real tfjs (starter fails, solution passes, the
 * uncentred and top-k-ratio slips fail with the messages that name them).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import original from '../../../reference/results/exp7_digits.json';
import { covarianceOf, explainedVarianceRatio, pcaReference, reconstructionMse } from '../../../graders/autoencoders/pca-reference.ts';
import { drawDigits, loadImageSet } from '../../../graders/datasets/digits.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { loadProblemData, makeProblem } from '../../../graders/problems/index.ts';
import { pcaNumbers as n } from '../../../src/components/figures/autoencoders/pca/lesson-numbers.ts';
import { keptVariance, reconstruct, type PcaFigureData } from '../../../src/components/figures/autoencoders/pca/pca-model.ts';
import { digitsSvg, reconstructionView } from '../../../src/components/figures/autoencoders/pca/pca-view.ts';
import { embeddingSvg } from '../../../src/components/figures/autoencoders/embedding-svg.ts';
import stored from '../../../src/components/figures/autoencoders/pca/pca-figure.json';
import variantsFile from '../../../src/components/figures/autoencoders/pca/pca-variants.json';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '03-autoencoders/01-pca';
const { meta, starter } = loadExercise(id);
const figure = stored as unknown as PcaFigureData;
const page = readFileSync('src/content/docs/autoencoders/pca.mdx', 'utf8').replace(/\s+/g, ' ');

beforeAll(async () => {
  await useNodeBackend('wasm');
  await loadProblemData(meta.data);
});

describe('the maths the page states, on the digits', () => {
  it('the variance of the projections on a unit v is vᵀ C v, with C = Xcᵀ Xc / (n − 1)', async () => {
    const set = await loadImageSet('digits-8x8');
    const [d] = drawDigits(set, [300], 3);
    const c = covarianceOf(d!.x, 300, 64);
    const ref = pcaReference(d!.x, 300, 64);
    const v = Array.from({ length: 64 }, (_, j) => Math.sin(j + 1));
    const norm = Math.hypot(...v);
    const u = v.map((a) => a / norm);
    const proj = Array.from({ length: 300 }, (_, i) => u.reduce((s, a, j) => s + a * (d!.x[i * 64 + j]! - ref.mean[j]!), 0));
    const variance = proj.reduce((s, p) => s + p * p, 0) / 299;
    let quad = 0;
    for (let a = 0; a < 64; a++) for (let b = 0; b < 64; b++) quad += u[a]! * c.get(a, b) * u[b]!;
    expect(variance).toBeCloseTo(quad, 10);
    expect(page).toContain('\\operatorname{Var}(X_c v) = \\frac{1}{n-1} \\lVert X_c v \\rVert^2 = v^\\top C v');
  });

  it('the figure data is the float64 PCA of all 1797 digits; its error per pixel is the remaining eigenvalues', async () => {
    const set = await loadImageSet('digits-8x8');
    const [all] = drawDigits(set, [set.n], 1, 'pca-figure');
    const ref = pcaReference(all!.x, set.n, 64);
    explainedVarianceRatio(ref, 64).forEach((r, i) => expect(figure.ratios[i]).toBeCloseTo(r, 6));
    for (const k of [0, 2, 10, 40]) {
      const rest = ref.eigenvalues.slice(k).reduce((a, b) => a + b, 0);
      expect(reconstructionMse(all!.x, set.n, 64, ref, k)).toBeCloseTo(((set.n - 1) / set.n) * (rest / 64), 10);
      expect(figure.mse[k]).toBeCloseTo(((set.n - 1) / set.n) * (rest / 64), 6);
    }
    // scikit-learn's explained_variance_ratio_ on load_digits starts 0.14890594, 0.13618771 (sklearn 1.2).
    expect(figure.ratios[0]).toBeCloseTo(0.148906, 5);
    expect(figure.ratios[1]).toBeCloseTo(0.136188, 5);
    expect(page).toContain('\\frac{1}{n} \\sum_{i=1}^{n} \\lVert x_i - \\hat x_i \\rVert^2 = \\frac{n-1}{n} \\sum_{j > k} \\lambda_j');
  });

  it('the near-tie the page names: λ2/λ1 = 0.98 on the exercise’s first draw for seed 6', () => {
    const { hidden } = makeProblem(meta.data, 6) as unknown as { hidden: { references: { eigenvalues: Float64Array }[] } };
    const e = hidden.references[0]!.eigenvalues;
    expect((e[1]! / e[0]!).toFixed(2)).toBe('0.98');
    // The prose names the ratio; its footnote names the seed.
    expect(page).toContain('$\\lambda_2/\\lambda_1 = 0.98$ (it is on one of the exercise\'s draws[^near-tie])');
    expect(page).toContain('[^near-tie]: The draw for seed 6.');
  });
});

describe('the numbers the page quotes', () => {
  it('come from the figure data, the variants and scikit-learn’s reference run', () => {
    expect(n.trust2d).toBe('0.83');
    expect(n.kmeans2d).toBe('0.59');
    expect(Number(n.trust2d)).toBeCloseTo(original.runs[0]!.all10_pca_trust5, 2);
    expect(Number(n.kmeans2d)).toBeCloseTo(original.runs[0]!.all10_pca2_kmeans_acc, 2);
    expect(n.kept10).toBe(`${Math.round(100 * keptVariance(figure.ratios, 10))}%`);
    expect(n.gap21).toBe((figure.ratios[1]! / figure.ratios[0]!).toFixed(2));
    const reference = (variantsFile as { variants: Record<string, { metrics: Record<string, number> }[]> }).variants['reference (subspace iteration, 150 sweeps of C²)']!;
    expect(Math.max(...reference.map((r) => r.metrics.maxAngleDeg!))).toBeLessThan(meta.checks[0]!.max! / 100);
    expect(Math.max(...reference.map((r) => r.metrics.ratioError!))).toBeLessThan(meta.checks[1]!.max! / 100);
    for (const key of ['trust2d', 'kmeans2d', 'kmeansRaw', 'kept2', 'kept10', 'mse10', 'referenceAngle', 'notCentredAngle', 'topKRatio'] as const)
      expect(page, key).toContain(`{n.${key}}`);
  });
});

describe('the figures', () => {
  it('rebuild a digit exactly from all 64 components, the mean image from none', () => {
    const digit = figure.examples[3]!.pixels;
    reconstruct(figure, digit, 64).forEach((v, j) => expect(v).toBeCloseTo(digit[j]!, 3));
    expect(reconstruct(figure, digit, 0)).toEqual(figure.mean);
    expect(figure.examples.map((e) => e.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('draw at build time: 10 originals over 10 reconstructions, the variance curve and the sentence at k', () => {
    expect(digitsSvg(figure, 5).match(/<rect /g)).toHaveLength(2 * 10 * 64);
    const view = reconstructionView(figure, 10);
    expect(view.summary).toContain(`${(100 * keptVariance(figure.ratios, 10)).toFixed(1)}%`);
    expect(view.chart).toContain('<svg');
    const svg = embeddingSvg({ points: figure.projection.points, labels: figure.projection.labels, title: 't', xLabel: 'a', yLabel: 'b' });
    expect(svg.match(/<text x="[\d.]+" y="[\d.]+" fill=/g)).toHaveLength(figure.projection.points.length);
  });
});

describe('the exercise on real tfjs', () => {
  it('the starter fails and the solution passes', async () => {
    const failing = await gradeInProcess(id, starter);
    expect(failing.status).toBe('failed');
    const passing = await gradeInProcess(id, loadExercise(id).solution);
    expect(passing.status).toBe('passed');
    expect(passing.checks.find((c) => c.metric === 'maxAngleDeg')!.value).toBeLessThan(0.01);
  });

  it('images not centred fail on the angle; ratios over the top k fail on the ratios, with the sum-to-1 hint', async () => {
    const uncentred = await gradeInProcess(id, solutionWith(id, 'const centred = tf.sub(x, tf.mean(x, 0));', 'const centred = x;'));
    expect(uncentred.checks.find((c) => c.metric === 'maxAngleDeg')!.value).toBeGreaterThan(60);
    const topK = await gradeInProcess(id, solutionWith(id, 'tf.div(lambda, total)', 'tf.div(lambda, tf.sum(lambda))'));
    const ratio = topK.checks.find((c) => c.metric === 'ratioError')!;
    expect(ratio.passed).toBe(false);
    expect(topK.checks.find((c) => c.metric === 'maxAngleDeg')!.passed).toBe(true);
    expect(JSON.stringify(topK)).toContain('sum to 1');
  });

  it('tf.linalg.gramSchmidt gives orthonormal rows and the sweep leaks no tensor', () => {
    const before = tf.memory().numTensors;
    const gram = tf.tidy(() => {
      const q = tf.linalg.gramSchmidt(tf.randomNormal([4, 64], 0, 1, 'float32', 1)) as tf.Tensor2D;
      return tf.matMul(q, q, false, true).arraySync() as number[][];
    });
    expect(tf.memory().numTensors).toBe(before);
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
  });
});
