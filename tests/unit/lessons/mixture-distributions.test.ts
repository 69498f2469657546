/**
 * The mixture-distributions lesson: the maths the page states (the density is the weighted sum, the mixture's and
 * the averaged draw's spreads it quotes, checked against large samples), that the page shows those numbers through
 * lesson-numbers.ts rather than typed by hand, the figure's seeded build-time render, the course types, and the
 * exercise graded for real on tfjs (WASM): the solution passes and each wrong sampler the lesson names fails with
 * a message that says which.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { gmmLogDensity } from '../../../graders/mixtures/log-density.ts';
import { sampleGmm } from '../../../graders/mixtures/sample.ts';
import type { MixtureSamplingInput as GraderInput } from '../../../graders/problems/mixtures/mixture-sampling.ts';
import { makeRng } from '../../../graders/rng.ts';
import { mixtureNumbers } from '../../../src/components/figures/mixtures/mixture-distributions/lesson-numbers.ts';
import { drawFigureSample, lessonMixture, sampleMoments, twoComponentMixture } from '../../../src/components/figures/mixtures/mixture-distributions/mixture-model.ts';
import { mixtureView } from '../../../src/components/figures/mixtures/mixture-distributions/mixture-view.ts';
import type { MixtureSamplingInput as CourseInput } from '../../../src/runtime/course.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '01-mixtures/01-sample-mixture';
const page = readFileSync('src/content/docs/mixtures/mixture-distributions.mdx', 'utf8');
const g = twoComponentMixture(lessonMixture.weightA, lessonMixture.offset);

// The learner's input type (course.ts, re-exported from graders/mixtures/learner-types.ts) and the generator's are the same type:
// this line stops compiling (npm run typecheck) if either drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameInput: Same<CourseInput, GraderInput> = true;

describe('the lesson’s mixture', () => {
  it('is A = N((−0.5, −0.5), 0.25²I) and B = N((0.5, 0.5), 0.25²I) with equal weights', () => {
    expect(g).toEqual({ weights: [0.5, 0.5], means: [[-0.5, -0.5], [0.5, 0.5]], stds: [[0.25, 0.25], [0.25, 0.25]] });
    expect(sameInput).toBe(true);
  });

  it('has the weighted sum of the components’ densities as its density', () => {
    const normal2 = (x: number, y: number, m: number) => Math.exp(-((x - m) ** 2 + (y - m) ** 2) / (2 * 0.25 ** 2)) / (2 * Math.PI * 0.25 ** 2);
    const pts = [0, 0, -0.5, -0.5, 0.3, -0.2, 1.2, 0.9];
    const logp = gmmLogDensity(g, pts, 4);
    for (let i = 0; i < 4; i++) expect(logp[i]).toBeCloseTo(Math.log(0.5 * normal2(pts[2 * i]!, pts[2 * i + 1]!, -0.5) + 0.5 * normal2(pts[2 * i]!, pts[2 * i + 1]!, 0.5)), 10);
  });

  it('quotes the spreads a large sample shows: the mixture 0.56 per axis, the averaged draw 0.18, narrower than a component', () => {
    const mix = sampleMoments(drawFigureSample(g, 100_000, 7, 'pick').xy, 0);
    const avg = sampleMoments(drawFigureSample(g, 100_000, 7, 'average').xy, 1);
    expect(mix.std).toBeCloseTo(Number(mixtureNumbers.mixtureStd), 2);
    expect(avg.std).toBeCloseTo(Number(mixtureNumbers.averagedStd), 2);
    expect(avg.mean).toBeCloseTo(Number(mixtureNumbers.averagedMean), 2);
    expect(Number(mixtureNumbers.averagedStd)).toBeLessThan(Number(mixtureNumbers.componentStd));
    // The variance decomposition on the page: Σπσ² + Σπ(μ − μ̄)² = 0.0625 + 0.25.
    expect(Number(mixtureNumbers.mixtureStd)).toBeCloseTo(Math.sqrt(0.25 ** 2 + 0.5 ** 2), 2);
    // The grader's own sampler (the exercise's reference) agrees.
    expect(sampleMoments(sampleGmm(g, 100_000, makeRng(8, 'check')).x, 0).std).toBeCloseTo(mix.std, 2);
  });

  it('the page shows every quoted number through lesson-numbers.ts, none typed by hand', () => {
    for (const key of Object.keys(mixtureNumbers)) expect(page).toContain(`{mixtureNumbers.${key}}`);
    const prose = page.replace(/^```[\s\S]*?^```/gm, '').replace(/\$\$[\s\S]*?\$\$/g, '').replace(/\$[^$]*\$/g, '');
    for (const v of [mixtureNumbers.mixtureStd, mixtureNumbers.averagedStd]) expect(prose).not.toContain(v);
    expect(page).toContain(`<Exercise id="${id}" />`);
  });
});

describe('the figure', () => {
  const settings = { ...lessonMixture, mode: 'pick' as const, n: 600, seed: 1 };
  it('draws the same seeded sample at build time and in the browser, coloured by component', () => {
    const view = mixtureView(settings);
    expect(mixtureView(settings)).toEqual(view);
    expect(view.svg.match(/<ellipse /g)).toHaveLength(4); // 1σ and 2σ for A and B
    expect(view.svg.match(/<circle /g)!.length).toBeGreaterThan(590); // a few points may fall outside the box
    expect(view.lines[0]).toMatch(/^\d+ of 600 points came from A \(\d+ %; its weight is 50 %\)/);
    expect(mixtureView({ ...settings, seed: 2 }).svg).not.toBe(view.svg);
  });
  it('in the averaging mode shows one narrow blob and says so', () => {
    const view = mixtureView({ ...settings, mode: 'average' });
    expect(view.lines[0]).toContain(`standard deviation ${mixtureNumbers.averagedStd} per axis`);
  });
});

describe('sample-mixture exercise on tfjs (WASM)', () => {
  const { starter } = loadExercise(id);
  const check = (r: Awaited<ReturnType<typeof gradeInProcess>>, metric: string) => r.checks.find((c) => c.metric === metric)!;
  const text = (r: Awaited<ReturnType<typeof gradeInProcess>>) => r.checks.flatMap((c) => [c.message, ...(c.details ?? [])]).join('\n');

  it('the starter fails on the proportions', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    expect(check(r, 'maxProportionZ').passed).toBe(false);
  });

  // The corpus (tests/exercises/01-mixtures.test.ts) grades the solution on the public seed and seeds 1–2.
  it('the solution passes without leaking tensors', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const r = await gradeInProcess(id, loadExercise(id).solution, 6);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    expect(tf.memory().numTensors).toBe(before);
  });

  const draw = 'points.push(means[c]!.map((m, j) => m + stds[c]![j]! * ctx.rng.normal()));';
  it.each([
    ['every point from component 0', 'const c = ctx.rng.categorical(weights);', 'const c = 0;', 'maxProportionZ', /All your points look drawn from component 0 alone/],
    [
      'averaging the components',
      draw,
      'points.push(means[c]!.map((_m, j) => weights.reduce((s, w, k) => s + w * (means[k]![j]! + stds[k]![j]! * ctx.rng.normal()), 0)));',
      'maxMomentZ',
      /that is averaging the components/,
    ],
    ['stds used as variances', draw, 'points.push(means[c]!.map((m, j) => m + stds[c]![j]! ** 2 * ctx.rng.normal()));', 'maxMomentZ', /the stds were used as variances/],
    ['weights ignored', 'const c = ctx.rng.categorical(weights);', 'const c = Math.floor(ctx.rng.uniform() * weights.length);', 'maxProportionZ', /% of your points, expected/],
  ])('%s fails with a message that says which', async (_name, find, replace, metric, message) => {
    const r = await gradeInProcess(id, solutionWith(id, find, replace), 1);
    expect(r.status).toBe('failed');
    expect(check(r, metric).passed).toBe(false);
    expect(text(r)).toMatch(message);
  });

  it('the axes read swapped (means[j][c]) stops with NaN coordinates on the 4-component 2-D mixture', async () => {
    const r = await gradeInProcess(id, solutionWith(id, draw, 'points.push(means[c]!.map((_m, j) => means[j]![c]! + stds[j]![c]! * ctx.rng.normal()));'), 1);
    expect(r.status).toBe('error');
    expect(r.error!.kind).toBe('nan');
  });
});
