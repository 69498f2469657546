/**
 * Grade from the command line, with the same grader the browser uses (started by instructor/cli.ts, which turns
 * on Node's compile cache before loading this). Two modes:
 *
 *   npm run grade -- --exercise 04-activation-depth/01-softmax-blobs --file path/to/submission.ts   (one file)
 *   npm run grade -- submissions/ --seed-file secret-seed.txt --out grades/                        (a class)
 *
 * Every submission runs in a sandboxed child process (src/runtime/sandbox.ts); hidden labels and the grading
 * seed stay in this process. Argument parsing is Node's util.parseArgs: built in, strict about unknown flags,
 * and enough for this interface. Batch mode lives in instructor/batch/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { listExerciseIds, loadExercise } from '../graders/exercise-files.ts';
import { formatReport } from './format-report.ts';
import { generatorReference } from '../graders/generator-reference.ts';
import { parseSeed, positive, readSeedFile, runBatchCli, UsageError, writeGradescopeFailure, writeNewSeedFile } from './batch/cli-batch.ts';
import type { GradingSeed } from '../graders/rng.ts';
import { gradeInSandbox, type GradeOptions } from './batch/grade-batch.ts';
import { nodeBackends, type NodeBackend } from '../src/runtime/node-backends.ts';
import { defaultMemoryMb } from '../src/runtime/sandbox.ts';

const usage = `Usage: npm run grade -- --exercise <id> --file <submission.ts> [options]     grade one file
       npm run grade -- <submissions-dir> [options]                         grade a class
       npm run grade -- --new-seed-file <path>                              make a grading secret

One file: grades a TypeScript submission on the exercise's hidden test split and prints each check.
  --exercise, -e <id>    exercise id, e.g. 04-activation-depth/01-softmax-blobs
  --file, -f <path>      the learner's TypeScript file
  --solution             grade the exercise's reference solution instead of --file
  --starter              grade the exercise's starter instead of --file
  --json                 print the GradeReport as JSON instead of text
  Exit code: 0 passed, 1 failed or error, 2 usage error.

A class: grades every <student>/<exercise-id>.ts (e.g. alice/04-activation-depth/01-softmax-blobs.ts) and every
bundle from the course's "Download my work" (<student>.zip, or a zip inside <student>/). A file named only
<exercise>.ts (01-softmax-blobs.ts) is matched too when no other exercise has that name.
  --out, -o <dir>        where grades.csv, grades.json and feedback/<student>.md go (default: ./grades)
  --jobs, -j <n>         submissions graded in parallel (default: ${availableParallelism()}, the number of cores)
  --exercise, -e <id>    grade only these exercises (repeat, or separate with commas; default: all)
  --no-self-check        skip grading the reference solutions under the same settings first
  --gradescope           treat <submissions-dir> as one student's upload and write Gradescope's results.json
                         into --out (default: /autograder/results)
  --json                 print every student's results as JSON instead of the summary table
  Exit code: 0 when grading ran (whatever the students scored), 1 when it could not finish (self-check failed,
  output not writable), 2 usage error (bad option, missing folder).

Both modes:
  --seed-file <path>     the grading secret, for marks (rdl-secret-v1:<hex>, ≥ 128 bits; see --new-seed-file);
                         reports and grades.json show its fingerprint, students see "secret seed"
  --seed <n>             a public, reproducible seed, 0 to 2^53−1 (default: each exercise's public seed); not for
                         marks: a submission can recover it from its training data (docs/instructors.md §4)
  --timeout <s>          wall-clock limit per submission in seconds (default: the exercise's timeoutMs)
  --memory <MB>          address-space cap per submission process (default: ${defaultMemoryMb}; at least 1536, as
                         Node itself reserves ~1.3 GB; covers typed arrays and WASM memory, unlike the JS heap flag)
  --backend <name>       tfjs backend: ${nodeBackends.join(' or ')} (default: wasm)
  --new-seed-file <path> write a new 256-bit grading secret to <path> (mode 0600, never overwrites) and exit
  --list                 list exercise ids and exit
  --list-generators      print every problem generator (task kind, parameters, metrics) as Markdown and exit
  --help, -h             show this help`;

/**
 * In --gradescope mode, the folder results.json goes to (from the raw arguments, so that it is known even when
 * parsing them fails); undefined otherwise. Gradescope shows only results.json to the student, so every way
 * this process can end must leave one there.
 */
function gradescopeOut(argv: string[]): string | undefined {
  if (!argv.includes('--gradescope')) return undefined;
  const i = argv.findIndex((x) => x === '--out' || x === '-o');
  const inline = argv.find((x) => x.startsWith('--out='));
  return inline ? inline.slice('--out='.length) : i >= 0 && argv[i + 1] ? argv[i + 1] : '/autograder/results';
}
const gradescopeDir = gradescopeOut(process.argv.slice(2));
if (gradescopeDir) {
  // An error thrown from an event callback escapes main()'s try: Gradescope must still get its results.json.
  const crash = (e: unknown) => {
    console.error(`The grader failed: ${(e as Error)?.stack ?? String(e)}`);
    writeGradescopeFailure(gradescopeDir, `an internal error in the grader (${String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 300)}).`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}

function die(message: string): never {
  console.error(`${message}\n\n${usage}`);
  // The message can quote the seed file; the student sees only that the setup is wrong, the instructor the rest.
  if (gradescopeDir) writeGradescopeFailure(gradescopeDir, "the autograder's settings are invalid (exit code 2; the details are in the autograder output instructors see).");
  process.exit(2);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        exercise: { type: 'string', short: 'e', multiple: true },
        file: { type: 'string', short: 'f' },
        solution: { type: 'boolean' },
        starter: { type: 'boolean' },
        seed: { type: 'string' },
        'seed-file': { type: 'string' },
        'new-seed-file': { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        out: { type: 'string', short: 'o' },
        jobs: { type: 'string', short: 'j' },
        timeout: { type: 'string' },
        memory: { type: 'string' },
        'self-check': { type: 'boolean', default: true },
        gradescope: { type: 'boolean' },
        json: { type: 'boolean' },
        list: { type: 'boolean' },
        'list-generators': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
  } catch (e) {
    die((e as Error).message);
  }
  const args = parsed.values;
  if (args.help) {
    console.log(usage);
    return 0;
  }
  if (args['new-seed-file'] !== undefined) {
    try {
      const seed = writeNewSeedFile(args['new-seed-file']);
      console.log(`Wrote a new grading secret to ${args['new-seed-file']} (fingerprint ${seed.fingerprint}, readable by you only). Keep it private and keep a copy: grades made with it can only be reproduced with it.`);
      return 0;
    } catch (e) {
      if (e instanceof UsageError) die(e.message);
      throw e;
    }
  }
  if (args.list) {
    console.log(listExerciseIds().join('\n'));
    return 0;
  }
  if (args['list-generators']) {
    process.stdout.write(generatorReference());
    return 0;
  }
  if (!nodeBackends.includes(args.backend as NodeBackend)) die(`Unknown backend "${args.backend}".`);
  const backend = args.backend as NodeBackend;

  if (parsed.positionals.length > 0) {
    if (parsed.positionals.length > 1) die(`Give one submissions folder, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
    if (args.file !== undefined || args.solution || args.starter) die('--file, --solution and --starter grade one file; leave them out when grading a folder.');
    try {
      return await runBatchCli({
        dir: parsed.positionals[0]!,
        ...(args.out !== undefined && { out: args.out }),
        ...(args.jobs !== undefined && { jobs: args.jobs }),
        ...(args.timeout !== undefined && { timeout: args.timeout }),
        ...(args.memory !== undefined && { memory: args.memory }),
        ...(args.seed !== undefined && { seed: args.seed }),
        ...(args['seed-file'] !== undefined && { seedFile: args['seed-file'] }),
        ...(args.exercise !== undefined && { exercise: args.exercise }),
        backend,
        gradescope: Boolean(args.gradescope),
        selfCheck: args['self-check'] !== false,
        json: Boolean(args.json),
      });
    } catch (e) {
      if (e instanceof UsageError) die(e.message);
      throw e;
    }
  }

  // One file.
  for (const batchOnly of ['out', 'jobs', 'gradescope'] as const)
    if (args[batchOnly] !== undefined) die(`--${batchOnly} is for grading a folder: give the submissions folder as an argument.`);
  if (!args.exercise) die('Missing --exercise.');
  if (args.exercise.length > 1) die('Give one --exercise when grading one file.');
  const sources = [args.file !== undefined, args.solution, args.starter].filter(Boolean).length;
  if (sources !== 1) die('Give exactly one of --file, --solution or --starter.');
  // The same option parsing and the same sandboxed grading as a class (instructor/batch/).
  let options: GradeOptions;
  let exercise;
  try {
    if (args.seed !== undefined && args['seed-file'] !== undefined) die('Give --seed or --seed-file, not both.');
    let seed: GradingSeed | undefined;
    if (args.seed !== undefined) seed = parseSeed(args.seed, '--seed');
    if (args['seed-file'] !== undefined) seed = readSeedFile(args['seed-file']);
    const timeoutS = positive(args.timeout, 'timeout');
    options = {
      ...(seed !== undefined && { seed }),
      ...(timeoutS !== undefined && { timeoutMs: Math.round(timeoutS * 1000) }),
      memoryMb: positive(args.memory, 'memory', { integer: true, min: 1536 }) ?? defaultMemoryMb,
      backend,
    };
    exercise = loadExercise(args.exercise[0]!);
  } catch (e) {
    die((e as Error).message);
  }
  let source: string;
  if (args.file !== undefined) {
    if (!existsSync(args.file)) die(`No such file: ${args.file}`);
    source = readFileSync(args.file, 'utf8');
  } else source = args.solution ? exercise.solution : exercise.starter;

  const report = await gradeInSandbox(exercise, source, options);
  console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report, { color: process.stdout.isTTY }));
  return report.status === 'passed' ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (e) {
  // A bug of ours, or something the batch did not expect: a message and exit 1, not a bare stack; in
  // --gradescope mode a results.json that says grading failed.
  console.error(`The grader failed: ${(e as Error)?.stack ?? String(e)}`);
  if (gradescopeDir) writeGradescopeFailure(gradescopeDir, `an internal error in the grader (${String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 300)}).`);
  process.exitCode = 1;
}
