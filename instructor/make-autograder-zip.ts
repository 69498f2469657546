/**
 * `npm run autograder -- [--seed-file secret-seed.txt] [--exercise ID…] [--out autograder.zip]`
 *
 * Builds the zip to upload as a Gradescope programming assignment's autograder: setup.sh and run_autograder at
 * its root (Gradescope's layout) beside the grader's code (package files, instructor/, graders/, src/runtime/, exercises/),
 * plus the grading secret and the assignment's exercise list when given. The secret stays inside the autograder
 * image (so whoever can read the image has it: docs/instructors.md §4); results.json shows students "secret seed".
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync, type Zippable } from 'fflate';
import { exerciseIds, readSeedFile } from './batch/cli-batch.ts';
import { listExerciseIds } from '../graders/exercise-files.ts';
import { projectRoot } from '../src/runtime/sandbox.ts';

const usage = 'Usage: npm run autograder -- [--seed-file <file>] [--exercise <id>]… [--out autograder.zip]';
const { values: args } = parseArgs({
  options: { 'seed-file': { type: 'string' }, exercise: { type: 'string', short: 'e', multiple: true }, out: { type: 'string', short: 'o', default: 'autograder.zip' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const files: Zippable = {};
// Unix (os 3) mode 100755: Gradescope runs setup.sh and run_autograder directly, so they must stay executable.
const EXEC = { os: 3, attrs: (0o100755 << 16) >>> 0 };
const add = (rel: string, as = rel, exec = false) => (files[as] = exec ? [readFileSync(path.join(projectRoot, rel)), EXEC] : readFileSync(path.join(projectRoot, rel)));
function addTree(rel: string): void {
  for (const e of readdirSync(path.join(projectRoot, rel), { withFileTypes: true })) {
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) addTree(r);
    else if (e.isFile() && !e.name.endsWith('.test.ts')) add(r);
  }
}

add('autograder/setup.sh', 'setup.sh', true);
add('autograder/run_autograder', 'run_autograder', true);
for (const f of ['package.json', 'package-lock.json', '.nvmrc']) add(f);
for (const dir of ['instructor', 'graders', 'src/runtime', 'exercises']) addTree(dir);

let fingerprint = '';
if (args['seed-file']) {
  // Validated first (an integer or malformed file fails here, not on Gradescope), then copied byte for byte.
  try {
    fingerprint = readSeedFile(args['seed-file']).fingerprint;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  files['secret-seed.txt'] = readFileSync(args['seed-file']);
}
const known = listExerciseIds();
const wanted = exerciseIds(args.exercise);
if (wanted.length) files['assignment-exercises.txt'] = new TextEncoder().encode(`${wanted.join('\n')}\n`);

writeFileSync(args.out!, zipSync(files, { level: 9 }));
console.log(
  `Wrote ${args.out} (${Math.round(statSync(args.out!).size / 1024)} KB): ${wanted.length ? wanted.join(', ') : `all ${known.length} exercises`}, ${args['seed-file'] ? `secret seed ${fingerprint} included` : 'PUBLIC seeds (add --seed-file for marks)'}.`,
);
