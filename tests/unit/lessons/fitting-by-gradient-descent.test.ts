/**
 * The "Fitting by gradient descent" lesson: the numbers it quotes against the original's re-run
 * (reference/results/exp4_gmm_density.json) and against our measurement (fit-adam-figure.json, written by
 * scripts/mixtures/fit-adam-figure.ts), its figures' SVG, and the exercise graded on real tfjs (WASM): the
 * starter and a wrong variant fail with the message that names them, and the solution's report shows the learner's,
 * the true and EM's held-out NLL side by side.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { gmmFitParams } from '../../../graders/problems/mixtures/gmm-fit.ts';
import original from '../../../reference/results/exp4_gmm_density.json';
import stored from '../../../src/components/figures/mixtures/fitting-by-gradient-descent/fit-adam-figure.json';
import { fitPlaneSvg, lossSvg, weightsSvg, type FitAdamFigure } from '../../../src/components/figures/mixtures/fitting-by-gradient-descent/fit-adam-view.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '01-mixtures/03-fit-adam';
const { meta, starter } = loadExercise(id);
const figure = stored as FitAdamFigure;
const page = readFileSync('src/content/docs/mixtures/fitting-by-gradient-descent.mdx', 'utf8').replace(/\s+/g, ' ');
const bound = (metric: string) => meta.checks.find((c) => c.metric === metric)!;
const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

describe('the exercise’s data', () => {
  it('is issue 12’s: 2000 points of a random 4-component 2-D mixture, scored on 20000 fresh ones', () => {
    expect(gmmFitParams.parse(meta.data.params)).toEqual({ components: 4, dims: 2, trainN: 2000, testN: 20000, emRestarts: 5 });
    expect(meta.data.generator).toBe('gmmFit');
  });
});

describe('the original’s numbers the lesson quotes (reference/results/exp4_gmm_density.json)', () => {
  const runs = original.runs;
  it('its setup: Adam 5e-4 for 20000 steps, no early stop', () => {
    expect(original.config.lr).toBe(5e-4);
    expect(original.config.max_iter).toBe(20000);
    expect(page).toContain('(PyTorch, learning rate 5e-4, 20000 steps)');
  });
  it('relu weights left 4, 1 and 2 of 4 components alive', () => {
    const alive = runs.map((r) => r.active_components_gd);
    expect(alive).toEqual([4, 1, 2]);
    expect(page).toContain(`on three data seeds ended with ${alive.slice(0, -1).join(', ')} and ${alive.at(-1)} of 4 components alive`);
  });
  it('it stayed 0.085 nats above the true mixture on average (worst 0.15), after about 32 s of training', () => {
    const s = original.summary;
    expect(page).toContain(`still ${s.gap_gd_minus_true.mean.toFixed(3)} nats above the true mixture on average (worst ${s.gap_gd_minus_true.max.toFixed(2)})`);
    expect(page).toContain(`after 20000 steps (${Math.round(s.train_time_s.mean)} s in PyTorch)`);
  });
  it('a loss threshold of 0.3 never fired: the true mixture’s NLL is 1.7–2.1', () => {
    expect(runs.every((r) => r['iter_rule_thresh_0.3'] === null)).toBe(true);
    expect(page).toContain(`${range(runs.map((r) => r.nll_true), 2)} nats on the re-run's three seeds, so a threshold of 0.3 never fires`);
  });
});

describe('our numbers the lesson quotes (fit-adam-figure.json)', () => {
  it('was written by its script, on the exercise’s generator', () => {
    expect(figure.provenance.script).toBe('scripts/mixtures/fit-adam-figure.ts');
    expect(figure.provenance.command).toContain('scripts/mixtures/fit-adam-figure.ts');
    expect(figure.fit.points.length).toBe((2 * 2000) / 4);
  });
  it('the reference fit is as close to the truth as the exercise demands, and next to EM', () => {
    const { fitted, truth, em } = figure.fit.heldoutNll;
    expect(fitted - truth).toBeGreaterThan(bound('nllAboveTrue').min!);
    expect(fitted - truth).toBeLessThan(bound('nllAboveTrue').max!);
    expect(fitted - em).toBeLessThan(bound('nllAboveEm').max!);
    // The lower bound is many standard errors of the held-out difference below 0.
    expect(-bound('nllAboveTrue').min! / figure.fit.heldoutDifference.standardError).toBeGreaterThan(10);
  });
  it('relu weights lose components for good; softmax weights do not', () => {
    const relu = figure.relu.relu, soft = figure.relu.softmax;
    expect(relu.gmm.weights.filter((w) => w === 0).length).toBeGreaterThan(0);
    expect(soft.gmm.weights.every((w) => w > 0)).toBe(true);
    // Once a relu weight is 0 it stays 0 at every later step.
    for (let c = 0; c < 4; c++) {
      const first = relu.history.findIndex((h) => h.weights[c] === 0);
      if (first >= 0) expect(relu.history.slice(first).every((h) => h.weights[c] === 0)).toBe(true);
    }
    const alive = figure.sweep.map((s) => s.alive);
    expect(page).toContain(`one start of Adam with relu weights ended with ${Math.min(...alive)} to ${Math.max(...alive)} components alive`);
    expect(Math.min(...alive)).toBeLessThan(4);
  });
  it('one start of Adam at 0.02–0.05 gets within 0.02 of EM in the steps the lesson quotes, or stops in a local optimum', () => {
    const runs = figure.toEm.flatMap((t) => t.seeds);
    const reached = runs.filter((s) => s.steps !== null).map((s) => s.steps!);
    const stuck = runs.filter((s) => s.steps === null);
    const stuckSeeds = [...new Set(stuck.map((s) => s.seed))].sort((a, b) => a - b);
    // A seed is stuck at both learning rates or at neither.
    expect(stuck.length).toBe(2 * stuckSeeds.length);
    const above = stuck.map((s) => s.finalAboveEm);
    expect(Math.min(...above)).toBeGreaterThan(0.02);
    expect(page).toContain(
      `the same points in ${Math.min(...reached)} to ${Math.max(...reached)} steps on ${8 - stuckSeeds.length} of data seeds 1–8; on seeds ${stuckSeeds.join(' and ')} ` +
        `it stopped in a local optimum, ${Math.min(...above).toFixed(2)} to ${Math.max(...above).toFixed(2)} nats above EM after 2000 steps`,
    );
  });
  it('draws its figures as SVG', () => {
    for (const svg of [fitPlaneSvg(figure), lossSvg(figure), weightsSvg(figure, 'relu'), weightsSvg(figure, 'softmax')]) {
      expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(svg).toContain('<title>');
    }
  });
});

describe('the exercise on tfjs (WASM)', () => {
  it('the starter (all means at zero, no training) fails far above the truth', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    expect(r.checks.find((c) => c.metric === 'nllAboveTrue')!.value).toBeGreaterThan(0.1);
  }, 300_000);

  it('variances returned as stds fail with the message that names them, and the line shows all three NLLs', async () => {
    const r = await gradeInProcess(id, solutionWith(id, 'tf.exp(pick(logStds))', 'tf.exp(tf.mul(2, pick(logStds)))'), 1);
    const check = r.checks.find((c) => c.metric === 'nllAboveTrue')!;
    expect(check.passed).toBe(false);
    expect(check.message).toContain('variances returned as stds');
    expect(check.details!.join(' ')).toMatch(/Held-out NLL \(nats per point\): yours [\d.]+, the true mixture [\d.]+, EM \(best of 5\) [\d.]+\./);
  }, 300_000);
  // The corpus (tests/exercises/01-mixtures.test.ts) grades the solution on the public seed and seeds 1–2.
});
