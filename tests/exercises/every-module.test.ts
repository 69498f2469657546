/** Every module folder of exercises/ has its corpus file here, so a new module cannot skip the corpus rules. */
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { exercisesDir } from '../../graders/exercise-files.ts';

it('every module of exercises/ has tests/exercises/<module>.test.ts', () => {
  const modules = readdirSync(exercisesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const files = readdirSync('tests/exercises');
  expect(modules.filter((m) => !files.includes(`${m}.test.ts`))).toEqual([]);
});
