/**
 * The mdn-nll generator: its hidden rows are what they claim (tiny σ, y 30–60 σ from every μ, tiny weights, all in
 * float32), the float64 reference scores 0, the right answer in float32 tfjs (WASM) sits near float32 rounding, and
 * the wrong variants of scripts/mdn/mdn-nll-variants.ts land far above the bound with lines that say why; hidden
 * rows change under a secret seed.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mixtureLogDensity } from '../../../../graders/mdn/conditional-mixture.ts';
import { makeProblem } from '../../../../graders/problems/index.ts';
import { naiveUnderflows, type MdnNllInput, type NllCase } from '../../../../graders/problems/mdn/mdn-nll.ts';
import { SecretSeed } from '../../../../graders/rng.ts';
import { useNodeBackend } from '../../../../src/runtime/node-backend.ts';
import { measuredData, nllRanges, nllVariants, runVariant, variantError } from '../../../../scripts/mdn/mdn-nll-variants.ts';

const seeds = [1, 2, 3, 4, 5];
const bound = 1e-4; // exercise.yaml's max

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('mdn-nll problem', () => {
  const problem = makeProblem(measuredData, 1);
  const { cases } = problem.hidden as { cases: NllCase[] };
  const rowsOf = (c: NllCase, kind: string) => c.kinds.flatMap((k, i) => (k === kind ? [i] : []));
  const row = (c: NllCase, i: number) => ({
    pi: c.input.pi[i]!,
    mu: c.input.mu[i]!,
    sigma: c.input.sigma[i]!,
    z: c.input.mu[i]!.map((m, j) => Math.abs(c.input.y[i]! - m) / c.input.sigma[i]![j]!),
  });

  it('poses one call per k, 320 rows each, in float32 numbers', () => {
    expect(cases.map((c) => [c.input.k, c.input.n, c.input.pi.length, c.input.pi[0]!.length])).toEqual([[5, 320, 320, 5], [3, 320, 320, 3]]);
    expect(problem.calls[0]!.evals).toEqual([{ key: 'nll', kind: 'array', shape: [320], label: 'the per-row NLL', allowNonFinite: true }]);
    for (const c of cases) {
      for (const v of [...c.input.pi.flat(), ...c.input.mu.flat(), ...c.input.sigma.flat(), ...c.input.y]) expect(Math.fround(v)).toBe(v);
      expect(c.kinds.filter((k) => k === 'ordinary')).toHaveLength(200);
    }
  });

  it('builds each kind of row as described', () => {
    for (const c of cases) {
      for (const i of rowsOf(c, 'tinySigma')) for (const s of row(c, i).sigma) expect(s).toBeGreaterThan(0.99e-6), expect(s).toBeLessThan(1.01e-4);
      for (const i of rowsOf(c, 'far')) expect(Math.min(...row(c, i).z)).toBeGreaterThan(29.9);
      for (const i of rowsOf(c, 'tinyPi')) {
        const r = row(c, i), t = r.pi.indexOf(Math.min(...r.pi));
        expect(r.pi[t]).toBeLessThan(1.01e-20);
        expect(r.z[t]).toBeGreaterThan(10.9);
        r.z.forEach((z, j) => j !== t && expect(z).toBeGreaterThan(39.9));
      }
    }
  });

  it('scores the float64 reference 0, and a NaN as NaN with its row named', () => {
    const exact = cases.map((c) => ({ nll: Float32Array.from(mixtureLogDensity(c.mixture, c.y), (v) => -v) }));
    expect(problem.score(exact).metrics.maxRelativeError).toBeLessThan(1e-7); // float32 rounding of the answer only
    const withNaN = exact.map((o) => ({ nll: o.nll.slice() }));
    const ordinary = rowsOf(cases[1]!, 'ordinary')[0]!;
    withNaN[1]!.nll[ordinary] = NaN;
    const scored = problem.score(withNaN);
    expect(scored.metrics.maxRelativeError).toBeNaN();
    expect(scored.details!.maxRelativeError![1]).toMatch(new RegExp(`^3 components: 1 of 320 rows are not finite \\(row ${ordinary} is NaN, an ordinary row, .*something takes log 0`));
  });

  it('refuses tiny-weight rows with one component (nothing would carry the rest of the weight) and calls without rows', () => {
    const params = measuredData.params as Record<string, unknown>;
    expect(() => makeProblem({ ...measuredData, params: { ...params, components: [1] } }, 1)).toThrow(/tinyPi rows need at least 2 components/);
    expect(() => makeProblem({ ...measuredData, params: { ...params, components: [1], tinyPi: 0 } }, 1)).not.toThrow();
    expect(() => makeProblem({ ...measuredData, params: { components: [3], ordinary: 0, tinySigma: 0, far: 0, tinyPi: 0 } }, 1)).toThrow(/at least one row/);
  });

  it('a secret seed gives other rows', () => {
    const secret = makeProblem(measuredData, SecretSeed.fromKey(new Uint8Array(16).fill(7)));
    expect((secret.calls[0]!.arg as MdnNllInput).mu).not.toEqual(cases[0]!.input.mu);
    expect((secret.calls[0]!.arg as MdnNllInput).y).not.toEqual(cases[0]!.input.y);
  });
});

describe('graded answers in float32 tfjs (WASM)', () => {
  it.each(seeds)('seed %i: logsumexp scores below 2e-6 (float32 rounding), and leaks no tensors', (seed) => {
    const before = tf.memory().numTensors;
    // Measured 2.2e-7 … 1.1e-6 on seeds 1–10 (scripts/mdn/mdn-nll-variants.ts).
    expect(variantError(tf, nllVariants['logsumexp (right)']!, seed)).toBeLessThan(2e-6);
    expect(variantError(tf, nllVariants['logsumexp, max subtracted by hand']!, seed)).toBeLessThan(2e-6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the original exp → sum → log is Infinity exactly where the density underflows float32, and the line says so', () => {
    const problem = makeProblem(measuredData, 2);
    const { cases } = problem.hidden as { cases: NllCase[] };
    const outputs = cases.map((c) => ({ nll: runVariant(tf, nllVariants['exp, sum, then log (the original)']!, c.input) }));
    const scored = problem.score(outputs);
    expect(scored.metrics.maxRelativeError).toBe(Infinity);
    cases.forEach((c, k) => {
      c.kinds.forEach((kind, i) => {
        // Every far and tiny-weight row underflows; no ordinary row does; and exactly the rows the generator
        // predicts (exp(−½ z²) or π·N below e^−103.3 in every component) come out Infinity.
        if (kind === 'far' || kind === 'tinyPi') expect(outputs[k]!.nll[i]).toBe(Infinity);
        if (kind === 'ordinary') expect(Number.isFinite(outputs[k]!.nll[i])).toBe(true);
        expect(outputs[k]!.nll[i] === Infinity, `row ${i} (${kind})`).toBe(naiveUnderflows(c, i));
      });
      expect(scored.details!.maxRelativeError![k]).toMatch(/rows are not finite .* exp underflowed to 0 before the log, and −log 0 is Infinity\. Stay in the log domain: tf\.logSumExp over log π \+ log N\.$/);
    });
  });

  // Each slip's measured range (seeds 1–10, mdn-nll-variants.ts) is far above the bound; checked here on 5 seeds.
  it.each([
    ['right, stored in float16', 4e-4],
    ['log(π + 1e-8)', 0.3],
    ['−½ log 2π left out', 0.9],
    ['σ read as a variance', 1.9],
    ['+log σ instead of −log σ', 12],
    ['the mean NLL in every row', 140],
  ])('%s scores above %s on every seed', (name, floor) => {
    for (const seed of seeds) {
      const e = variantError(tf, nllVariants[name]!, seed);
      expect(e).toBeGreaterThan(floor);
      expect(e).toBeGreaterThan(bound);
    }
  });

  it('names the worst row and its kind', () => {
    const problem = makeProblem(measuredData, 3);
    const outputs = problem.calls.map((c) => ({ nll: runVariant(tf, nllVariants['log(π + 1e-8)']!, c.arg as MdnNllInput) }));
    expect(problem.score(outputs).details!.maxRelativeError![0]).toMatch(/^5 components: largest relative error 0\.\d+ at row \d+, a row whose nearest component has weight \d\.\de-\d+ \(yours /);
  });
});

describe('what exercise.yaml says about the hidden rows', () => {
  it('quotes the NLL range of each kind and the original’s Infinity count from the variants script (seeds 1–10 and 42)', () => {
    const yaml = readFileSync('exercises/02-mdn/02-mdn-nll/exercise.yaml', 'utf8').replace(/\s*\n\s*#?\s*/g, ' ');
    const { ranges, naiveNonFinite } = nllRanges(tf, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 42]);
    const t = (v: number, digits: number) => v.toFixed(digits).replace('-', '−');
    expect(yaml).toContain(`NLL ${t(ranges.ordinary[0], 2)} to ${t(ranges.ordinary[1], 1)} on seeds 1–10 and 42`);
    expect(yaml).toContain(`NLL ${t(ranges.tinySigma[0], 1)} to ${t(ranges.tinySigma[1], 0)}`);
    expect(yaml).toContain(`NLL ${t(ranges.far[0], 0)} to ${t(ranges.far[1], 0)}`);
    expect(yaml).toContain(`NLL ${t(ranges.tinyPi[0], 0)} to ${t(ranges.tinyPi[1], 0)}`);
    expect(yaml).toContain(`Infinity on ${naiveNonFinite.tinySigma[0]} of these ${naiveNonFinite.tinySigma[1]} rows`);
    expect(naiveNonFinite.far[0]).toBe(naiveNonFinite.far[1]);
    expect(naiveNonFinite.tinyPi[0]).toBe(naiveNonFinite.tinyPi[1]);
    expect(naiveNonFinite.ordinary[0]).toBe(0);
  });
});
