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
  for (const [student, { find, replace }] of Object.entries(mistakeStudents)) {
    if (solution.split(find).length !== 2) throw new Error(`${student}: the blobs solution must contain ${JSON.stringify(find)} exactly once`);
    const file = path.join(dir, student, `${blobsId}.ts`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, solution.replace(find, () => replace));
  }
}

const frameWriters = path.resolve('tests/fixtures/frame-writers');

/**
 * Writes the students who write forged frames straight onto the result pipe (tests/fixtures/frame-writers/
 * <student>.ts, each after the shared preamble.ts that encodes a frame as the runtime does) into `dir` as
 * `<student>/<blobs id>.ts`. Not derived from the solution: they never train.
 */
export function writeFrameWriterStudents(dir: string): void {
  const preamble = readFileSync(path.join(frameWriters, 'preamble.ts'), 'utf8');
  for (const f of readdirSync(frameWriters).filter((f) => f.endsWith('.ts') && f !== 'preamble.ts')) {
    const file = path.join(dir, f.replace(/\.ts$/, ''), `${blobsId}.ts`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, preamble + readFileSync(path.join(frameWriters, f), 'utf8'));
  }
}
