/**
 * The corpus checks itself (rustlings' `dev check`), one module per test file so modules grade in parallel
 * (tests/exercises/<module>.test.ts is one call to `describeModuleCorpus`). Every rule that needs a grade reads
 * it from one grading run per seed, made once in `beforeAll`: the starter on the public seed, the solution on
 * every seed of `corpusSeeds()`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesDir, listExerciseIds, loadExercise } from '../../graders/exercise-files.ts';
import type { CheckResult, GradeReport } from '../../graders/report.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { gradeInProcess } from './exercise.ts';

/** The only files an exercise folder may hold; anything else is a stray the site and the CLI would ignore. */
export const exerciseFiles = ['exercise.yaml', 'starter.ts', 'solution.ts', 'data.ts'] as const;
const requiredFiles = ['exercise.yaml', 'starter.ts', 'solution.ts'];

/** A solution's metric must sit at least this share of the band (or of a one-sided bound) inside it. */
export const boundMargin = 0.02;

/**
 * The seeds every solution is graded on: the public seed, then 1, 2, … `CORPUS_SEEDS` seeds in all. `npm test`
 * grades three (public + two others, as an instructor's secret seed would be); `npm run check:corpus` sets
 * CORPUS_SEEDS=6. Fewer than 3 would let CI miss a solution that only passes on its public seed.
 */
export function corpusSeeds(env = process.env.CORPUS_SEEDS): ('public' | number)[] {
  const n = env === undefined || env === '' ? 3 : Number(env);
  if (!Number.isInteger(n) || n < 3) throw new Error(`CORPUS_SEEDS must be an integer ≥ 3, got "${env}"`);
  return ['public', ...Array.from({ length: n - 1 }, (_, i) => i + 1)];
}

/**
 * How close `check`'s value is to its nearest bound, as a share of the band's width (two-sided) or of the
 * bound's magnitude (one-sided); null when the check has no bound. Negative means outside.
 */
export function boundClearance(check: Pick<CheckResult, 'value' | 'min' | 'max'>): number | null {
  const { value, min, max } = check;
  if (min !== undefined && max !== undefined) return Math.min(value - min, max - value) / (max - min);
  if (min !== undefined) return (value - min) / Math.abs(min);
  if (max !== undefined) return (max - value) / Math.abs(max);
  return null;
}

/** One solution run: its report and how many tensors it left behind. */
interface SolutionRun {
  seed: 'public' | number;
  report: GradeReport;
  leakedTensors: number;
}

/** Registers the corpus rules for every exercise of `module` (a folder of exercises/). */
export function describeModuleCorpus(module: string): void {
  const ids = listExerciseIds().filter((id) => id.startsWith(`${module}/`));
  const seeds = corpusSeeds();

  describe(`exercise corpus: ${module}`, () => {
    it('has exercises', () => expect(ids.length).toBeGreaterThan(0));

    describe.each(ids)('%s', (id) => {
      const dir = path.join(exercisesDir, id);
      let starterReport: GradeReport;
      const runs: SolutionRun[] = [];

      // One grade per seed, shared by every rule below. The starter runs first and so also warms up the
      // backend's kernels, which may allocate once; the solution's tensor count is measured around each run.
      beforeAll(async () => {
        const tf = await useNodeBackend('wasm');
        const { starter, solution } = loadExercise(id);
        starterReport = await gradeInProcess(id, starter);
        for (const seed of seeds) {
          const before = tf.memory().numTensors;
          const report = await gradeInProcess(id, solution, seed === 'public' ? undefined : seed);
          runs.push({ seed, report, leakedTensors: tf.memory().numTensors - before });
        }
      }, 600_000);

      it('has exercise.yaml, starter.ts and solution.ts, and the metadata is valid', () => {
        for (const f of requiredFiles) expect(existsSync(path.join(dir, f)), f).toBe(true);
        expect(() => loadExercise(id)).not.toThrow();
      });
      it(`holds no files but ${exerciseFiles.join(', ')}`, () => {
        const stray = readdirSync(dir).filter((f) => !(exerciseFiles as readonly string[]).includes(f));
        expect(stray).toEqual([]);
      });
      it('marks every edit site in the starter with // TODO:', () => {
        expect(readFileSync(path.join(dir, 'starter.ts'), 'utf8')).toMatch(/\/\/ TODO:/);
      });
      it('starter says where console.log prints (issue 15: runs that explain themselves)', () => {
        expect(loadExercise(id).starter).toMatch(/\/\/ console\.log\(…\)( and ctx\.log\(…\))? prints? into the run's log under the editor/);
      });
      it('starter differs from solution', () => {
        const { starter, solution } = loadExercise(id);
        expect(starter.trim()).not.toBe(solution.trim());
      });
      it('every hint says something', () => {
        for (const [i, hint] of loadExercise(id).meta.hints.entries()) expect(hint.trim(), `hint ${i + 1}`).not.toBe('');
      });
      it('the starter fails on the public seed', () => {
        expect(starterReport.status).not.toBe('passed');
      });
      it.each(seeds)('the solution passes on seed %s', (seed) => {
        const { report } = runs.find((r) => r.seed === seed)!;
        expect(report.status, JSON.stringify(report.error ?? report.checks)).toBe('passed');
      });
      it('no solution run leaks a tensor', () => {
        expect(runs.map((r) => ({ seed: r.seed, leaked: r.leakedTensors }))).toEqual(runs.map((r) => ({ seed: r.seed, leaked: 0 })));
      });
      // A solution at the edge of its band passes by luck: a new seed, backend or tfjs version tips it over.
      it(`no solution metric lies within ${boundMargin * 100} % of a bound`, () => {
        const close = runs.flatMap(({ seed, report }) =>
          report.checks
            .map((c) => ({ seed, metric: c.metric, value: c.value, min: c.min, max: c.max, clearance: boundClearance(c) }))
            .filter((c) => c.clearance !== null && c.clearance < boundMargin),
        );
        expect(close).toEqual([]);
      });
      it('every lesson page that hosts it exists', () => {
        const { meta } = loadExercise(id);
        const page = path.join('src/content/docs', `${meta.lesson}.mdx`);
        expect(existsSync(page)).toBe(true);
        expect(readFileSync(page, 'utf8')).toContain(`<Exercise id="${id}"`);
      });
    });
  });
}
