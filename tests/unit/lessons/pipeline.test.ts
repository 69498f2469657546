/**
 * "The pipeline" lesson: the maths the page states (the matching score, and that for two clusters it is the
 * source's max(acc, 1 − acc)), the numbers it quotes against the reference results and our scripts' JSON (and that
 * JSON against the exercise and the generator), the figures' build-time renders, the generator's scoring, plot and
 * refusals, the course types, and the exercise graded for real on tfjs (WASM): the starter and a pipeline that
 * skips its stages fail, the solution passes without leaking tensors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusteringAccuracy, contingency } from '../../../graders/autoencoders/clustering-accuracy.ts';
import type { ClusterDigitsInput as GraderInput } from '../../../graders/autoencoders/learner-types.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { loadProblemData, makeProblem } from '../../../graders/problems/index.ts';
import { makeRng } from '../../../graders/rng.ts';
import { pipelineId, pipelineVariants } from '../../../scripts/autoencoders/pipeline-variants.ts';
import { contingencyTableHtml, matchedCount } from '../../../src/components/figures/autoencoders/pipeline/contingency-view.ts';
import { pipelineNumbers, variantRuns } from '../../../src/components/figures/autoencoders/pipeline/lesson-numbers.ts';
import contingencyJson from '../../../src/components/figures/autoencoders/pipeline/pipeline-contingency.json';
import variantsJson from '../../../src/components/figures/autoencoders/pipeline/pipeline-variants.json';
import { digitsResult, fashionResult, stageRows } from '../../../src/components/figures/autoencoders/pipeline/stage-accuracy-model.ts';
import { stageAccuracySvg } from '../../../src/components/figures/autoencoders/pipeline/stage-accuracy-view.ts';
import type { ClusterDigitsInput as CourseInput } from '../../../src/runtime/course.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const page = readFileSync('src/content/docs/autoencoders/pipeline.mdx', 'utf8');
const { meta } = loadExercise(pipelineId);
const check = meta.checks[0]!;
const params = meta.data.params as { n: number; k: number };

// The learner's input type (course.ts) and the generator's are the same type: this stops compiling if either drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameInput: Same<CourseInput, GraderInput> = true;

describe('the maths the page states', () => {
  it('for two clusters the best matching is the source’s max(acc, 1 − acc)', () => {
    const rng = makeRng(3, 'two-clusters');
    for (let trial = 0; trial < 20; trial++) {
      const labels = Int32Array.from({ length: 50 }, () => (rng.uniform() < 0.5 ? 0 : 1));
      const clusters = Int32Array.from({ length: 50 }, () => (rng.uniform() < 0.5 ? 0 : 1));
      const acc = labels.reduce((s, y, i) => s + (y === clusters[i] ? 1 : 0), 0) / 50;
      expect(clusteringAccuracy(labels, clusters, 2, 2).accuracy).toBeCloseTo(Math.max(acc, 1 - acc), 12);
    }
  });

  it('ids carry no meaning: renaming the clusters leaves the score unchanged, scrambling their images does not', () => {
    const rng = makeRng(4, 'rename');
    const labels = Int32Array.from({ length: 300 }, (_, i) => i % 10);
    const clusters = Int32Array.from(labels, (y) => (rng.uniform() < 0.9 ? y : Math.floor(rng.uniform() * 10)));
    const rename = [3, 7, 0, 9, 1, 8, 2, 6, 4, 5];
    const base = clusteringAccuracy(labels, clusters, 10, 10).accuracy;
    expect(clusteringAccuracy(labels, Int32Array.from(clusters, (c) => rename[c]!), 10, 10).accuracy).toBe(base);
    const shuffled = Int32Array.from(clusters);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(clusteringAccuracy(labels, shuffled, 10, 10).accuracy).toBeLessThan(0.3);
  });
});

describe('the numbers the page quotes', () => {
  it('come from the reference results and from our scripts’ JSON, through lesson-numbers.ts', () => {
    expect(pipelineNumbers.pipeline).toBe(digitsResult('all10_pipe_acc').mean.toFixed(3));
    expect(pipelineNumbers.raw).toBe(digitsResult('all10_raw_kmeans_acc').mean.toFixed(3));
    expect(pipelineNumbers.ae16Mse).toBe(digitsResult('all10_ae16_recon_mse').mean.toFixed(3));
    expect(pipelineNumbers.pulloverCoat).toBe(fashionResult('pullover_v_coat_pipe_acc').mean.toFixed(3));
    // The figures: 0.949, 0.79, 0.59, 0.57, 0.74, MSE 0.008, Fashion 0.60 and 0.545.
    expect([pipelineNumbers.pipeline, pipelineNumbers.raw, pipelineNumbers.pca2, pipelineNumbers.ae2, pipelineNumbers.ae16]).toEqual(['0.949', '0.793', '0.587', '0.574', '0.742']);
    expect([pipelineNumbers.ae16Mse, pipelineNumbers.fashionPipe, pipelineNumbers.pulloverCoat]).toEqual(['0.008', '0.602', '0.545']);
    expect(variantsJson.provenance.script).toBe('scripts/autoencoders/pipeline-variants.ts');
    expect(contingencyJson.provenance.script).toBe('scripts/autoencoders/pipeline-figure.ts');
    expect(Object.keys(variantsJson.variants)).toEqual(Object.keys(pipelineVariants));
  });

  it('the page shows every quoted number through lesson-numbers.ts, none typed by hand', () => {
    for (const key of Object.keys(pipelineNumbers)) expect(page).toContain(`{n.${key}}`);
    const prose = page.replace(/\$\$[\s\S]*?\$\$/g, '').replace(/\$[^$]*\$/g, '');
    for (const v of [pipelineNumbers.pipeline, pipelineNumbers.ae16, pipelineNumbers.fashionPipe, pipelineNumbers.ours]) expect(prose).not.toContain(v);
    expect(page).toContain(`<Exercise id="${pipelineId}" />`);
    expect(sameInput).toBe(true);
  });

  it('the page’s claims hold: the stages’ order, the bottleneck, and the exercise’s size', () => {
    const d = (key: string) => digitsResult(key).mean;
    // Good reconstruction is not good clustering: the 16-d code rebuilds ~5× better and still clusters below pixels.
    expect(d('all10_ae16_recon_mse')).toBeLessThan(d('all10_ae2_recon_mse') / 4);
    expect(d('all10_ae16_kmeans_acc')).toBeLessThan(d('all10_raw_kmeans_acc'));
    expect(d('all10_pca2_kmeans_acc')).toBeLessThan(d('all10_raw_kmeans_acc'));
    expect(d('all10_ae16_pipe_acc')).toBeLessThan(d('all10_pipe_acc'));
    expect(d('all10_ae2_pipe_acc')).toBeLessThan(d('all10_ae16_pipe_acc'));
    // Pullover vs coat "barely above a coin toss".
    expect(fashionResult('pullover_v_coat_pipe_acc').mean).toBeLessThan(0.6);
    // "1000 of the digits … k = 10", "500 t-SNE iterations".
    expect(params).toEqual({ n: 1000, k: 10 });
    expect(page).toContain('1000 of the digits');
    expect(loadExercise(pipelineId).solution).toContain('iterations: 500');
  });

  it('the bounds sit where exercise.yaml’s derivation says, against the measured variants', () => {
    const acc = (prefix: string) => variantRuns(prefix).map((r) => r.accuracy);
    const reference = acc('reference');
    expect(reference.length).toBeGreaterThanOrEqual(5);
    expect(Math.min(...reference) * 0.98).toBeGreaterThanOrEqual(check.min!);
    expect(Math.max(...reference)).toBeLessThan(check.max!);
    // Every variant that skips a stage, and shuffled or refused ids, fails on every seed.
    for (const prefix of ['k-means on the raw pixels', 'k-means on a 2-D PCA', 'k-means on the 50 kernel-PCA', 'the ids returned', 'k = 11'])
      for (const a of acc(prefix)) expect(a, prefix).toBeLessThan(check.min!);
    // The page's claim that the clustering's own mistakes cost less: above every stage-skipping variant.
    expect(Math.min(...acc('one start'))).toBeGreaterThan(Math.max(...acc('k-means on the raw pixels')));
  });
});

describe('the figures', () => {
  it('draw a pair of bars per stage, in [0, 1], from the reference results', () => {
    const rows = stageRows();
    const svg = stageAccuracySvg(rows, 'test');
    expect(svg.match(/<rect /g)).toHaveLength(2 * rows.length);
    for (const r of rows) for (const v of [r.digits, r.fashion]) expect(v).toBeGreaterThan(0), expect(v).toBeLessThanOrEqual(1);
  });

  it('the contingency table is the generator’s draw on the public seed, and its matched cells sum to the accuracy', async () => {
    await loadProblemData(meta.data);
    const problem = makeProblem(meta.data, meta.seed);
    const labels = (problem.hidden as { labels: Int32Array }).labels;
    // Each row of the table holds every image of that digit in the draw.
    contingencyJson.counts.forEach((row, digit) => expect(row.reduce((a, b) => a + b, 0)).toBe(labels.filter((y) => y === digit).length));
    expect(matchedCount(contingencyJson) / contingencyJson.n).toBeCloseTo(contingencyJson.accuracy, 12);
    const html = contingencyTableHtml(contingencyJson);
    expect(html.match(/class="matched"/g)).toHaveLength(10);
    expect(html.match(/<tr>/g)).toHaveLength(11);
  });
});

describe('the digitClustering generator', () => {
  it('gives pixels and k, never the labels; scores, explains and plots a clustering; refuses ids outside 0 … k − 1', async () => {
    await loadProblemData(meta.data);
    const problem = makeProblem(meta.data, 5);
    const arg = problem.calls[0]!.arg as GraderInput;
    expect(Object.keys(arg).sort()).toEqual(['cols', 'features', 'k', 'n', 'rows', 'x']);
    const labels = (problem.hidden as { labels: Int32Array }).labels;
    const ids = Float32Array.from(labels, (y) => (y + 3) % 10);
    const scored = problem.score([{ clusters: ids }]);
    expect(scored.metrics.accuracy).toBe(1);
    expect(scored.details!.accuracy!.length).toBe(11);
    const plot = problem.plot([{ clusters: ids }]);
    expect(plot).toMatchObject({ kind: 'embedding' });
    expect(plot!.kind === 'embedding' && plot!.points.length).toBe(2 * params.n);
    expect(Array.from(contingency(labels, ids, 10, 10)[0]!)).toEqual([0, 0, 0, labels.filter((y) => y === 0).length, 0, 0, 0, 0, 0, 0]);
    for (const bad of [10, -1, 2.5]) {
      const wrong = Float32Array.from(ids);
      wrong[7] = bad;
      const s = problem.score([{ clusters: wrong }]);
      expect(s.metrics.accuracy).toBe(0);
      expect(s.details!.accuracy![0]).toMatch(/image 7 has cluster id/);
      expect(problem.plot([{ clusters: wrong }])).toBeUndefined();
    }
  });
});

describe('07-pipeline exercise on tfjs (WASM)', () => {
  const { starter, solution } = loadExercise(pipelineId);

  it('the starter’s Given section (kernel PCA, t-SNE) is the solution’s, word for word', () => {
    const given = (src: string) => src.slice(src.indexOf('// ─── Given'), src.indexOf('// ─── Your part'));
    expect(given(starter).length).toBeGreaterThan(2000);
    expect(given(starter)).toBe(given(solution));
  });

  it('the starter fails', async () => {
    const r = await gradeInProcess(pipelineId, starter, 1);
    expect(r.status).toBe('failed');
  });

  it('k-means on the raw pixels fails, and k = 11 is refused with a message that says why', async () => {
    const raw = solutionWith(pipelineId, 'const map = await tsne(features50, n, KPCA_COMPONENTS, TSNE_SETTINGS, ctx);', 'const map = x;').replace('assign(map, n, 2, miniBatchKmeans(map, n, 2, k, ctx.rng), k)', 'assign(map, n, features, miniBatchKmeans(map, n, features, KK, ctx.rng), KK)');
    const r = await gradeInProcess(pipelineId, raw.replace('const { x, n, features, k } = data;', 'const { x, n, features, k } = data;\n  const KK = k;'), 1);
    expect(r.status).toBe('failed');
    expect(r.checks[0]!.value).toBeLessThan(check.min!);
    const eleven = await gradeInProcess(pipelineId, raw.replace('const { x, n, features, k } = data;', 'const { x, n, features, k } = data;\n  const KK = k + 1;'), 1);
    expect(eleven.checks[0]!.value).toBe(0);
    expect(eleven.checks[0]!.details!.join(' ')).toMatch(/ids must be whole numbers 0 … 9/);
  });

  // The corpus (tests/exercises/03-autoencoders.test.ts) grades the solution on the public seed and seeds 1–2.
  it('the solution passes without leaking tensors', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const r = await gradeInProcess(pipelineId, solution, 1);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);
});
