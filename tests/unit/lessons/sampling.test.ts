/**
 * The "Sampling from an MDN" lesson: the maths the page states (pick-then-draw has the mixture's density, the
 * Gumbel-max trick is a categorical draw, the PIT of right draws is uniform and √n·KS mostly lies in 0.4–1.6),
 * the numbers it quotes against scripts/mdn/sampling-figure.ts's JSON (and that JSON against the generator), the
 * figures' build-time renders, the course types, and the exercise graded for real on tfjs (WASM): the solution
 * passes without leaking, the starter and each wrong sampler the page names fail with a message that says which.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { mixtureCdf, sampleMixture } from '../../../graders/mdn/conditional-mixture.ts';
import { trainedMdnRecord } from '../../../graders/mdn/trained-mdn-weights.ts';
import { ksUniform, pitValues } from '../../../graders/mdn/pit.ts';
import type { MdnSamplingInput as GraderInput } from '../../../graders/problems/mdn/mdn-sampling.ts';
import { makeRng } from '../../../graders/rng.ts';
import { samplingNumbers } from '../../../src/components/figures/mdn/sampling/lesson-numbers.ts';
import numbers from '../../../src/components/figures/mdn/sampling/sampling-numbers.json';
import { figureInputStream, figureInstance } from '../../../src/components/figures/mdn/sampling/sampling-model.ts';
import { sampleSinusoid, sinusoidParams } from '../../../graders/mdn/sinusoid.ts';
import { samplingView } from '../../../src/components/figures/mdn/sampling/sampling-view.ts';
import type { MdnSamplingInput as CourseInput } from '../../../src/runtime/course.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { samplingMetrics, samplingParams, samplingVariants } from '../../../scripts/mdn/sampling-variants.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '02-mdn/04-sample-mdn';
const page = readFileSync('src/content/docs/mixture-density-networks/sampling.mdx', 'utf8');

// The learner's input type (course.ts) and the generator's are the same type: this stops compiling if either drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameInput: Same<CourseInput, GraderInput> = true;

/** The Kolmogorov distribution's CDF, P(√n·D ≤ t) for large n. */
const kolmogorov = (t: number) => 1 - 2 * Array.from({ length: 100 }, (_, j) => (-1) ** j * Math.exp(-2 * (j + 1) ** 2 * t * t)).reduce((a, b) => a + b, 0);

describe('the maths the page states', () => {
  const { mixture } = figureInstance(400);
  it('pick-then-draw has the mixture’s density: the draws’ CDF at an input’s quantiles matches F', () => {
    // Many draws at one input (row 0 repeated), compared with the mixture's CDF there.
    const n = 100_000;
    const row = { n, k: mixture.k, pi: new Float64Array(n * mixture.k), mu: new Float64Array(n * mixture.k), sigma: new Float64Array(n * mixture.k) };
    for (let i = 0; i < n; i++)
      for (let c = 0; c < mixture.k; c++) {
        row.pi[i * mixture.k + c] = mixture.pi[c]!;
        row.mu[i * mixture.k + c] = mixture.mu[c]!;
        row.sigma[i * mixture.k + c] = mixture.sigma[c]!;
      }
    const y = sampleMixture(row, makeRng(5, 'test')).y;
    for (const v of [-8, -3, 0, 3, 8]) {
      const F = mixtureCdf(mixture, 0, v);
      // Within 4 binomial standard errors of F.
      expect(Math.abs(y.filter((t) => t <= v).length / n - F)).toBeLessThan(4 * Math.sqrt((F * (1 - F)) / n) + 1e-9);
    }
  });

  it('the Gumbel-max trick picks k with probability π_k', () => {
    const pi = [0.5, 0.3, 0.15, 0.05], rng = makeRng(9, 'gumbel'), counts = [0, 0, 0, 0], n = 40000;
    for (let i = 0; i < n; i++) {
      const scores = pi.map((p) => Math.log(p) - Math.log(-Math.log(rng.uniform())));
      counts[scores.indexOf(Math.max(...scores))]!++;
    }
    counts.forEach((c, k) => expect(c / n).toBeCloseTo(pi[k]!, 2));
  });

  it('the PIT of right draws is uniform, and √n·KS lies in 0.4–1.6 with probability about 98.5 %', () => {
    const u = pitValues(mixture, sampleMixture(mixture, makeRng(2, 'pit')).y);
    expect(Math.sqrt(u.length) * ksUniform(u)).toBeLessThan(1.8);
    expect(kolmogorov(0.4)).toBeCloseTo(0.0028, 3);
    expect(1 - kolmogorov(1.6)).toBeCloseTo(0.012, 3);
    // The exercise's bounds: below 0.2 about 5e-13, above 2.6 about 2.7e-6 (exercise.yaml's derivation).
    expect(1 - kolmogorov(2.6)).toBeCloseTo(2 * Math.exp(-2 * 2.6 ** 2), 8);
    expect(kolmogorov(0.2)).toBeLessThan(1e-12);
  });
});

describe('the numbers the page quotes', () => {
  it('come from sampling-numbers.json, written by scripts/mdn/sampling-figure.ts for the exercise’s params', () => {
    expect(numbers.provenance.script).toBe('scripts/mdn/sampling-figure.ts');
    expect(numbers.seed).toBe(loadExercise(id).meta.seed);
    expect(loadExercise(id).meta.data.params).toEqual(samplingParams);
    expect(numbers.n).toBe(samplingParams.n);
    expect(numbers.model.validationNll).toBe(trainedMdnRecord.validationNll);
    expect(numbers.model.keptEpoch).toBe(trainedMdnRecord.recipe.keptEpoch);
    // The recipe the page states: 20 tanh units, K = 5, 1000 training points; the figure's 1000 inputs.
    expect(trainedMdnRecord.recipe).toMatchObject({ hidden: 20, components: 5 });
    expect(trainedMdnRecord.recipe.data).toContain('1000 train');
    expect(page).toContain('20 tanh\nunits');
    expect(readFileSync('src/components/figures/mdn/sampling/MdnSamples.astro', 'utf8')).toContain("n: 1000 }");
    expect(numbers.variants.map((v) => v.name)).toEqual(Object.keys(samplingVariants));
  });

  it('match the generator on the public seed and the null range on seeds 1–100', () => {
    for (const v of numbers.variants.slice(0, 3)) {
      const m = samplingMetrics(v.name, numbers.seed);
      expect(m.pitKs).toBeCloseTo(v.pitKs, 2);
      expect(m.logDensityZ).toBeCloseTo(v.logDensityZ, 2);
    }
    const first = samplingMetrics('right (pick k by π, then draw)', 1);
    expect(first.pitKs).toBeGreaterThanOrEqual(numbers.null.pitKs[0]!);
    expect(first.pitKs).toBeLessThanOrEqual(numbers.null.pitKs[1]!);
    // The page's claims about them: the mixed sampler passes the PIT and fails the z; the mean piles u in the middle.
    const mixed = numbers.variants.find((v) => v.name.startsWith('μ of one'))!;
    expect(mixed.failed).toEqual(['logDensityZ']);
    expect(mixed.pitKs).toBeLessThan(numbers.null.pitKs[1]!);
    expect(numbers.variants[0]!.failed).toEqual([]);
    expect(numbers.variants.find((v) => v.name.startsWith('the mixture mean'))!.centralShare).toBeGreaterThan(0.7);
    // The original's test inputs run to ±15, past the data: the page's extrapolation claim.
    expect(Math.max(-numbers.inputRange[0]!, numbers.inputRange[1]!)).toBeLessThan(15);
  });

  it('the page shows every quoted number through lesson-numbers.ts, none typed by hand', () => {
    for (const key of Object.keys(samplingNumbers)) expect(page).toContain(`{samplingNumbers.${key}}`);
    const prose = page.replace(/^```[\s\S]*?^```/gm, '').replace(/\$\$[\s\S]*?\$\$/g, '').replace(/\$[^$]*\$/g, '');
    for (const v of [samplingNumbers.validationNll, samplingNumbers.meanCentral, samplingNumbers.mixedZ, samplingNumbers.nullKsHigh]) expect(prose).not.toContain(v);
    expect(page).toContain(`<Exercise id="${id}" />`);
    expect(page).toContain('0.919');
    expect(sameInput).toBe(true);
  });
});

describe('the figures', () => {
  const settings = { mode: 'pick' as const, seed: 1, n: 1000 };
  it('draw the inverse problem exactly as the module\'s data generator does', () => {
    const split = sampleSinusoid(sinusoidParams.parse({ trainN: 300, testN: 300, inverse: true }), 300, figureInputStream.seed, figureInputStream.stream);
    const fig = figureInstance(300);
    expect(Array.from(fig.x)).toEqual(Array.from(split.x));
    expect(Array.from(fig.data)).toEqual(Array.from(split.y));
  });
  it('draw the same seeded sample at build time and in the browser, data and draws over (x, y) and the PIT', () => {
    const view = samplingView(settings);
    expect(samplingView(settings)).toEqual(view);
    expect(view.scatter.match(/<circle /g)!.length).toBeGreaterThan(1900);
    expect(view.pit.match(/<rect /g)).toHaveLength(11); // 10 bars and the frame
    expect(samplingView({ ...settings, seed: 2 }).scatter).not.toBe(view.scatter);
  });
  it('say which sampler fails: the mean’s PIT is far from uniform, the mixed one’s log-density z far out', () => {
    const ks = (mode: typeof settings.mode | 'mean' | 'mixed') => Number(samplingView({ ...settings, mode }).lines[1]!.match(/uniform ([\d.]+)/)![1]);
    expect(ks('pick')).toBeLessThan(2);
    expect(ks('mean')).toBeGreaterThan(5);
    expect(samplingView({ ...settings, mode: 'mixed' }).lines[2]).toMatch(/against right draws: [4-9]\.\d\d|against right draws: \d\d\./);
  });
});

describe('sample-mdn exercise on tfjs (WASM)', () => {
  const { starter } = loadExercise(id);
  const text = (r: Awaited<ReturnType<typeof gradeInProcess>>) => r.checks.flatMap((c) => [c.message, ...(c.details ?? [])]).join('\n');

  it('the starter fails, and is told it used one component for every input', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    expect(text(r)).toMatch(/one component for every input/);
  });

  // The corpus (tests/exercises/02-mdn.test.ts) grades the solution on the public seed and seeds 1–2.
  it('the solution passes without leaking tensors', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const r = await gradeInProcess(id, loadExercise(id).solution, 6);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    expect(tf.memory().numTensors).toBe(before);
  });

  const pick = 'const k = ctx.rng.categorical(pi[i]!);';
  const draw = 'y.push(mu[i]![k]! + sigma[i]![k]! * ctx.rng.normal());';
  it.each([
    ['the mixture mean', draw, 'y.push(pi[i]!.reduce((s, p, j) => s + p * mu[i]![j]!, 0));', /you returned the mean/],
    ['one Gaussian at the mean', draw, 'y.push(pi[i]!.reduce((s, p, j) => s + p * mu[i]![j]!, 0) + pi[i]!.reduce((s, p, j) => s + p * sigma[i]![j]!, 0) * ctx.rng.normal());', /one Gaussian N\(Σπμ, Σπσ\)/],
    ['always the heaviest component', pick, 'const k = pi[i]!.indexOf(Math.max(...pi[i]!));', /always taking the argmax of π/],
    ['μ of one component, σ of another', draw, 'y.push(mu[i]![k]! + sigma[i]![ctx.rng.categorical(pi[i]!)]! * ctx.rng.normal());', /μ from one component with σ from another/],
    ['σ squared', draw, 'y.push(mu[i]![k]! + sigma[i]![k]! ** 2 * ctx.rng.normal());', /If you squared σ/],
    ['the weights ignored', pick, 'const k = Math.floor(ctx.rng.uniform() * pi[i]!.length);', /the weights π were ignored/],
  ])('%s fails with a message that says which', async (_name, find, replace, message) => {
    const r = await gradeInProcess(id, solutionWith(id, find, replace), 1);
    expect(r.status).toBe('failed');
    expect(text(r)).toMatch(message);
  });
});
