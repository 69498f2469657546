/**
 * The students of the submissions fixture whose code is the blobs reference solution, written from
 * exercises/…/solution.ts at test time rather than stored in tests/fixtures/submissions, where a copy would go stale
 * the day the solution changes: the honest ones hand it in as it is; the attackers in tests/fixtures/attacks/ wrap
 * it (their `train` calls the solution's, renamed `honestTrain`). (pia, the zip from the site, is made the same
 * way by the batch test.)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const attacks = path.resolve('tests/fixtures/attacks');
const trainSignature = 'export async function train(';

/**
 * Writes every attacker of tests/fixtures/attacks/<student>.ts into `dir` as `<student>/<blobs id>.ts`: the blobs
 * solution with its `train` renamed `honestTrain`, then the attack (a fragment: it uses the solution's imports).
 */
export function writeAttackStudents(dir: string): void {
  const { solution } = loadExercise(blobsId);
  if (solution.split(trainSignature).length !== 2) throw new Error(`the blobs solution must declare "${trainSignature}" exactly once`);
  const honest = solution.replace(trainSignature, 'async function honestTrain(');
  for (const f of readdirSync(attacks).filter((f) => f.endsWith('.ts'))) {
    const file = path.join(dir, f.replace(/\.ts$/, ''), `${blobsId}.ts`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${honest}\n${readFileSync(path.join(attacks, f), 'utf8')}`);
  }
}
