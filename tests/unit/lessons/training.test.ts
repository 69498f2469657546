/**
 * The "Training an MDN" lesson: the numbers it quotes (lesson-numbers.ts) against the original's re-run
 * (reference/results/exp6_mdn.json) and against our measurements (training-figure.json and training-sweep.json from
 * scripts/mdn/training-figure.ts, train-variants.json from scripts/mdn/train-variants.ts), the figure's maths and
 * SVG, and the exercise graded on real tfjs (WASM): the starter and a wrong variant fail with the message that names
 * them. The solution passing on three seeds is the corpus test's (tests/exercises/02-mdn.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { mdnTrainParams } from '../../../graders/problems/mdn/mdn-train.ts';
import rerun from '../../../reference/results/exp6_mdn.json';
import figureFile from '../../../src/components/figures/mdn/training/training-figure.json';
import sweepFile from '../../../src/components/figures/mdn/training/training-sweep.json';
import { rerunBestEpochs, rerunTable, sweep, trainingNumbers as n, variantNames, variants } from '../../../src/components/figures/mdn/training/lesson-numbers.ts';
import { densityAt, densityGrid, type TrainingRun } from '../../../src/components/figures/mdn/training/training-model.ts';
import { frames, trainingView } from '../../../src/components/figures/mdn/training/training-view.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '02-mdn/03-train-mdn';
const { meta, starter } = loadExercise(id);
const run = figureFile.run as unknown as TrainingRun;
const page = readFileSync('src/content/docs/mixture-density-networks/training.mdx', 'utf8').replace(/\s+/g, ' ');
const check = (metric: string) => meta.checks.find((c) => c.metric === metric)!;

describe('the exercise’s data', () => {
  it('is the original’s size on the inverse problem, scored on 5000 fresh points at the 90 % level', () => {
    expect(meta.data.generator).toBe('mdnTrain');
    expect(mdnTrainParams.parse(meta.data.params)).toEqual({ trainN: 1000, testN: 5000, noise: 1, maxComponents: 10, level: 0.9 });
    expect(rerun.config.n).toBe(1000);
  });
});

describe('the original’s numbers the lesson quotes (reference/results/exp6_mdn.json)', () => {
  it('its recipe: 20 hidden, 5 components, Adam 1e-3, 10000 full-batch epochs', () => {
    expect([rerun.config.n_hidden, rerun.config.n_gaussians, rerun.config.mdn_epochs]).toEqual([20, 5, 10000]);
    expect(rerun.config.mdn_opt).toContain('1e-3');
  });
  it('held-out NLL 1.64 (1.58–1.70), coverage 0.87–0.90, 17.7 s, mixture-mean MSE 22.7 against the MLP’s 22.6', () => {
    expect([n.rerunNll, n.rerunNllRange, n.rerunCoverage, n.rerunTime, n.rerunMeanMse, n.rerunMlpMse]).toEqual(['1.64', '1.58–1.70', '0.87–0.90', '17.7', '22.7', '22.6']);
  });
  it('its held-out NLL was lowest at epoch 5000 or 7500 of 10000, while the training NLL kept falling', () => {
    expect(rerunBestEpochs).toEqual([7500, 5000, 7500]);
    for (const r of rerun.runs) {
      const t = Object.values(r.mdn_stable_trajectory).map((c) => c.train_nll);
      expect(t.every((v, i) => i === 0 || v < t[i - 1]!)).toBe(true);
    }
    expect(rerunTable.map((r) => r.epoch)).toEqual([1000, 2500, 5000, 7500, 10000]);
    expect(rerunTable[4]!.cells[0]).toBe('1.28 / 1.58');
  });
  it('the page quotes them from lesson-numbers.ts, not typed in', () => {
    expect(page).toContain("import { rerunTable, trainingNumbers as n } from '../../../components/figures/mdn/training/lesson-numbers.ts';");
    for (const key of ['rerunNll', 'rerunNllRange', 'rerunCoverage', 'rerunTime', 'rerunMeanMse', 'rerunMlpMse', 'rerunWidth']) expect(page).toContain(`{n.${key}}`);
    expect(page).toContain('{n.rerunTrainNllRange}');
  });
});

describe('our numbers the lesson quotes', () => {
  it('were written by their scripts', () => {
    expect(figureFile.provenance.script).toBe('scripts/mdn/training-figure.ts');
    expect(sweepFile.provenance.command).toContain('--sweep');
    expect(sweep.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(variants)).toEqual(expect.arrayContaining(Object.values(variantNames)));
  });
  it('the figure’s run overfits: its held-out NLL at the last epoch is above its early-stopping model’s', () => {
    expect(Number(n.figureLastNll)).toBeGreaterThan(Number(n.figureBestNll) + 0.1);
    expect(Number(n.figureLastCoverage)).toBeLessThan(Number(n.figureBestCoverage));
    expect(run.best.epoch).toBeLessThan(run.trajectory.epoch.at(-1)! - 500);
  });
  it('at 1e-2 without early stopping the held-out NLL ends above its lowest on every sweep seed', () => {
    for (const r of sweep.filter((s) => s.learningRate === 1e-2)) expect(r.heldoutAtEnd).toBeGreaterThan(r.bestHeldout);
  });
  it('the true density’s NLL is below every trained model’s, and the reference passes on every measured seed', () => {
    expect(Number(n.trueNll)).toBeGreaterThan(1.25);
    expect(Number(n.trueNll)).toBeLessThan(Math.min(...variants[variantNames.reference]!.map((r) => r.metrics.heldoutNll!)));
    expect(variants[variantNames.reference]!.every((r) => r.status === 'passed')).toBe(true);
    expect(variants[variantNames.kOne]!.every((r) => r.status === 'failed')).toBe(true);
  });
  it('the page states the reference’s recipe as solution.ts has it', () => {
    const { solution } = loadExercise(id);
    const constant = (name: string) => Number(new RegExp(`const ${name} = ([\\d.e-]+);`).exec(solution)![1]);
    expect([constant('LEARNING_RATE'), constant('MAX_EPOCHS'), constant('PATIENCE'), constant('MIN_EPOCHS')]).toEqual([3e-2, 600, 100, 300]);
    expect(page).toContain('The reference solution trains at $3 \\times 10^{-2}$ with the input scaled and the components started apart, for at most 600 epochs with patience 100 but never fewer than 300');
    expect(variantNames.reference).toContain('Adam 3e-2');
  });
  it('the page quotes every one of them', () => {
    for (const key of Object.keys(n).filter((k) => !k.startsWith('rerun'))) expect(page, key).toContain(`{n.${key}}`);
  });
});

describe('the figure', () => {
  it('shows a density that integrates to 1 over the targets (where the mixture lies inside the plotted range)', () => {
    const s = run.best;
    const i = run.grid.findIndex((g) => Math.abs(g) < 0.2);
    let mass = 0;
    for (let t = -30; t < 30; t += 0.01) mass += densityAt(s, i, t + 0.005) * 0.01;
    expect(mass).toBeCloseTo(1, 3);
    const { columns, values } = densityGrid(s, -12, 12, 48, 2);
    expect(values.length).toBe(48 * columns.length);
  });
  it('draws every panel as SVG, at every saved epoch, with the early-stopping one among them', () => {
    const epochs = frames(run).map((s) => s.epoch);
    expect(epochs).toContain(run.best.epoch);
    for (const epoch of [epochs[0]!, run.best.epoch, epochs.at(-1)!]) {
      const v = trainingView(run, { epoch });
      for (const svg of [v.densitySvg, v.componentsSvg, v.weightsSvg, v.nllSvg]) expect(svg).toMatch(/^<svg[\s\S]*<title>[\s\S]*<\/svg>$/);
      expect(v.line).toContain(`Epoch ${epoch}:`);
    }
    expect(trainingView(run, { epoch: run.best.epoch }).line).toContain('early stopping keeps');
  });
});

describe('the exercise on tfjs (WASM)', () => {
  it('the starter (an untrained, constant mixture) fails the NLL check, graded as the excess over the true density', async () => {
    const r = await gradeInProcess(id, starter, 1);
    expect(r.status).toBe('failed');
    const excess = r.checks.find((c) => c.metric === 'excessNll')!;
    expect(excess.value).toBeGreaterThan(check('excessNll').max!);
    const [, nll, truth] = /Held-out NLL ([\d.]+) .* the true conditional density scores ([\d.]+)/.exec(excess.details!.join(' '))!;
    expect(Number(nll) - Number(truth)).toBeCloseTo(excess.value, 2);
    // The NLL itself is shown beside the checks, not graded.
    expect(r.notes?.find((n) => n.metric === 'heldoutNll')?.value).toBeCloseTo(Number(nll), 2);
  }, 300_000);

  it('a single Gaussian per input fails with the message that names it', async () => {
    const r = await gradeInProcess(id, solutionWith(id, 'const COMPONENTS = 5;', 'const COMPONENTS = 1;'), 1);
    const excess = r.checks.find((c) => c.metric === 'excessNll')!;
    expect(excess.passed).toBe(false);
    expect(excess.message).toContain('k = 1');
  }, 300_000);
});
