/**
 * The universal-approximation lesson: its figures' pure computations (bump and ReLU approximations, the
 * union-of-triangles network), the noisy cubic's noise floor and the spread of the best predictor's test MSE, and
 * the cubic exercise graded for real on tfjs (WASM).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cubicParams } from '../../../graders/datasets/cubic.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { grade } from '../../../graders/grade.ts';
import { cubicProblem } from '../../../graders/problems/regression.ts';
import {
  bump,
  bumpPlan,
  bumpSteps,
  bumpSum,
  clipLine,
  defaultSettings,
  errorTable,
  exampleTriangles,
  hiddenUnits,
  maxError,
  regionGrid,
  reluSum,
  stepSum,
  targets,
  triangleHalfPlanes,
  unionNetwork,
  type Point,
} from '../../../src/components/figures/activation-depth/universal-approximation/approx-model.ts';
import { approxChartSvg, approxSummary, errorChartSvg, unionRegionsSvg } from '../../../src/components/figures/activation-depth/universal-approximation/approx-view.ts';
import { bayesCubicMse, bayesMseSd, noiseFloor, summary } from '../../../scripts/activation-depth/approx-cubic.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const [cube, wiggle] = targets as [(typeof targets)[0], (typeof targets)[0]];
const id = '04-activation-depth/06-cubic';
const mdx = readFileSync('src/content/docs/activation-depth/universal-approximation.mdx', 'utf8').replace(/\s+/g, ' ');

describe('bumps', () => {
  it('a steep bump is ≈ 1 inside its stretch and ≈ 0 outside', () => {
    expect(bump(0.5, 0, 1, 1000)).toBeCloseTo(1, 6);
    expect(bump(-0.5, 0, 1, 1000)).toBeCloseTo(0, 6);
    expect(bump(1.5, 0, 1, 1000)).toBeCloseTo(0, 6);
    // A shallow one leaks: σ(5) − σ(−5) at the centre of a unit-wide bump with s = 10.
    expect(bump(0.5, 0, 1, 10)).toBeCloseTo(0.98661, 4);
  });

  it('one bump of height f(0) = 0 cannot follow x³: the error is 1 at x = ±1', () => {
    expect(maxError(cube.f, bumpSum(cube.f, 1, 100))).toBeCloseTo(1, 3);
  });

  it('the largest error falls as N grows, about like 1/N for bumps and 1/N² for ReLU pieces', () => {
    for (const t of targets) {
      const rows = errorTable(t);
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]!.sigmoid).toBeLessThan(rows[i - 1]!.sigmoid);
        expect(rows[i]!.relu).toBeLessThan(rows[i - 1]!.relu);
      }
    }
    const [, , ten, twenty, fifty] = errorTable(cube);
    expect(ten!.sigmoid / twenty!.sigmoid).toBeGreaterThan(1.8); // doubling N about halves a staircase's error
    expect(ten!.sigmoid / twenty!.sigmoid).toBeLessThan(2.2);
    expect(ten!.relu / twenty!.relu).toBeGreaterThan(3.5); // … and quarters a polyline's
    expect(fifty!.relu).toBeLessThan(fifty!.sigmoid / 10);
  });

  it('gives the numbers the lesson quotes', () => {
    const c = Object.fromEntries(errorTable(cube).map((r) => [r.n, r]));
    expect(c[10]!.sigmoid).toBeCloseTo(0.271, 3);
    expect(c[20]!.sigmoid).toBeCloseTo(0.143, 3);
    expect(c[50]!.sigmoid).toBeCloseTo(0.061, 3);
    expect(c[10]!.relu).toBeCloseTo(0.027, 3);
    expect(c[50]!.relu).toBeCloseTo(0.0012, 4);
    expect(Object.fromEntries(errorTable(wiggle).map((r) => [r.n, r]))[5]!.sigmoid).toBeCloseTo(0.744, 3);
    // Too shallow for 50 narrow bumps: steepness 10 against the default 100.
    expect(maxError(cube.f, bumpSum(cube.f, 50, 10))).toBeCloseTo(0.194, 3);
  });

  it('ReLU pieces interpolate the target exactly at the knots', () => {
    const g = reluSum(wiggle.f, 8);
    for (let i = 0; i <= 8; i++) expect(g(-1 + i * 0.25)).toBeCloseTo(wiggle.f(-1 + i * 0.25), 12);
    expect(hiddenUnits('relu', 8)).toBe(8);
  });

  it('N bumps telescope into N + 1 steps of height f(cᵢ) − f(cᵢ₋₁): N + 1 sigmoid units, not 2N', () => {
    for (const t of targets)
      for (const n of [1, 2, 5, 10]) {
        const { edges, heights } = bumpSteps(t.f, n);
        const bumps = bumpPlan(t.f, n).heights;
        expect(edges).toHaveLength(n + 1);
        expect(heights).toHaveLength(n + 1);
        expect(hiddenUnits('sigmoid', n)).toBe(n + 1);
        // First step: f(c₁); last: −f(c_N); in between the jumps.
        expect(heights[0]).toBeCloseTo(bumps[0]!, 15);
        expect(heights[n]).toBeCloseTo(-bumps[n - 1]!, 15);
        for (let i = 1; i < n; i++) expect(heights[i]).toBeCloseTo(bumps[i]! - bumps[i - 1]!, 15);
        // The same function as the sum of bumps, for shallow and steep sigmoids alike.
        for (const s of [3, 100]) {
          const g = bumpSum(t.f, n, s), h = stepSum(t.f, n, s);
          for (let x = -1; x <= 1; x += 0.01) expect(h(x)).toBeCloseTo(g(x), 12);
        }
      }
  });

  it('draws the figure as SVG with a summary line', () => {
    expect(approxChartSvg(defaultSettings)).toMatch(/^<svg[\s\S]*sum of 10 bumps \(11 sigmoid units\)[\s\S]*<\/svg>$/);
    expect(approxChartSvg({ ...defaultSettings, units: 'relu', n: 5 })).toContain('5 linear pieces (5 ReLU units)');
    expect(errorChartSvg(defaultSettings)).toContain('N = 10');
    expect(approxSummary(defaultSettings)).toBe('10 bumps = 11 sigmoid units: largest error 0.271, at x = -1.00');
  });

  it('the page and the figure count N + 1 units for N bumps, never 2N', () => {
    const figure = readFileSync('src/components/figures/activation-depth/universal-approximation/ApproxBumps.astro', 'utf8');
    for (const text of [mdx, figure]) {
      expect(text).not.toMatch(/\b2N\b[^,]*units|two (sigmoid )?units each/);
      expect(text).toContain('N + 1');
    }
    expect(mdx).toContain(`0.271 with 10 bumps (${hiddenUnits('sigmoid', 10)} units)`);
    expect(mdx).toContain(`against 0.271 and 0.061 for ${hiddenUnits('sigmoid', 10)} and ${hiddenUnits('sigmoid', 50)} sigmoid units`);
    expect(figure).toContain('N sigmoid bumps (N + 1 units,');
  });
});

describe('two hidden layers: a union of triangles', () => {
  const { layer1, classify } = unionNetwork(exampleTriangles);
  const centroid = (t: Point[]): Point => [(t[0]![0] + t[1]![0] + t[2]![0]) / 3, (t[0]![1] + t[1]![1] + t[2]![1]) / 3];

  it('has one first-layer unit per edge, each positive on the inside', () => {
    expect(layer1).toHaveLength(9);
    for (const tri of exampleTriangles) {
      const c = centroid(tri);
      for (const { w, b } of triangleHalfPlanes(tri)) expect(w[0] * c[0] + w[1] * c[1] + b).toBeGreaterThan(0);
    }
  });

  it('outputs 1 inside every triangle and 0 outside all of them, so the region is not convex', () => {
    const cs = exampleTriangles.map(centroid);
    for (const c of cs) expect(classify(c)).toBe(1);
    for (const p of [[-0.95, 0.95], [0.9, -0.9], [0, -0.95], [0.6, 0.1]] as Point[]) expect(classify(p)).toBe(0);
    // The midpoint of two inside points is outside: not convex.
    const mid: Point = [(cs[1]![0] + cs[2]![0]) / 2, (cs[1]![1] + cs[2]![1]) / 2];
    expect(classify(mid)).toBe(0);
  });

  it('rasterises the region and clips the lines to the square', () => {
    const g = regionGrid(classify, 40);
    const share = g.reduce((a, v) => a + v, 0) / g.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.5);
    for (const hp of layer1) {
      const seg = clipLine(hp);
      expect(seg).not.toBeNull();
      for (const p of seg!) {
        expect(Math.abs(hp.w[0] * p[0] + hp.w[1] * p[1] + hp.b)).toBeLessThan(1e-9);
        expect(Math.max(Math.abs(p[0]), Math.abs(p[1]))).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
    expect(unionRegionsSvg().match(/stroke-dasharray="4 3"[^>]*>(.*?)<\/g>/)![1]!.match(/<line/g)).toHaveLength(9);
  });
});

describe('the noisy cubic: noise floor and the best predictor', () => {
  const { meta } = loadExercise(id);
  const p = cubicParams.parse(meta.data.params);
  const check = meta.checks.find((c) => c.metric === 'testMSE')!;

  it('has a noise floor of 0.3²/12 = 0.0075, and a 2000-point test MSE spread of 0.00015', () => {
    expect(noiseFloor(0.3)).toBeCloseTo(0.0075, 12);
    expect(bayesMseSd(0.3, p.testN)).toBeCloseTo(0.00015, 6);
  });

  it('x³ + 0.15 scores the floor on the grader’s test sets, spread as computed, never near the bounds', () => {
    const s = summary(Array.from({ length: 300 }, (_, seed) => bayesCubicMse(p, seed)));
    expect(Math.abs(s.mean - 0.0075)).toBeLessThan((4 * 0.00015) / Math.sqrt(300));
    expect(s.sd / 0.00015).toBeGreaterThan(0.85);
    expect(s.sd / 0.00015).toBeLessThan(1.15);
    expect(s.min).toBeGreaterThan(check.min!);
    expect(s.max).toBeLessThan(check.max!);
  });

  it('predicting x³ costs an extra 0.15², three times the floor, four times in all; so does the best line', () => {
    const floor = noiseFloor(0.3), offset = 0.15 ** 2;
    expect(offset / floor).toBeCloseTo(3, 12);
    expect((floor + offset) / floor).toBeCloseTo(4, 12);
    expect(mdx).toContain('an extra $0.15^2 = 0.0225$, three times the floor, so its expected MSE is $0.03$, four times the floor.');
    // The best line through x³ on [−1, 1] leaves E[x⁶] − (9/25)E[x²] = 1/7 − 3/25 on top of the floor (the hint).
    const line = 1 / 7 - 3 / 25;
    expect(Math.round(line / floor)).toBe(3);
    expect(Math.round((floor + line) / floor)).toBe(4);
    expect((floor + line).toFixed(3)).toBe('0.030');
    const hint = meta.hints.find((h) => h.includes('straight line'))!;
    expect(hint).toContain(`an MSE of about ${(floor + line).toFixed(3)}: the floor plus an extra ${line.toFixed(3)} that no line can fit (three times the floor), four times the floor in all.`);
  });

  it('bounds the MSE at the floor +20% and 4.7 standard deviations below it', () => {
    expect(check.max).toBeCloseTo(noiseFloor(0.3) * 1.2, 12);
    expect((noiseFloor(0.3) - check.min!) / bayesMseSd(0.3, p.testN)).toBeGreaterThan(4.5);
  });

  it('fails predictions fitted to the test points, and x³ without the offset', () => {
    const problem = cubicProblem.make(p, 42, {});
    const { test } = problem.hidden;
    const info = { seed: 42, backend: 'none', durationMs: 0 };
    const gradeWith = (pred: Float32Array) => grade(meta, cubicProblem.score(p, problem.hidden, [{ pred, curve: new Float32Array(200) }]), info);
    expect(gradeWith(Float32Array.from(test.y)).checks[0]!.passed).toBe(false);
    const noOffset = gradeWith(Float32Array.from(test.x, (x) => x ** 3));
    expect(noOffset.checks[0]!.value).toBeGreaterThan(0.028); // 0.0075 + 0.15² = 0.03
    expect(noOffset.status).toBe('failed');
    expect(gradeWith(Float32Array.from(test.x, (x) => x ** 3 + 0.15)).status).toBe('passed');
  });
});

describe('cubic exercise on tfjs (WASM)', () => {
  // The corpus (tests/exercises/04-activation-depth.test.ts) grades the solution on the public seed and seeds 1–2 (1–5 in `npm run check:corpus`).
  it('a straight line (no hidden layer) fails, too high', async () => {
    let source = solutionWith(id, /\n {2}model\.add\(tf\.layers\.dense\(\{ units: 32.*\n/, '\n');
    source = source.replace('units: data.targets,', 'units: data.targets, inputShape: [data.features],');
    const r = await gradeInProcess(id, source, 1);
    expect(r.status).toBe('failed');
    expect(r.checks[0]!.value).toBeGreaterThan(0.028);
  });

  it('the solution passes on seeds 6–10 too, and leaks no tensors', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    for (const seed of [6, 7, 8, 9, 10]) {
      const r = await gradeInProcess(id, loadExercise(id).solution, seed);
      expect(r.status, `seed ${seed}: ${JSON.stringify(r.error ?? r.checks)}`).toBe('passed');
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
