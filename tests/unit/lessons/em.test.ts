/**
 * The EM lesson: every number the page quotes against the file it comes from (the original post's re-run in
 * reference/results/exp4_gmm_density.json, scikit-learn's cross-check in tests/fixtures/mixtures/sklearn.json, and
 * our own scripts/mixtures/em-trajectory.ts output beside the figure), the figure's stored EM trajectory against
 * the maths (it is EM from the exercise's data, its NLL never rises, it stops by the stated rule), and the exercise
 * graded for real on tfjs (WASM): the starter fails, the solution passes without leaking tensors, and the wrong
 * variants the page and the messages name fail on the check that names them (scripts/mixtures/em-variants.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { emStep } from '../../../graders/mixtures/em.ts';
import { meanNll } from '../../../graders/mixtures/log-density.ts';
import { makeProblem } from '../../../graders/problems/index.ts';
import type { GmmEmInput } from '../../../graders/problems/mixtures/gmm-em.ts';
import reference from '../../../reference/results/exp4_gmm_density.json';
import { gradeVariant } from '../../../scripts/mixtures/em-variants.ts';
import { emStepsView, type EmTrajectory } from '../../../src/components/figures/mixtures/em/em-steps-view.ts';
import stored from '../../../src/components/figures/mixtures/em/em-trajectory.json';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import sklearn from '../../fixtures/mixtures/sklearn.json';
import { gradeInProcess } from '../../helpers/exercise.ts';

const id = '01-mixtures/04-em';
const { meta, starter, solution } = loadExercise(id);
const page = readFileSync('src/content/docs/mixtures/em.mdx', 'utf8').replace(/\s+/g, ' ');
const runs = reference.runs;
const span = (v: number[], f: (x: number) => string) => `${f(Math.min(...v))}–${f(Math.max(...v))}`;
const check = (metric: string) => meta.checks.find((c) => c.metric === metric)!;

describe('the numbers on the page', () => {
  it('the original post\'s Adam run and scikit-learn\'s EM, from the PyTorch re-run', () => {
    expect(reference.config.max_iter).toBe(20000);
    expect(page).toContain(`ran Adam for 20000 steps at a learning rate of ${reference.config.lr}`);
    expect(page).toContain(`(${span(runs.map((r) => r.train_time_s), (v) => v.toFixed(0))} s per fit in PyTorch)`);
    const gaps = runs.map((r) => r.gap_gd_minus_true);
    expect(page).toContain(`still ${Math.min(...gaps).toFixed(3)}–${Math.max(...gaps).toFixed(2)} nats above the true mixture's NLL`);
    expect(page).toContain(`took ${runs.map((r) => r.em_iterations).join(', ').replace(/, (\d+)$/, ' and $1')} EM iterations, in ${span(runs.map((r) => r.em_time_s * 1000), (v) => v.toFixed(0))} ms`);
  });

  it('the stuck scikit-learn EM on the post\'s first data set, and the cross-check\'s best of 20', () => {
    const first = runs.find((r) => r.seed === 0)!;
    expect(first.nll_em).toBeGreaterThan(first.nll_true); // a fit above the truth on its own data: a local optimum
    expect(page).toContain(`stopped at a training NLL of ${first.nll_em.toFixed(4)}`);
    expect(page).toContain(`The *true* mixture scores ${first.nll_true.toFixed(4)} on the same points`);
    expect(page).toContain(`"beat" EM (by ${(-first.gap_gd_minus_em).toFixed(4)} nats)`);
    const two = sklearn.cases.find((c) => c.seed === 2)!;
    expect(page).toContain(`one start stops at ${two.emDefaultNll.toFixed(4)}, while the best of 20 starts reaches ${two.emBestOf20Nll.toFixed(4)}`);
  });

  it('our iteration counts, timings and local optima, from scripts/mixtures/em-trajectory.ts', () => {
    expect(stored.provenance.script).toBe('scripts/mixtures/em-trajectory.ts');
    const { tolerance1e3: a, tolerance1e5: b } = stored.iterations;
    expect(stored.iterations.seeds).toEqual([1, 40]);
    expect(page).toContain(`data seeds 1–40), one EM run from a k-means++ start takes ${a[0]}–${a[2]} iterations (median ${a[1]})`);
    expect(page).toContain(`To reach $10^{-5}$ it takes ${b[0]}–${b[2]} (median ${b[1]})`);
    expect(page).toContain(`an iteration takes ${stored.iterations.medianMsPerIteration} ms, and a whole run to $10^{-3}$ takes ${stored.iterations.medianMsPerRunTolerance1e3} ms`);
    const o = stored.localOptima;
    expect(page).toContain(`on ${o.worseThan0005} of the ${o.runs}, by up to ${o.worstGap}`);
  });

  it('the exercise\'s bounds and stopping rule as the page states them', () => {
    expect(page).toContain(`within ${check('nllAboveEm').max} nats per point`);
    expect(meta.data.params).toMatchObject({ tolerance: 1e-5, maxIterations: check('convergedAt').max, emRestarts: 5 });
    expect(page).toContain(`reaches the given tolerance ($10^{-5}$) within ${check('convergedAt').max} iterations`);
    expect(page).toContain('<Exercise id="01-mixtures/04-em" />');
  });
});

describe('the figure\'s EM trajectory', () => {
  const t = stored.trajectory as EmTrajectory;
  const problem = makeProblem(meta.data, meta.seed);
  const input = problem.calls[0]!.arg as GmmEmInput;

  it('is EM on the exercise\'s public-seed data: each step is one EM step from the one before', () => {
    expect(t.seed).toBe(meta.seed);
    expect(t.tolerance).toBe(input.tolerance);
    expect(t.steps[0]!.gmm.weights).toEqual([0.25, 0.25, 0.25, 0.25]);
    for (const [i, s] of t.steps.entries()) {
      // The stored mixtures are rounded to 4 decimals: their NLL matches the stored one to ~1e-4.
      expect(Math.abs(meanNll(s.gmm, input.x, input.n) - s.nll)).toBeLessThan(5e-4);
      if (i > 0) expect(Math.abs(emStep(t.steps[i - 1]!.gmm, input.x, input.n, input.d).after - s.nll)).toBeLessThan(5e-4);
    }
  });

  it('never rises, and stops at the first step whose relative change is within the tolerance', () => {
    const nll = t.steps.map((s) => s.nll);
    const change = (i: number) => Math.abs(nll[i]! - nll[i - 1]!) / Math.max(Math.abs(nll[i]!), 1);
    for (let i = 1; i < nll.length; i++) {
      expect(nll[i]).toBeLessThanOrEqual(nll[i - 1]!);
      if (i < nll.length - 1) expect(change(i)).toBeGreaterThan(t.tolerance);
    }
    expect(change(nll.length - 1)).toBeLessThanOrEqual(t.tolerance);
  });

  it('draws the points, 4 true and 8 fitted ellipses at any step, and clamps the step', () => {
    const last = emStepsView(t, { step: t.steps.length - 1 });
    expect(last.planeSvg.match(/<ellipse/g)).toHaveLength(4 + 8);
    expect(last.planeSvg.match(/<circle/g)!.length).toBeGreaterThan(400);
    expect(last.nllSvg).toContain('<svg');
    expect(emStepsView(t, { step: 999 }).line).toBe(last.line);
    expect(emStepsView(t, { step: -3 }).line).toMatch(/^Iteration 0 of \d+: training NLL 2\.\d{4} \(true mixture 1\.\d{4}\); weights 0\.25, 0\.25, 0\.25, 0\.25\.$/);
  });
});

describe('the EM exercise on tfjs (WASM)', () => {
  it('the starter fails: its loop does not run, so iterations is 0', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    expect(r.checks.find((c) => c.metric === 'convergedAt')!.details![0]).toMatch(/^iterations is 0; it must be a whole number from 1 to maxIterations/);
  }, 60_000);

  it('the solution passes on the public seed without leaking tensors', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const r = await gradeInProcess(id, solution);
    expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  // The variants the page and the messages name (scripts/mixtures/em-variants.ts measures them on 10–100 seeds).
  const fails: [string, string][] = [
    ['variance divided by n, not N_k', 'nllRise'],
    ['stopped after 1 iteration', 'convergedAt'],
    ['E-step without the weights', 'historyMismatch'],
    ['history one step behind the mixture', 'historyMismatch'],
  ];
  it.each(fails)('%s fails on %s', async (name, metric) => {
    for (const seed of [1, 2]) {
      const r = await gradeVariant(name, seed);
      expect(r.status).toBe('failed');
      expect(r.checks.find((c) => c.metric === metric)!.passed).toBe(false);
    }
  }, 60_000);

  it('the variance around the previous mean passes: generalised EM, same fixed points', async () => {
    expect((await gradeVariant('variance around the old mean', 1)).status).toBe('passed');
  }, 60_000);
});
