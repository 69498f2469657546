/**
 * The students of the submissions fixture whose code is the blobs reference solution, written from
 * exercises/…/solution.ts at test time rather than stored in tests/fixtures/submissions, where a copy would go stale
 * the day the solution changes: the honest ones hand it in as it is; the attackers in tests/fixtures/attacks/ wrap
 * it (their `train` calls the solution's, renamed `honestTrain`). (pia, the zip from the site, is made the same
 * way by the batch test.) The students who make one classic mistake (a syntax error, a wrong export name, a throw, a
 * NaN loss, an endless loop) are the solution with that one edit, made here for the same reason.
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

/** Writes one student's file, `<dir>/<student>/<file>` (by default filed by the blobs exercise's id). */
function writeStudent(dir: string, student: string, text: string, file = `${blobsId}.ts`): void {
  const target = path.join(dir, student, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}

/** `source` with its one occurrence of `find` replaced; throws (naming `who`) unless `find` occurs exactly once. */
function replaceOnce(source: string, find: string, replace: string, who: string): string {
  if (source.split(find).length !== 2) throw new Error(`${who}: the blobs solution must contain ${JSON.stringify(find)} exactly once`);
  return source.replace(find, () => replace);
}

/** Writes one student per `<student>.ts` in `folder` (except `skip`): `head`, then that file's fragment. */
function writeFragmentStudents(dir: string, folder: string, head: string, skip?: string): void {
  for (const f of readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== skip))
    writeStudent(dir, f.replace(/\.ts$/, ''), head + readFileSync(path.join(folder, f), 'utf8'));
}

/** Writes `students` (default: all of them) into the class folder `dir`, each with the current blobs solution. */
export function writeHonestStudents(dir: string, students: HonestStudent[] = Object.keys(honestStudents) as HonestStudent[]): void {
  const { solution } = loadExercise(blobsId);
  for (const s of students) writeStudent(dir, s, solution, honestStudents[s]);
}

const attacks = path.resolve('tests/fixtures/attacks');
const trainSignature = 'export async function train(';

/**
 * Writes every attacker of tests/fixtures/attacks/<student>.ts into `dir` as `<student>/<blobs id>.ts`: the blobs
 * solution with its `train` renamed `honestTrain`, then the attack (a fragment: it uses the solution's imports).
 */
export function writeAttackStudents(dir: string): void {
  const honest = replaceOnce(loadExercise(blobsId).solution, trainSignature, 'async function honestTrain(', 'the attackers');
  writeFragmentStudents(dir, attacks, `${honest}\n`);
}

/** One edit of the solution: `find` must occur exactly once; it becomes `replace`. */
interface Edit {
  find: string;
  replace: string;
}
const modelLine = '  const model = tf.sequential();\n';
const compileLine = "  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });";

/** The students whose file is the blobs solution with one mistake, and that mistake. */
export const mistakeStudents: Record<string, Edit> = {
  'ben-syntax': { find: 'tf.sequential();', replace: 'tf.sequential(;' },
  'cai-wrong-export': { find: trainSignature, replace: 'export async function fit(' },
  'dee-throws': { find: modelLine, replace: `${modelLine}  if (data.n > 0) throw new Error("I am not finished yet");\n` },
  'eli-nan': {
    find: compileLine,
    replace:
      '  model.compile({ optimizer: tf.train.sgd(0.1), // A hand-written cross-entropy with a bug: log(p - p) is log(0).\n' +
      '    loss: (y: tf.Tensor, p: tf.Tensor) => tf.mean(tf.neg(tf.sum(tf.mul(y, tf.log(tf.sub(p, p))), -1))) });',
  },
  'fay-endless': { find: modelLine, replace: `  while (true) {} // an endless loop\n${modelLine}` },
};

/** Writes each student of `mistakeStudents` into `dir` as `<student>/<blobs id>.ts`. */
export function writeMistakeStudents(dir: string): void {
  const { solution } = loadExercise(blobsId);
  for (const [student, { find, replace }] of Object.entries(mistakeStudents)) writeStudent(dir, student, replaceOnce(solution, find, replace, student));
}

const frameWriters = path.resolve('tests/fixtures/frame-writers');

/**
 * Writes the students who write forged frames straight onto the result pipe (tests/fixtures/frame-writers/
 * <student>.ts, each after the shared preamble.ts that encodes a frame as the runtime does) into `dir` as
 * `<student>/<blobs id>.ts`. Not derived from the solution: they never train.
 */
export function writeFrameWriterStudents(dir: string): void {
  writeFragmentStudents(dir, frameWriters, readFileSync(path.join(frameWriters, 'preamble.ts'), 'utf8'), 'preamble.ts');
}
