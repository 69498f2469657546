/**
 * The sinusoidRegression generator (forward graded, the same code on the swapped columns shown, not graded) and the
 * inverse problem's exact maths it grades against (graders/mdn/inverse-conditional.ts): p(x | y), E[x | y], the
 * branches, and the report's informational notes (grade, the CLI's text).
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../../../../graders/grade.ts';
import { curveBranches, inverseConditionalMean, inverseConditionalMeans, inversePosterior } from '../../../../graders/mdn/inverse-conditional.ts';
import { originalSinusoid, sampleSinusoid, sinusoid } from '../../../../graders/mdn/sinusoid.ts';
import { meanSquaredError } from '../../../../graders/metrics.ts';
import { sinusoidRegressionParams, sinusoidRegressionProblem as g, swapped } from '../../../../graders/problems/mdn/sinusoid-regression.ts';
import type { CurvePanelsPlot } from '../../../../graders/problem.ts';
import { SecretSeed } from '../../../../graders/rng.ts';
import type { ExerciseMeta } from '../../../../graders/schema.ts';
import { formatReport } from '../../../../instructor/format-report.ts';

const process = { shape: originalSinusoid, noise: 1, xMin: -10, xMax: 10 };
const params = sinusoidRegressionParams.parse({ trainN: 300, testN: 400 });

/** Outputs of a "model" f on every evaluation of the problem's calls. */
function outputsOf(problem: ReturnType<typeof g.make>, f: (call: number, x: number) => number) {
  return problem.calls.map((c, i) => Object.fromEntries(c.evals.map((e) => [e.key, Float32Array.from((e as { x: Float32Array }).x, (x) => f(i, x))])));
}

describe('p(x | y) and E[x | y]', () => {
  it('the posterior integrates to 1 and is symmetric at y = 0, so E[x | 0] = 0', () => {
    const { x, density } = inversePosterior(process, 0);
    const step = x[1]! - x[0]!;
    const area = density.reduce((a, d, i) => a + (i === 0 || i === density.length - 1 ? 0.5 : 1) * d * step, 0);
    expect(area).toBeCloseTo(1, 10);
    expect(inverseConditionalMean(process, 0)).toBeCloseTo(0, 10);
    expect(density[0]).toBeCloseTo(density.at(-1)!, 12);
  });
  it('E[x | y] agrees with the mean x of sampled points whose y is near y (Monte Carlo)', () => {
    const s = sampleSinusoid({ ...process, trainN: 1, testN: 1, inverse: false }, 200_000, 1, 'mc', originalSinusoid);
    for (const y of [2, 8]) {
      let sum = 0, n = 0;
      for (let i = 0; i < s.n; i++) if (Math.abs(s.y[i]! - y) < 0.05) (sum += s.x[i]!), n++;
      expect(n).toBeGreaterThan(500);
      expect(sum / n).toBeCloseTo(inverseConditionalMean(process, y), 0);
    }
  });
  it('finds the branches where the noise-free curve passes y: five at y = 2, three at y = 8', () => {
    const at2 = curveBranches(process, 2);
    expect(at2).toHaveLength(5);
    for (const b of at2) expect(sinusoid(originalSinusoid, b)).toBeCloseTo(2, 8);
    expect(curveBranches(process, 8)).toHaveLength(3);
    expect(curveBranches(process, 30)).toEqual([]);
  });
  it('a y far above every branch still gets a finite mean (log domain), at the top of the curve', () => {
    const m = inverseConditionalMean(process, 40);
    expect(Number.isFinite(m)).toBe(true);
    expect(m).toBeGreaterThan(9);
  });
  it('the exact mean beats every other curve on the inverse problem: E[x | y] has the lowest MSE', () => {
    const s = swapped(sampleSinusoid({ ...process, trainN: 1, testN: 1, inverse: false }, 4000, 2, 'mse', originalSinusoid));
    const means = inverseConditionalMeans(process, s.x);
    const best = meanSquaredError(means, s.y);
    expect(best).toBeGreaterThan(20);
    expect(best).toBeLessThan(24);
    // Shifted or squashed copies of it, and the constant 0, all do worse.
    expect(meanSquaredError(means.map((m) => m + 1), s.y)).toBeGreaterThan(best);
    expect(meanSquaredError(means.map((m) => 0.8 * m), s.y)).toBeGreaterThan(best);
    expect(meanSquaredError(new Float64Array(s.n), s.y)).toBeGreaterThan(best);
  });
});

describe('the generator', () => {
  const problem = g.make(params, 7, { onPage: true });
  it('calls train twice: the forward split, then the same points with the columns swapped', () => {
    expect(problem.calls).toHaveLength(2);
    const [fwd, inv] = problem.calls.map((c) => c.arg as { x: Float32Array; y: Float32Array; n: number });
    expect(fwd!.n).toBe(300);
    expect(Array.from(inv!.x)).toEqual(Array.from(fwd!.y));
    expect(Array.from(inv!.y)).toEqual(Array.from(fwd!.x));
    expect(problem.calls[1]!.label).toBe('the inverse problem (x from y)');
  });
  it('grades the noise-free curve near the floor, and shows the inverse MSE in a note with its floor', () => {
    const perfect = outputsOf(problem, (call, x) => (call === 0 ? sinusoid(originalSinusoid, x) : inverseConditionalMean(process, x, 801)));
    const scored = g.score(params, problem.hidden, perfect);
    expect(scored.metrics.testMSE).toBeGreaterThan(0.8);
    expect(scored.metrics.testMSE).toBeLessThan(1.2);
    expect(scored.metrics.inverseMSE).toBeCloseTo(scored.metrics.inverseMeanMSE!, 6);
    expect(scored.notes).toHaveLength(1);
    expect(scored.notes![0]!.metric).toBe('inverseMSE');
    expect(scored.notes![0]!.message).toMatch(/your same code got MSE 2\d\.\d\..*E\[x \| y\] scores 2\d\.\d on these points/);
  });
  it('plots both fits side by side: the truth under the forward fit, E[x | y] under the inverse one', () => {
    const out = outputsOf(problem, () => 0);
    const plot = g.plot!(params, problem.hidden, out) as CurvePanelsPlot;
    expect(plot.kind).toBe('curve-panels');
    expect(plot.panels.map((p) => [p.xLabel, p.yLabel])).toEqual([['x', 'y'], ['y', 'x']]);
    expect(plot.panels[1]!.title).toMatch(/^Inverse: x from y, MSE .* \(not graded\)$/);
    expect(plot.panels[0]!.trueY![0]).toBeCloseTo(sinusoid(originalSinusoid, -10), 4);
    expect(plot.panels[1]!.trueY!.length).toBe(plot.panels[1]!.curveX.length);
  });
  it('without showInverse, or off the page (the instructor\'s grader): one call, no note, one panel', () => {
    for (const [p, onPage] of [[sinusoidRegressionParams.parse({ trainN: 50, testN: 50, showInverse: false }), true], [params, false]] as const) {
      const one = g.make(p, 3, { onPage });
      expect(one.calls).toHaveLength(1);
      const out = outputsOf(one, () => 0);
      expect(g.score(p, one.hidden, out)).toMatchObject({ metrics: { inverseMSE: 0, inverseMeanMSE: 0 } });
      expect(g.score(p, one.hidden, out).notes).toBeUndefined();
      expect((g.plot!(p, one.hidden, out) as CurvePanelsPlot).panels).toHaveLength(1);
    }
  });
  it('moves the curve under a secret seed, so a hard-coded formula does not score the floor', () => {
    const secret = g.make(params, SecretSeed.fromKey(new Uint8Array(16).fill(9)), {});
    const formula = outputsOf(secret, (_c, x) => sinusoid(originalSinusoid, x));
    expect(g.score(params, secret.hidden, formula).metrics.testMSE).toBeGreaterThan(1.5);
  });
});

describe('informational notes in the report', () => {
  const meta = { id: 'x/y', checks: [{ metric: 'testMSE', label: 'MSE', max: 2, tooHigh: 'high', derivation: 'd' }] } as unknown as ExerciseMeta;
  const info = { seed: 1, backend: 'wasm', durationMs: 5 };
  it('grade() passes them on without grading them; the CLI prints them as not graded', () => {
    const note = { metric: 'inverseMSE', label: 'Inverse problem MSE', value: 22.7, message: 'the conditional mean' };
    const r = grade(meta, { metrics: { testMSE: 1, inverseMSE: 22.7 }, notes: [note] }, info);
    expect(r.status).toBe('passed');
    expect(r.notes).toEqual([note]);
    expect(formatReport(r)).toContain('Inverse problem MSE       22.7  (not graded)\n      the conditional mean');
  });
  it('a report without notes has no notes field (reports of other exercises are unchanged)', () => {
    expect('notes' in grade(meta, { metrics: { testMSE: 1 } }, info)).toBe(false);
  });
});
