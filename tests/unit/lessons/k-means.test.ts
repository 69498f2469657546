/**
 * The "Mini-batch k-means and clustering accuracy" lesson: the float64 k-means the grader and the scripts use
 * (graders/autoencoders/kmeans.ts), the numbers the page quotes (lesson-numbers.ts) against their scripts' output
 * (kmeans-numbers.json, kmeans-variants.json) and the reference re-run (reference/results/exp7_digits.json), the
 * stepper figure's maths and markup, the exercise's bounds against the measured variants, and the exercise graded on
 * real tfjs (WASM): the starter and a wrong variant fail with the message that names them. The solution passing on
 * three seeds is the corpus test's (tests/exercises/03-autoencoders.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusteringAccuracy } from '../../../graders/autoencoders/clustering-accuracy.ts';
import { assign, greedyTrials, inertia, kMeans, kMeansPlusPlus, lloyd } from '../../../graders/autoencoders/kmeans.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { miniBatchKMeansParams } from '../../../graders/problems/autoencoders/mini-batch-kmeans.ts';
import { loadProblemData, makeProblem, type DataSpec } from '../../../graders/problems/index.ts';
import { makeRng } from '../../../graders/rng.ts';
import exp7 from '../../../reference/results/exp7_digits.json';
import numbersFile from '../../../src/components/figures/autoencoders/k-means/kmeans-numbers.json';
import variantsFile from '../../../src/components/figures/autoencoders/k-means/kmeans-variants.json';
import { FRAMES, GREEDY_TRIALS, K, blobPoints, kmeansFrames, nearest } from '../../../src/components/figures/autoencoders/k-means/kmeans-steps-model.ts';
import { stepsView } from '../../../src/components/figures/autoencoders/k-means/kmeans-steps-view.ts';
import { bounds, kmeansNumbers as n, variantNames, variantSpan, variants } from '../../../src/components/figures/autoencoders/k-means/lesson-numbers.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '03-autoencoders/04-kmeans';
const { meta, starter } = loadExercise(id);
const page = readFileSync('src/content/docs/autoencoders/k-means.mdx', 'utf8').replace(/\s+/g, ' ');
const trainCheck = meta.checks.find((c) => c.metric === 'trainInertiaRatio')!;
const heldoutCheck = meta.checks.find((c) => c.metric === 'heldoutInertiaRatio')!;

/** Three tight pairs of points on a line: the optimum for k = 3 is one centre per pair. */
const pairs = { values: [0, 0, 0.1, 0, 5, 0, 5.1, 0, 10, 0, 10.1, 0], n: 6, d: 2 };

describe('float64 k-means (graders/autoencoders/kmeans.ts)', () => {
  it('inertia is the sum of squared distances to the nearest centre', () => {
    const centres = { values: [0, 0, 5, 0, 10, 0], n: 3, d: 2 };
    expect(inertia(pairs, centres)).toBeCloseTo(3 * 0.01, 12);
    expect(Array.from(assign(pairs, centres).cluster)).toEqual([0, 0, 1, 1, 2, 2]);
  });
  it('greedy k-means++ weighs 2 + ⌊ln k⌋ candidates (4 for k = 10) and seeds distinct points', () => {
    expect([greedyTrials(2), greedyTrials(3), greedyTrials(10)]).toEqual([2, 3, 4]);
    for (let seed = 1; seed <= 20; seed++) {
      const c = kMeansPlusPlus(pairs, 3, makeRng(seed, 'test'));
      const seeded = new Set([0, 1, 2].map((j) => Math.round(c[2 * j]! / 5)));
      // D² sampling all but rules out a second centre in a pair (weight 0.01 against ≥ 25).
      expect(seeded.size).toBe(3);
    }
  });
  it("Lloyd's iterations never raise the inertia and stop when no point moves", () => {
    const rng = makeRng(3, 'test');
    const x = Float64Array.from({ length: 400 }, () => rng.normal());
    const points = { values: x, n: 200, d: 2 };
    const init = kMeansPlusPlus(points, 5, rng, 1);
    let last = inertia(points, { values: init, n: 5, d: 2 });
    for (let t = 1; t <= 6; t++) {
      const fit = lloyd(points, init, 5, t);
      expect(fit.inertia).toBeLessThanOrEqual(last + 1e-9);
      last = fit.inertia;
    }
    expect(lloyd(points, init, 5).iterations).toBeLessThan(300);
  });
  it('restarts keep the lowest inertia', () => {
    const rng = makeRng(4, 'test');
    const points = { values: Float64Array.from({ length: 600 }, () => rng.normal()), n: 300, d: 2 };
    const best = kMeans(points, 6, makeRng(5, 'a'), 8);
    const one = kMeans(points, 6, makeRng(5, 'a'), 1);
    expect(best.inertia).toBeLessThanOrEqual(one.inertia);
  });
});

describe('clustering accuracy and max(acc, 1 − acc)', () => {
  it('for two clusters, max(acc, 1 − acc) is the Hungarian accuracy', () => {
    const rng = makeRng(6, 'test');
    for (let t = 0; t < 20; t++) {
      const labels = Int32Array.from({ length: 50 }, () => rng.int(2));
      const clusters = Int32Array.from({ length: 50 }, () => rng.int(2));
      const acc = labels.reduce((s, c, i) => s + (c === clusters[i] ? 1 : 0), 0) / 50;
      expect(clusteringAccuracy(labels, clusters, 2, 2).accuracy).toBeCloseTo(Math.max(acc, 1 - acc), 12);
    }
  });
  it('for three (the page’s table), it depends on the ids and can claim more than the best matching', () => {
    const three = numbersFile.threeClusters;
    expect(three.orders).toHaveLength(6);
    for (const o of three.orders) {
      expect(o.accuracy).toBeLessThanOrEqual(three.hungarian + 1e-12);
      expect(o.maxWithComplement).toBeCloseTo(Math.max(o.accuracy, 1 - o.accuracy), 12);
    }
    // One naming is the Hungarian one; another makes max(acc, 1 − acc) exceed it.
    expect(Math.max(...three.orders.map((o) => o.accuracy))).toBeCloseTo(three.hungarian, 12);
    expect(Math.max(...three.orders.map((o) => o.maxWithComplement))).toBeGreaterThan(three.hungarian);
    expect(three.contingency.flat().reduce((a, b) => a + b, 0)).toBe(three.n);
  });
});

describe('the numbers the page quotes', () => {
  it('were written by their scripts', () => {
    expect(numbersFile.provenance.script).toBe('scripts/autoencoders/kmeans-lesson-numbers.ts');
    expect(variantsFile.provenance.script).toBe('scripts/autoencoders/kmeans-variants.ts');
  });
  it('our best-of-10 k-means on raw pixels matches scikit-learn’s in the reference re-run to 0.01', () => {
    const ours = numbersFile.bestOf10.accuracy, theirs = exp7.runs[0]!.all10_raw_kmeans_acc;
    expect(Math.abs(ours - theirs)).toBeLessThan(0.01);
    expect(n.referenceRawAccuracy).toBe(theirs.toFixed(3));
    expect(numbersFile.bestOf10.contingency.flat().reduce((a, b) => a + b, 0)).toBe(1797);
  });
  it('the best-inertia run is not the best-accuracy one (the page says so)', () => {
    expect(numbersFile.oneRun.greedy.accuracy.max).toBeGreaterThan(numbersFile.bestOf10.accuracy);
    expect(numbersFile.bestOf10.inertia).toBeLessThanOrEqual(numbersFile.oneRun.greedy.inertia.min);
    expect(page).toContain('some single runs reach a higher accuracy than the best-inertia run');
  });
  it('greedy seeding has the lower median inertia and the higher median accuracy over the seeds', () => {
    const { plain, greedy } = numbersFile.oneRun;
    expect(greedy.inertia.median).toBeLessThan(plain.inertia.median);
    expect(greedy.accuracy.median).toBeGreaterThan(plain.accuracy.median);
  });
  it('on the t-SNE map, greedy seeding lifts the median and restarts lift the lows (the page says so)', () => {
    const { plain, greedy, bestOf5 } = numbersFile.tsneMap;
    expect(greedy.median).toBeGreaterThan(plain.median + 0.03);
    expect(bestOf5.min).toBeGreaterThan(Math.max(plain.min, greedy.min) + 0.05);
    expect(bestOf5.max - bestOf5.min).toBeLessThan(0.01);
    const map = JSON.parse(readFileSync('scripts/autoencoders/digits-tsne-map.json', 'utf8')) as { provenance: { script: string }; n: number; points: number[] };
    expect(map.provenance.script).toBe('scripts/autoencoders/tsne-map.py');
    expect(map.points).toHaveLength(2 * 1797);
    for (const key of ['map.plainMedian', 'map.plainMin', 'map.greedyMedian', 'map.greedyMin', 'map.bestOf5']) expect(page).toContain(`{n.${key}}`);
  });
  it('come from lesson-numbers.ts, not typed in', () => {
    expect(page).toContain("import { bounds, kmeansNumbers as n, variantSpan } from '../../../components/figures/autoencoders/k-means/lesson-numbers.ts';");
    for (const key of ['trials', 'seeds', 'plainAccuracyMedian', 'greedyAccuracyMedian', 'bestAccuracy', 'referenceRawAccuracy', 'three.hungarian']) expect(page).toContain(`{n.${key}}`);
    for (const key of Object.keys(variantNames).filter((k) => k !== 'fittedOnAll')) expect(page).toContain(`{v.${key}.train}`);
    expect(page).toContain('{v.fittedOnAll.heldout}');
    expect(n.trials).toBe(4);
  });
});

describe('the exercise’s bounds against the measured variants (kmeans-variants.json)', () => {
  const ratios = (key: keyof typeof variantNames, which: 'trainInertiaRatio' | 'heldoutInertiaRatio') => variants[variantNames[key]]!.map((r) => r[which]);
  it('1000 digits to fit, 797 held out, k = 10, a reference of 10 restarts; the page states the exercise’s bounds', () => {
    expect(miniBatchKMeansParams.parse(meta.data.params)).toEqual({ trainN: 1000, testN: 797, k: 10, restarts: 10 });
    expect([trainCheck.min, trainCheck.max, heldoutCheck.min, heldoutCheck.max]).toEqual([undefined, bounds.trainMax, bounds.heldoutMin, bounds.heldoutMax]);
    expect(page).toContain('at most {bounds.trainMax}');
    expect(page).toContain('at least {bounds.heldoutMin}');
    expect(variantSpan('reference').passed).toBe('10 of 10');
  });
  it('the reference passes every measured seed, inside both bounds', () => {
    expect(variantSpan('reference').seeds).toBeGreaterThanOrEqual(5);
    expect(Math.max(...ratios('reference', 'trainInertiaRatio'))).toBeLessThan(trainCheck.max!);
    expect(Math.min(...ratios('reference', 'heldoutInertiaRatio'))).toBeGreaterThan(heldoutCheck.min!);
  });
  it('a fixed step size 0.1 is above the training bound on every seed; centres fitted on all the digits below the held-out one on most', () => {
    expect(Math.min(...ratios('fixed', 'trainInertiaRatio'))).toBeGreaterThan(trainCheck.max!);
    expect(ratios('fittedOnAll', 'heldoutInertiaRatio').filter((r) => r < heldoutCheck.min!).length).toBeGreaterThanOrEqual(8);
  });
  it('the training ratio of the reference solution spreads less than its held-out ratio (why quality is graded on training digits)', () => {
    const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
    expect(spread(ratios('reference', 'trainInertiaRatio'))).toBeLessThan(spread(ratios('reference', 'heldoutInertiaRatio')));
  });
});

describe('the stepper figure', () => {
  it('has K seeding frames then the steps; Lloyd frames never raise the inertia', () => {
    const { frames } = kmeansFrames({ mode: 'full', seeding: 'greedy', seed: 1 });
    expect(frames).toHaveLength(FRAMES);
    expect(frames.slice(0, K).map((f) => f.centres.length)).toEqual([2, 4, 6, 8]);
    const steps = frames.slice(K).map((f) => f.inertia);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeLessThanOrEqual(steps[i - 1]! + 1e-9);
  });
  it('greedy seeding keeps, of its candidates, the one that leaves the lowest inertia', () => {
    const points = blobPoints(2);
    const { frames } = kmeansFrames({ mode: 'full', seeding: 'greedy', seed: 2 });
    for (let c = 1; c < K; c++) {
      const f = frames[c]!, before = frames[c - 1]!.centres;
      expect(f.candidates).toHaveLength(GREEDY_TRIALS);
      const left = f.candidates.map((i) => nearest(points, [...before, points[2 * i]!, points[2 * i + 1]!]).inertia);
      expect(f.chosen).toBe(f.candidates[left.indexOf(Math.min(...left))]);
    }
  });
  it('random and plain seeding get stuck (final inertia 30 % above greedy Lloyd) on more point sets than greedy (the caption says so)', () => {
    const final = (seeding: 'random' | 'plain' | 'greedy', seed: number) => kmeansFrames({ mode: 'full', seeding, seed }).frames.at(-1)!.inertia;
    const stuck = (seeding: 'random' | 'plain' | 'greedy') => [...Array(20).keys()].filter((i) => final(seeding, i + 1) > 1.3 * final('greedy', i + 1)).length;
    const [random, plain] = [stuck('random'), stuck('plain')];
    expect(random).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(0);
    // Greedy against greedy is 0 by construction; against the best of all three it should still rarely lose.
    const best = (seed: number) => Math.min(final('random', seed), final('plain', seed), final('greedy', seed));
    expect([...Array(20).keys()].filter((i) => final('greedy', i + 1) > 1.3 * best(i + 1)).length).toBeLessThan(Math.min(random, plain));
  });
  it('mini-batch frames outline a batch; every frame renders an SVG with a title and two lines', () => {
    const { frames } = kmeansFrames({ mode: 'mini-batch', seeding: 'plain', seed: 1 });
    expect(frames[K]!.batch.length).toBeGreaterThan(0);
    for (const frame of [0, K, FRAMES - 1]) {
      const view = stepsView({ mode: 'mini-batch', seeding: 'random', seed: 3, frame });
      expect(view.svg).toMatch(/^<svg[^>]*role="img"[^>]*><title>k-means, mini-batch steps after random seeding/);
      expect(view.lines).toHaveLength(2);
    }
  });
});

describe('the exercise’s problem', () => {
  it('hands out pixels and k only; scores the reference’s own centres at ratio 1; plots centres over the nearest reference centres', async () => {
    const data = meta.data as DataSpec;
    await loadProblemData(data);
    const p = makeProblem(data, 7);
    const arg = p.calls[0]!.arg as Record<string, unknown>;
    expect(Object.keys(arg).sort()).toEqual(['cols', 'features', 'k', 'n', 'rows', 'x']);
    const reference = (p.hidden as { reference: { centres: Float64Array } }).reference.centres;
    const scored = p.score([{ centres: Float32Array.from(reference) }]);
    expect(scored.metrics.heldoutInertiaRatio).toBeCloseTo(1, 5);
    expect(scored.metrics.trainInertiaRatio).toBeCloseTo(1, 5);
    expect(scored.metrics.clusteringAccuracy).toBeCloseTo(scored.metrics.referenceAccuracy!, 12);
    const plot = p.plot([{ centres: Float32Array.from(reference) }]);
    expect(plot?.kind).toBe('image-grid');
    if (plot?.kind !== 'image-grid') return;
    expect(plot.strips.map((s) => s.images.length)).toEqual([640, 640]);
    // The reference's centres are their own nearest: the two strips match.
    expect(Array.from(plot.strips[1]!.images)).toEqual(Array.from(plot.strips[0]!.images));
  });
});

describe('the exercise, graded on real tfjs', () => {
  it('the starter fails the inertia check, far above the bound', async () => {
    const report = await gradeInProcess(id, starter);
    const c = report.checks.find((x) => x.metric === 'trainInertiaRatio')!;
    expect(report.status).toBe('failed');
    expect(c.value).toBeGreaterThan(1.2);
    expect(c.message).toContain('1/count');
  });
  it('a fixed step size of 0.1 fails, and the message names it', async () => {
    const report = await gradeInProcess(id, solutionWith(id, 'const eta = 1 / counts[c]!;', 'const eta = 0.1;'));
    const c = report.checks.find((x) => x.metric === 'trainInertiaRatio')!;
    expect(c.passed).toBe(false);
    expect(c.message).toContain('fixed 0.1');
    // The held-out clustering accuracy is shown, not graded.
    expect(report.notes?.map((x) => x.metric)).toEqual(['clusteringAccuracy']);
  });
});
