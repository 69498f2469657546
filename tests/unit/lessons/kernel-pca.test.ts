/**
 * The kernel PCA lesson: the maths the page states (centring K equals centring the feature vectors; with a linear
 * kernel the embedding is PCA's projection and √λ its scale; an error c in every entry of the centred kernel adds the
 * eigenvalue n·c along the constant vector; a float32 running sum over millions of entries drifts while row-first
 * sums do not), the figure data re-derived where it is cheap (the rings and their splits), every quoted number read
 * through lesson-numbers.ts and checked against its source (kernel-pca-figure.json, kernel-pca-variants.json, the
 * exercise's own parameters), and the exercise graded on real tfjs.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { centreKernel, embeddingFromKernel, kernelPcaReference, linearKernel, topEigenpairs } from '../../../graders/autoencoders/kernel-pca-reference.ts';
import { pcaReference, symmetricEigen } from '../../../graders/autoencoders/pca-reference.ts';
import { columnsOf, largestPrincipalAngleDeg } from '../../../graders/autoencoders/principal-angles.ts';
import { drawDigits, loadImageSet } from '../../../graders/datasets/digits.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { loadProblemData } from '../../../graders/problems/index.ts';
import { defaultGamma, sortedColumnNorms } from '../../../graders/problems/autoencoders/kernel-pca.ts';
import { bestLinearSplit, RING_GAMMAS, rings } from '../../../scripts/autoencoders/kernel-pca-figure.ts';
import { kernelPcaFigure as figure } from '../../../src/components/figures/autoencoders/kernel-pca/kernel-pca-data.ts';
import { kernelPcaNumbers as n } from '../../../src/components/figures/autoencoders/kernel-pca/lesson-numbers.ts';
import { ringPanels } from '../../../src/components/figures/autoencoders/kernel-pca/rings-view.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '03-autoencoders/02-kernel-pca';
const { meta, starter, solution } = loadExercise(id);
const source = readFileSync('src/content/docs/autoencoders/kernel-pca.mdx', 'utf8');
const page = source.replace(/\s+/g, ' ');

beforeAll(async () => {
  await useNodeBackend('wasm');
  await loadProblemData(meta.data);
});

describe('the maths the page states', () => {
  it('a linear kernel’s embedding is PCA’s projection X_c V_k, with √λ_kernel = √((n − 1) λ_cov)', async () => {
    const set = await loadImageSet('digits-8x8');
    const [d] = drawDigits(set, [200], 5);
    const { x } = d!;
    const k = 3;
    const kpca = embeddingFromKernel(centreKernel(linearKernel(x, 200, 64), 200), 200, k);
    const pca = pcaReference(x, 200, 64);
    const projection = new Float64Array(200 * k);
    for (let i = 0; i < 200; i++)
      for (let c = 0; c < k; c++) for (let j = 0; j < 64; j++) projection[i * k + c]! += (x[i * 64 + j]! - pca.mean[j]!) * pca.components.get(c, j);
    expect(largestPrincipalAngleDeg(columnsOf(kpca.embedding, 200, k), columnsOf(projection, 200, k))).toBeLessThan(1e-6);
    for (let c = 0; c < k; c++) expect(kpca.eigenvalues[c]! / (199 * pca.eigenvalues[c]!)).toBeCloseTo(1, 8);
    sortedColumnNorms(projection, 200, k).forEach((norm, c) => expect(norm / Math.sqrt(kpca.eigenvalues[c]!)).toBeCloseTo(1, 8));
    expect(page).toContain('\\frac{\\varphi(x_i)^\\top v_j}{\\lVert v_j \\rVert} = \\frac{(\\tilde K \\alpha_j)_i}{\\sqrt{\\lambda_j}} = \\sqrt{\\lambda_j}\\, \\alpha_{j,i}');
  });

  it('an error c in every entry of the centred kernel adds exactly the eigenvalue n·c along the constant vector', () => {
    const m = 40;
    const x = Float64Array.from({ length: m * 3 }, (_, i) => Math.sin(7 * i));
    const centred = centreKernel(linearKernel(x, m, 3), m);
    const c = 2;
    const shifted = centred.map((v) => v + c);
    const top = topEigenpairs(shifted, m, 1);
    const before = symmetricEigen(new Matrix(Array.from({ length: m }, (_, i) => Array.from(centred.subarray(i * m, (i + 1) * m)))));
    // m·c = 80 sits above every eigenvalue of this small kernel (the largest is about 42), so it is the top one, along 1/√m.
    expect(m * c).toBeGreaterThan(before.values[0]!);
    expect(top.values[0]).toBeCloseTo(m * c, 9);
    for (let i = 0; i < m; i++) expect(Math.abs(top.vectors[i]!)).toBeCloseTo(1 / Math.sqrt(m), 6);
    expect(page).toContain('adding an error $c$ to every entry adds an eigenvalue of exactly $n c$ along $\\mathbf{1}$');
  });

  it('a float32 running sum over 3.2 million entries of 0.86 drifts by about 4e-3; row sums first stay within 1e-5', () => {
    const rows = 1797, value = Math.fround(0.8645);
    let running = 0;
    for (let i = 0; i < rows * rows; i++) running = Math.fround(running + value);
    const rowSum = (() => {
      let s = 0;
      for (let j = 0; j < rows; j++) s = Math.fround(s + value);
      return s;
    })();
    let ofRows = 0;
    for (let i = 0; i < rows; i++) ofRows = Math.fround(ofRows + rowSum);
    expect(Math.abs(running / (rows * rows) - value)).toBeGreaterThan(1e-3);
    expect(Math.abs(ofRows / (rows * rows) - value)).toBeLessThan(1e-5);
  });

  it('the centring formula is the page’s', () => {
    expect(page).toContain('\\tilde K = K - \\mathbf{1}_n K - K \\mathbf{1}_n + \\mathbf{1}_n K \\mathbf{1}_n');
    expect(page).toContain('k(x, x\') = \\exp\\!\\big(-\\gamma \\lVert x - x\' \\rVert^2\\big)');
    expect(defaultGamma(64)).toBe(1 / 64);
  });
});

describe('the figure data and the numbers the page quotes', () => {
  it('the rings and their straight-split accuracies re-derive from the script’s functions', () => {
    const r = rings();
    figure.rings.points.forEach((v, i) => expect(v).toBeCloseTo(r.x[i]!, 4));
    expect(bestLinearSplit(r.x, r.labels)).toBe(figure.rings.inputSplitAccuracy);
    RING_GAMMAS.forEach((gamma, i) => {
      const { embedding } = kernelPcaReference(r.x, r.labels.length, 2, 2, gamma);
      expect(bestLinearSplit(embedding, r.labels)).toBe(figure.rings.panels[i]!.splitAccuracy);
    });
    // The middle γ separates the rings; neither the input nor the other two γ do.
    expect(figure.rings.panels[1]!.splitAccuracy).toBe(1);
    expect(Math.max(figure.rings.inputSplitAccuracy, figure.rings.panels[0]!.splitAccuracy, figure.rings.panels[2]!.splitAccuracy)).toBeLessThan(0.85);
    expect(ringPanels(figure.rings)).toHaveLength(4);
  });

  it('the accumulation numbers: stock WASM’s mean is the float32 running sum; spurious eigenvalue = n · |error|', () => {
    const w = figure.accumulation.ways;
    expect(w.stockWasmMean.error).toBeCloseTo(w.float32Running.error, 6);
    expect(Math.abs(w.stockWasmMean.error)).toBeGreaterThan(1e-3);
    expect(Math.abs(w.patchedWasmMean.error)).toBeLessThan(1e-6);
    for (const way of Object.values(w)) expect(way.spuriousEigenvalue).toBeCloseTo(figure.accumulation.n * Math.abs(way.error), 6);
    expect(figure.accumulation.entries).toBe(figure.accumulation.n ** 2);
    expect(figure.speed.topEigenvalueAgreement).toBeLessThan(1e-9);
    expect(figure.speed.fullEigSeconds).toBeGreaterThan(5 * figure.speed.subspaceAtFullNSeconds);
  });

  it('the page says what the exercise poses, and its numbers come through lesson-numbers.ts', () => {
    const { n: digits, k } = meta.data.params as { n: number; k: number };
    expect(page).toContain(`embedding of ${digits} hidden digits ($k = ${k}$)`);
    expect(page).toContain(`kernel has ${((digits * digits) / 1e6).toFixed(2)} million entries, not ${(figure.accumulation.entries / 1e6).toFixed(1)} million`);
    expect(page).toContain('iterates a block of $k + 8$');
    expect(n.stockSpurious).toBe(figure.accumulation.ways.stockWasmMean.spuriousEigenvalue.toFixed(1));
    for (const key of ['stockError', 'stockSpurious', 'rowsFirstError', 'splitMid', 'fullOverSubspace', 'referenceAngle', 'linearAngle', 'unscaledScale', 'rowsOnlyAngle'] as const)
      expect(page, key).toContain(`{n.${key}}`);
  });
});

describe('the exercise on real tfjs', () => {
  it('the starter fails and the solution passes', async () => {
    expect((await gradeInProcess(id, starter)).status).toBe('failed');
    const passing = await gradeInProcess(id, solution);
    expect(passing.status).toBe('passed');
  });

  it('unit eigenvectors (not scaled by √λ) pass the angle and fail the scale', async () => {
    const report = await gradeInProcess(id, solutionWith(id, 'return tf.mul(tf.transpose(q), tf.sqrt(tf.relu(lambda)));', 'return tf.transpose(q);'));
    expect(report.checks.find((c) => c.metric === 'maxAngleDeg')!.passed).toBe(true);
    expect(report.checks.find((c) => c.metric === 'scaleError')!.passed).toBe(false);
  });
});
