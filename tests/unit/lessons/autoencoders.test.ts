/**
 * The Autoencoders lesson: the float64 maths it rests on (PCA basis, reconstruction, principal angles), the numbers
 * it quotes (lesson-numbers.ts) against the PyTorch re-run (reference/results/exp7_digits.json) and our scripts'
 * output (autoencoder-figures.json, dense-variants.json), the exercise's bounds against the measured variants, the
 * figure's SVG, and the exercise graded on real tfjs (WASM): the starter and the identity trick fail with the
 * messages that name them. The solution passing on three seeds is the corpus test's (tests/exercises/03-autoencoders.test.ts).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pcaBasis, pcaReconstructionMse, principalAngles } from '../../../graders/autoencoders/pca-reconstruction.ts';
import { drawDigits, loadImageSet } from '../../../graders/datasets/digits.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { convAutoencoderParams, denseAutoencoderParams } from '../../../graders/problems/autoencoders/autoencoder.ts';
import rerun from '../../../reference/results/exp7_digits.json';
import figures from '../../../src/components/figures/autoencoders/autoencoders/autoencoder-figures.json';
import convFile from '../../../src/components/figures/autoencoders/autoencoders/conv-autoencoder.json';
import convVariantsFile from '../../../src/components/figures/autoencoders/autoencoders/conv-variants.json';
import variantsFile from '../../../src/components/figures/autoencoders/autoencoders/dense-variants.json';
import { imageStripsSvg, inkHex } from '../../../src/components/figures/autoencoders/autoencoders/image-strips-view.ts';
import { convVariantNames, convVariants, lessonNumbers as n, median, variantNames, variants } from '../../../src/components/figures/autoencoders/autoencoders/lesson-numbers.ts';
import { gradeInProcess } from '../../helpers/exercise.ts';

const id = '03-autoencoders/05-dense-autoencoder';
const { meta, starter, solution } = loadExercise(id);
const page = readFileSync('src/content/docs/autoencoders/autoencoders.mdx', 'utf8').replace(/\s+/g, ' ');
const check = meta.checks.find((c) => c.metric === 'mseOverPca')!;
const mses = (name: keyof typeof variantNames) => variants[variantNames[name]]!.map((r) => r.heldoutMse);
/** Each seed's held-out MSE ÷ PCA's on the same digits: the graded metric. */
const ratios = (name: keyof typeof variantNames) => variants[variantNames[name]]!.map((r) => r.heldoutMse / r.pcaMse);
/** A ratio range as the messages print it (one number when both ends round alike). */
const span2 = (v: number[]) => [...new Set([Math.min(...v).toFixed(2), Math.max(...v).toFixed(2)])].join('–');
const deg = (r: number) => (r * 180) / Math.PI;

describe('float64 maths: PCA basis, reconstruction, principal angles', () => {
  it('principal angles are 0 between two bases of one span (rotated, scaled, sign-flipped) and 90° across orthogonal spans', () => {
    const a = [[1, 0, 0, 0], [0, 1, 0, 0]];
    const mixed = [[2, 3, 0, 0], [-1, 0.5, 0, 0]];
    expect(principalAngles(a, mixed).map(deg).every((v) => v < 1e-6)).toBe(true);
    expect(principalAngles(a, [[0, 0, 1, 0], [0, 0, 0, -3]]).map(deg)).toEqual([90, 90].map((v) => expect.closeTo(v, 6)));
    expect(principalAngles([[1, 0]], [[1, 1]]).map(deg)[0]).toBeCloseTo(45, 6);
  });

  it('finds the direction of points on a line, and reconstructs them exactly from it', () => {
    const x = Float64Array.from([0, 0, 1, 2, 2, 4, 3, 6, -1, -2]);
    const b = pcaBasis(x, 5, 2, 1);
    expect(deg(principalAngles(b.components, [[1, 2]])[0]!)).toBeLessThan(1e-6);
    expect(pcaReconstructionMse(b, x, 5)).toBeLessThan(1e-20);
    expect(b.eigenvalues[1]).toBeCloseTo(0, 10);
  });

  it('on the digits: the error falls as k grows, reaches 0 at k = 64, and the script\'s PCA numbers are these', async () => {
    const [train, test] = drawDigits(await loadImageSet('digits-8x8'), [figures.data.trainN, figures.data.testN], figures.data.seed, 'dense-autoencoder');
    const at = (k: number) => pcaReconstructionMse(pcaBasis(train!.x, train!.n, 64, k), test!.x, test!.n);
    const [e2, e16, e64] = [at(2), at(16), at(64)];
    expect(e2).toBeGreaterThan(e16);
    expect(e64).toBeLessThan(1e-12);
    expect(e2).toBeCloseTo(figures.linear.find((l) => l.k === 2)!.pcaMse, 9);
    expect(e16).toBeCloseTo(figures.linear.find((l) => l.k === 16)!.pcaMse, 9);
    // The exercise's generator draws seed 1 the same way: the variants script read the same PCA number off its line.
    expect(variants[variantNames.reference]!.find((r) => r.seed === 1)!.pcaMse).toBeCloseTo(e16, 3);
  });
});

describe('the numbers the lesson quotes', () => {
  it('come from their scripts', () => {
    expect(figures.provenance.script).toBe('scripts/autoencoders/autoencoder-figures.ts');
    expect(variantsFile.provenance.script).toBe('scripts/autoencoders/dense-autoencoder-variants.ts');
    expect(Object.keys(variants)).toEqual(expect.arrayContaining(Object.values(variantNames)));
    expect(variants[variantNames.reference]!.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the PyTorch re-run: 64-32-16-32-64 at Adam 1e-3, batch 64, 200 epochs; MSE 0.0082 (16-d) and 0.038 (2-d) on its training data', () => {
    expect(rerun.config.ae).toBe('Adam 1e-3, batch 64, MSE');
    expect([n.rerunEpochs, n.rerun16Mse, n.rerun2Mse]).toEqual(['200', '0.0082', '0.038']);
  });

  it('a linear autoencoder spans the PCA subspace (every principal angle under 1°) and reconstructs as PCA does', () => {
    for (const l of figures.linear) {
      expect(l.maxAngleDeg).toBeLessThan(1);
      expect(Math.abs(l.autoencoderMse / l.pcaMse - 1)).toBeLessThan(0.01);
    }
    expect(Number(n.linearMaxAngle)).toBeLessThan(1);
  });

  it('the reference beats PCA-16 on every seed; Adam 1e-3 for the same epochs and the linear autoencoder do not', () => {
    const pca = variants[variantNames.reference]!.map((r) => r.pcaMse);
    expect(Math.max(...mses('reference'))).toBeLessThan(Math.min(...pca));
    expect(Math.min(...mses('adam3'))).toBeGreaterThan(Math.max(...pca));
    for (const r of variants[variantNames.linear]!) expect(Math.abs(r.heldoutMse / r.pcaMse - 1)).toBeLessThan(0.05);
  });

  it('the mismatched output range and Adam 1e-5 end worse than the mean image; 1e-2 ends lowest', () => {
    expect(Math.min(...mses('mismatch'))).toBeGreaterThan(figures.meanOnlyMse);
    expect(Math.min(...mses('adam5'))).toBeGreaterThan(figures.meanOnlyMse);
    const last = (lr: number) => figures.rates.find((r) => r.learningRate === lr)!.trainLoss.at(-1)!;
    expect(last(1e-5)).toBeGreaterThan(figures.meanOnlyMse);
    expect(last(1e-2)).toBeLessThan(last(1e-3));
    expect(Math.min(...mses('tanh'))).toBeGreaterThan(Math.min(...mses('reference')));
  });

  it('the page quotes every one of them from lesson-numbers.ts', () => {
    expect(page).toContain("import { lessonNumbers as n } from '../../../components/figures/autoencoders/autoencoders/lesson-numbers.ts';");
    const quoted = ['convRatio', 'convGradingCpu', 'convPooledRatio', 'convPooledCpu', 'convDenseOnlyRatio', 'convFewEpochsRatio', 'convFewEpochs', 'convSeeds', 'convParams', 'convTrainN', 'convEpochs', 'convCpuPerEpoch', 'convHeldoutMse', 'convPcaMse', 'fashionRerun16Mse', 'fashionRerunEpochs', 'rerunEpochs', 'rerun16Mse', 'rerun2Mse', 'linearSteps', 'linearKs', 'linearMaxAngle', 'linear16Mse', 'linearPca16Mse', 'linear2Mse', 'linearPca2Mse', 'meanOnlyMse', 'adam5FinalLoss', 'adam5FirstLoss', 'adam3FinalLoss', 'adam2FinalLoss', 'rateEpochs', 'variantSeeds', 'referenceMse', 'pcaMse', 'fewEpochsMse', 'adam3Mse', 'adam5Mse', 'tanhMse', 'mismatchMse', 'code2Mse', 'code32Mse', 'linearVariantMse'];
    for (const key of quoted) expect(page, key).toContain(`{n.${key}}`);
  });
});

describe('the convolutional autoencoder the lesson measures (conv-autoencoder.json)', () => {
  it('was written by its script on the 28×28 images, and ends just below PCA-16 after more epochs than a grading allows', () => {
    expect(convFile.provenance.script).toBe('scripts/autoencoders/conv-autoencoder.ts');
    expect(convFile.heldoutMse).toBeLessThan(convFile.pcaMse);
    expect(convFile.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: convFile.epochs.length }, (_, i) => i + 1));
    // The page's argument: its epochs take longer in all than a 10 s grading.
    expect(convFile.epochs.reduce((a, e) => a + e.cpuSeconds, 0)).toBeGreaterThan(10);
    expect([n.convEpochs, n.fashionRerunEpochs, n.fashionRerun16Mse]).toEqual(['20', '100', '0.0126']);
  });
});

const convId = '03-autoencoders/06-conv-autoencoder';
const conv = loadExercise(convId);
const convCheck = conv.meta.checks.find((c) => c.metric === 'mseOverPca')!;
/** The convolutional exercise's graded ratio per seed, for a variant of conv-variants.json. */
const convRatios = (name: keyof typeof convVariantNames) => convVariants[convVariantNames[name]]!.map((r) => r.mseOverPca);
/** Variants that must fail on every seed, and those that pass but the tooHigh or tooLow message names. */
const CONV_FAILING = ['fewEpochs', 'untrained', 'adam3', 'code2', 'denseOnly'] as const;
const CONV_NAMED_HIGH = ['reference', 'linearOutput', 'tanh', 'pooled', 'moreEpochs'] as const;
const CONV_NAMED_LOW = ['code32', 'best16'] as const;

describe('the convolutional exercise: its bounds against the measured variants (seeds 1–5)', () => {
  it('the data: 1000 training images of 28×28, 500 held out, a 16-unit code; the numbers come from its script', () => {
    expect(conv.meta.data.generator).toBe('convAutoencoder');
    expect(convAutoencoderParams.parse(conv.meta.data.params)).toEqual({ trainN: 1000, testN: 500, bottleneck: 16, shown: 12 });
    expect(convVariantsFile.provenance.script).toBe('scripts/autoencoders/conv-autoencoder-variants.ts');
    expect(Object.keys(convVariants)).toEqual(expect.arrayContaining(Object.values(convVariantNames)));
    expect(convVariants[convVariantNames.reference]!.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5]);
  });

  it('fits a grading: the reference\'s CPU seconds per grading (PCA\'s reference included) stay under 10, the pooled encoder\'s take longer', () => {
    const cpu = (name: keyof typeof convVariantNames) => median(convVariants[convVariantNames[name]]!.map((r) => r.cpuSeconds));
    expect(cpu('reference')).toBeLessThan(10);
    expect(cpu('pooled')).toBeGreaterThan(cpu('reference'));
  });

  it('the reference passes on every seed with room; the wrong variants fail on every seed', () => {
    expect(Math.max(...convRatios('reference'))).toBeLessThan(convCheck.max! - 0.05);
    expect(Math.min(...convRatios('reference'))).toBeGreaterThan(convCheck.min! + 0.1);
    for (const name of CONV_FAILING) expect(Math.min(...convRatios(name)), name).toBeGreaterThan(convCheck.max!);
    expect(Math.max(...convRatios('identity'))).toBeLessThan(convCheck.min!);
  });

  it('the messages name the variants with their measured numbers', () => {
    for (const name of [...CONV_FAILING, ...CONV_NAMED_HIGH] as const) expect(convCheck.tooHigh, name).toContain(span2(convRatios(name)));
    for (const name of CONV_NAMED_LOW) expect(convCheck.tooLow, name).toContain(span2(convRatios(name)));
  });
});

describe('the exercise’s bounds against the measured variants (seeds 1–5)', () => {
  it('the data: 1297 training digits, 500 held out, a 16-unit code', () => {
    expect(meta.data.generator).toBe('denseAutoencoder');
    expect(denseAutoencoderParams.parse(meta.data.params)).toEqual({ trainN: 1297, testN: 500, bottleneck: 16, shown: 16 });
  });

  it('the reference passes on every seed with room; every wrong variant fails on every seed', () => {
    expect(Math.max(...ratios('reference'))).toBeLessThan(check.max! - 0.15);
    expect(Math.min(...ratios('reference'))).toBeGreaterThan(check.min! + 0.2);
    for (const name of ['fewEpochs', 'adam3', 'adam5', 'mismatch', 'code2', 'linear', 'tanh'] as const) expect(Math.min(...ratios(name)), name).toBeGreaterThan(check.max! + 0.04);
    expect(Math.max(...ratios('identity'))).toBeLessThan(check.min!);
  });

  it('the messages name the variants with their measured numbers', () => {
    for (const name of ['fewEpochs', 'adam3', 'adam5', 'mismatch', 'code2', 'linear', 'tanh', 'reference'] as const) expect(check.tooHigh, name).toContain(span2(ratios(name)));
    for (const name of ['code32', 'best16'] as const) expect(check.tooLow, name).toContain(span2(ratios(name)));
  });
});

describe('the reconstructions figure', () => {
  it('draws every strip of the script\'s grid as dark ink on white, with its label', () => {
    const svg = imageStripsSvg({ rows: 8, cols: 8, strips: figures.grid.strips, title: 't' });
    expect(figures.grid.strips.map((s) => s.images.length)).toEqual([1024, 1024, 1024, 1024]);
    for (const s of figures.grid.strips) expect(svg).toContain(`>${s.label}</text>`);
    expect(svg.match(/<g transform/g)).toHaveLength(4 * 16);
    expect([inkHex(0), inkHex(1), inkHex(0.5), inkHex(2)]).toEqual(['#ffffff', '#000000', '#808080', '#000000']);
  });
});

describe('the exercise on tfjs (WASM)', () => {
  beforeAll(async () => void (await loadImageSet('digits-8x8')));

  it('the starter (a network with no code that never trains) fails as too high', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    const c = r.checks.find((x) => x.metric === 'mseOverPca')!;
    expect(c.value).toBeGreaterThan(check.max!);
    expect(c.details!.join(' ')).toMatch(/PCA with 16 components, the best linear code of the same width, scores 0\.01\d+/);
  }, 300_000);

  it('a model that returns its input fails as too low, with the message about the bottleneck', async () => {
    const r = await gradeInProcess(id, solution.replace('  return model;\n}', '  model.dispose();\n  return { predict: (t: tf.Tensor) => t.clone() };\n}'), 1);
    const c = r.checks.find((x) => x.metric === 'mseOverPca')!;
    expect(c.passed).toBe(false);
    expect(c.value).toBeLessThan(check.min!);
    expect(c.message).toContain('bottleneck');
  }, 300_000);
});
