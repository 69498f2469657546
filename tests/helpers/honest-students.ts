/**
 * The honest students of the submissions fixture: they hand in the blobs reference solution, so they are written
 * from exercises/…/solution.ts at test time rather than stored in tests/fixtures/submissions, where a copy would
 * go stale the day the solution changes. (pia, the zip from the site, is made the same way by the batch test.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadExercise } from '../../graders/exercise-files.ts';
import { blobsId } from './exercise.ts';

/** Each honest student's file, relative to their folder: ada files it by exercise id, sam-flat flat in the folder. */
export const honestStudents = {
  ada: `${blobsId}.ts`,
  'sam-flat': `${path.basename(blobsId)}.ts`,
} as const;

export type HonestStudent = keyof typeof honestStudents;

/** Writes `students` (default: all of them) into the class folder `dir`, each with the current blobs solution. */
export function writeHonestStudents(dir: string, students: HonestStudent[] = Object.keys(honestStudents) as HonestStudent[]): void {
  const { solution } = loadExercise(blobsId);
  for (const s of students) {
    const file = path.join(dir, s, honestStudents[s]);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, solution);
  }
}
