/**
 * The "t-SNE" lesson: the maths the page states (the KL gradient against finite differences, the perplexity search,
 * symmetric P), the numbers it quotes (lesson-numbers.ts) against scikit-learn's runs (reference/results/
 * exp7_digits.json) and our scripts' output (tsne-maps.json from scripts/autoencoders/tsne-figure.ts,
 * tsne-variants.json from scripts/autoencoders/tsne-variants.ts), the figures' SVG, and the exercise graded on real
 * tfjs (WASM): the starter and a wrong variant fail with the message that names them. The solution passing on three
 * seeds, leak-free, is the corpus test's (tests/exercises/03-autoencoders.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { makeRng } from '../../../graders/rng.ts';
import exp7 from '../../../reference/results/exp7_digits.json';
import { conditionalP, klAndGradient, squaredDistances, symmetrise, type Kernel } from '../../../scripts/autoencoders/tsne-float64.ts';
import { tsneNumbers as n, variantNames, variants } from '../../../src/components/figures/autoencoders/t-sne/lesson-numbers.ts';
import { mapSvg, seriesByClass } from '../../../src/components/figures/autoencoders/t-sne/map-view.ts';
import maps from '../../../src/components/figures/autoencoders/t-sne/tsne-maps.json';
import variantsFile from '../../../src/components/figures/autoencoders/t-sne/tsne-variants.json';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '03-autoencoders/03-tsne';
const { meta, starter } = loadExercise(id);
const page = readFileSync('src/content/docs/autoencoders/t-sne.mdx', 'utf8').replace(/\s+/g, ' ');
const check = meta.checks.find((c) => c.metric === 'trustworthiness')!;

/** Small random data: 40 points in 5-D, and a random 2-D map of them. */
function smallCase(seed: number) {
  const rng = makeRng(seed, 't-sne-test');
  const x = Float64Array.from({ length: 40 * 5 }, () => rng.normal());
  const y = Float64Array.from({ length: 40 * 2 }, () => rng.normal());
  return { x, y, n: 40 };
}

describe('the maths the page states', () => {
  it.each<Kernel>(['student-t', 'gaussian'])('the KL gradient (%s Q) is the derivative of KL(P ‖ Q)', (kernel) => {
    const { x, y, n: m } = smallCase(1);
    const P = symmetrise(conditionalP(squaredDistances(x, m, 5), m, 10).p, m);
    const { grad } = klAndGradient(P, y, m, kernel);
    const h = 1e-6;
    for (const c of [0, 7, 33, 79]) {
      const up = Float64Array.from(y), down = Float64Array.from(y);
      up[c]! += h;
      down[c]! -= h;
      const numeric = (klAndGradient(P, up, m, kernel).kl - klAndGradient(P, down, m, kernel).kl) / (2 * h);
      expect(grad[c]).toBeCloseTo(numeric, 6);
    }
  });

  it('the binary search gives every point perplexity 30 (entropy log 30 in nats) over its 90 nearest neighbours', () => {
    const { x } = smallCase(2);
    const big = Float64Array.from({ length: 200 * 5 }, (_, i) => x[i % x.length]! + 0.01 * Math.sin(i));
    const { p, unconverged } = conditionalP(squaredDistances(big, 200, 5), 200, 30);
    expect(unconverged).toBe(0);
    for (const i of [0, 57, 199]) {
      const row = Array.from(p.subarray(i * 200, i * 200 + 200));
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      expect(row.filter((v) => v > 0).length).toBeLessThanOrEqual(90);
      expect(row[i]).toBe(0);
      const h = -row.reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);
      expect(Math.abs(h - Math.log(30))).toBeLessThan(1e-5);
    }
  });

  it('symmetric P sums to 1, and every row to at least 1/2n', () => {
    const { x, n: m } = smallCase(3);
    const P = symmetrise(conditionalP(squaredDistances(x, m, 5), m, 10).p, m);
    expect(P.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    for (let i = 0; i < m; i++) {
      expect(P.subarray(i * m, i * m + m).reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(1 / (2 * m) - 1e-15);
      for (let j = 0; j < m; j++) expect(P[i * m + j]).toBe(P[j * m + i]);
    }
  });
});

describe('the numbers the page quotes', () => {
  it("scikit-learn's: t-SNE 0.996 and 2-D PCA 0.83 on all 1797 digits (reference/results/exp7_digits.json)", () => {
    expect([n.sklearnTrust, n.sklearnPcaTrust]).toEqual(['0.996', '0.83']);
    expect(exp7.runs.every((r) => r.all10_n === 1797)).toBe(true);
  });

  it('ours were written by their scripts, with every variant the page names', () => {
    expect(maps.provenance.script).toBe('scripts/autoencoders/tsne-figure.ts');
    expect(variantsFile.provenance.script).toBe('scripts/autoencoders/tsne-variants.ts');
    expect(Object.keys(variants)).toEqual(expect.arrayContaining(Object.values(variantNames)));
    for (const rows of Object.values(variants)) expect(rows.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5]);
  });

  it('t-SNE beats PCA in every figure panel, and k-nearest-neighbour P saves 20× the exponentials', () => {
    for (const m of maps.digits.maps) expect(m.trustworthiness).toBeGreaterThan(maps.digits.pca.trustworthiness + 0.1);
    expect(n.knnSaving).toBe('20');
  });

  it('sizes and gaps: the 10× tighter cluster is no smaller in the map, and the 4× wider gap is no wider', () => {
    const { inData, inMap } = maps.sizes;
    expect(inData.radius[1]! * 5).toBeLessThan(inData.radius[0]!);
    expect(inMap.radius[1]!).toBeGreaterThanOrEqual(inMap.radius[0]! * 0.9);
    expect(inData.gapBC).toBeGreaterThan(3.5 * inData.gapAB);
    expect(inMap.gapBC).toBeLessThan(1.2 * inMap.gapAB);
  });

  it('the exercise’s bound sits between the reference and 2-D PCA, and fails the two variants the page says it catches', () => {
    const trust = (key: keyof typeof variantNames) => variants[variantNames[key]]!.map((r) => r.trustworthiness ?? -Infinity);
    expect(Math.min(...trust('reference'))).toBeGreaterThan(check.min! + 0.015);
    expect(Math.max(...variants[variantNames.reference]!.map((r) => r.pcaTrustworthiness!))).toBeLessThan(check.min! - 0.1);
    expect(Math.max(...trust('iterations50'))).toBeLessThan(check.min!);
    expect(Math.max(...trust('gaussian'))).toBeLessThan(check.min!);
    for (const key of ['noExaggeration', 'fixedSigma', 'asymmetric', 'plainDescent', 'iterations150'] as const) expect(Math.min(...trust(key))).toBeGreaterThan(check.min!);
  });

  it('the page quotes every one of them from lesson-numbers.ts, not typed in', () => {
    expect(page).toContain("import { tsneNumbers as n } from '../../../components/figures/autoencoders/t-sne/lesson-numbers.ts';");
    for (const key of Object.keys(n)) if (!['figureN', 'figurePcaTrust', 'trust5', 'trust30', 'trust100'].includes(key)) expect(page, key).toContain(`{n.${key}}`);
  });
});

describe('the figures', () => {
  it('draw one point per digit, split by label, as SVG', () => {
    const names = Array.from({ length: 10 }, (_, d) => String(d));
    const series = seriesByClass(maps.digits.maps[1]!.points, maps.digits.labels, names);
    expect(series.reduce((s, v) => s + v.x.length, 0)).toBe(maps.digits.n);
    const svg = mapSvg({ flat: maps.digits.maps[1]!.points, labels: maps.digits.labels, names, title: 't', xLabel: 't-SNE 1: no units', yLabel: 't-SNE 2: no units' });
    expect(svg.match(/<circle/g)!.length).toBe(maps.digits.n);
    expect(svg).toContain('t-SNE 1: no units');
  });
});

describe('the exercise, graded on tfjs (WASM)', () => {
  it('the starter (a map that never moves) fails the trustworthiness check', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    expect(r.checks[0]!.value).toBeLessThan(0.7);
  }, 120_000);

  it('50 iterations, all exaggerated, fails with the message that names it', async () => {
    const r = await gradeInProcess(id, solutionWith(id, 'const ITERATIONS = 400;', 'const ITERATIONS = 50;'), 1);
    expect(r.status).toBe('failed');
    expect(r.checks[0]!.value).toBeLessThan(check.min!);
    expect(r.checks[0]!.message).toMatch(/too few iterations \(50/);
  }, 120_000);
});
