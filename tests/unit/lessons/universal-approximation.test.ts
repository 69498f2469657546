/**
 * The universal-approximation lesson: its figures' pure computations (bump and ReLU approximations, the
 * union-of-triangles network), the noisy cubic's noise floor and the spread of the best predictor's test MSE, and
 * the cubic exercise graded for real on tfjs (WASM).
 */
import { describe, expect, it } from 'vitest';
import { cubicParams } from '../../../graders/datasets/cubic.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { grade } from '../../../graders/grade.ts';
import { cubicProblem } from '../../../graders/problems/regression.ts';
import {
  bump,
  bumpSum,
  clipLine,
  defaultSettings,
  errorTable,
  exampleTriangles,
  hiddenUnits,
  maxError,
  regionGrid,
  reluSum,
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
    expect(hiddenUnits('sigmoid', 8)).toBe(16);
  });

  it('draws the figure as SVG with a summary line', () => {
    expect(approxChartSvg(defaultSettings)).toMatch(/^<svg[\s\S]*sum of 10 bumps \(20 sigmoid units\)[\s\S]*<\/svg>$/);
    expect(approxChartSvg({ ...defaultSettings, units: 'relu', n: 5 })).toContain('5 linear pieces (5 ReLU units)');
    expect(errorChartSvg(defaultSettings)).toContain('N = 10');
    expect(approxSummary(defaultSettings)).toBe('10 bumps = 20 sigmoid units: largest error 0.271, at x = -1.00');
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
