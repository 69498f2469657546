/**
 * The corpus checks itself (rustlings' `dev check`): every exercise has valid metadata, a starter with
 * `// TODO:` markers that fails, a solution that passes, and the two differ.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exercisesDir, listExerciseIds, loadExercise } from '../graders/exercise-files.ts';
import { gradeInProcess } from './helpers/exercise.ts';

const ids = listExerciseIds();

describe('exercise corpus', () => {
  it('has exercises', () => expect(ids.length).toBeGreaterThan(0));

  describe.each(ids)('%s', (id) => {
    const dir = path.join(exercisesDir, id);
    it('has exercise.yaml, starter.ts and solution.ts, and the metadata is valid', () => {
      for (const f of ['exercise.yaml', 'starter.ts', 'solution.ts']) expect(existsSync(path.join(dir, f)), f).toBe(true);
      expect(() => loadExercise(id)).not.toThrow();
    });
    it('marks every edit site in the starter with // TODO:', () => {
      expect(readFileSync(path.join(dir, 'starter.ts'), 'utf8')).toMatch(/\/\/ TODO:/);
    });
    it('starter differs from solution', () => {
      const { starter, solution } = loadExercise(id);
      expect(starter.trim()).not.toBe(solution.trim());
    });
    it('the starter fails on the public seed', async () => {
      expect((await gradeInProcess(id, loadExercise(id).starter)).status).not.toBe('passed');
    });
    // "Passes on ≥ 5 seeds": the public seed and five others, as an instructor's secret seed would be.
    it.each(['public', 1, 2, 3, 4, 5] as const)('the solution passes on seed %s', async (seed) => {
      const r = await gradeInProcess(id, loadExercise(id).solution, seed === 'public' ? undefined : seed);
      expect(r.status, JSON.stringify(r.error ?? r.checks)).toBe('passed');
    });
    it('every lesson page that hosts it exists', () => {
      const { meta } = loadExercise(id);
      expect(existsSync(path.join('src/content/docs', `${meta.lesson}.mdx`))).toBe(true);
      expect(readFileSync(path.join('src/content/docs', `${meta.lesson}.mdx`), 'utf8')).toContain(`<Exercise id="${id}"`);
    });
  });
});
