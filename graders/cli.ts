#!/usr/bin/env node
/**
 * Grade one submission from the command line, with the same grader the browser uses:
 *
 *   npm run grade -- --exercise 04-activation-depth/01-softmax-blobs --file path/to/submission.ts
 *
 * The submission runs in a child process (killed after the exercise's timeout); hidden labels stay in this
 * process. Exit code: 0 passed, 1 failed or errored, 2 bad usage. Argument parsing is Node's util.parseArgs:
 * built in, strict about unknown flags, and enough for this interface. (Batch grading of a folder is the
 * instructor tool's job and grows from here.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { listExerciseIds, loadExercise } from './exercise-files.ts';
import { formatReport } from './format-report.ts';
import { childProcessRunner } from '../src/runtime/node-host.ts';
import { nodeBackends, type NodeBackend } from '../src/runtime/node-backend.ts';
import { runExercise } from '../src/runtime/run-exercise.ts';

const usage = `Usage: npm run grade -- --exercise <id> --file <submission.ts> [options]

Grades one TypeScript submission on the exercise's hidden test split and prints each check.

Options:
  --exercise, -e <id>    exercise id, e.g. 04-activation-depth/01-softmax-blobs
  --file, -f <path>      the learner's TypeScript file
  --solution             grade the exercise's reference solution instead of --file
  --starter              grade the exercise's starter instead of --file
  --seed <n>             grading seed (default: the exercise's public seed)
  --backend <name>       tfjs backend: ${nodeBackends.join(' or ')} (default: wasm)
  --json                 print the GradeReport as JSON instead of text
  --list                 list exercise ids and exit
  --help, -h             show this help

Exit code: 0 passed, 1 failed or error, 2 usage error.`;

function die(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        exercise: { type: 'string', short: 'e' },
        file: { type: 'string', short: 'f' },
        solution: { type: 'boolean' },
        starter: { type: 'boolean' },
        seed: { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        json: { type: 'boolean' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    die((e as Error).message);
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  if (args.list) {
    console.log(listExerciseIds().join('\n'));
    return 0;
  }
  if (!args.exercise) die('Missing --exercise.');
  const sources = [args.file !== undefined, args.solution, args.starter].filter(Boolean).length;
  if (sources !== 1) die('Give exactly one of --file, --solution or --starter.');
  if (!nodeBackends.includes(args.backend as NodeBackend)) die(`Unknown backend "${args.backend}".`);
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) die(`--seed must be a non-negative integer, got "${args.seed}".`);

  let exercise;
  try {
    exercise = loadExercise(args.exercise);
  } catch (e) {
    die((e as Error).message);
  }
  let source: string;
  if (args.file !== undefined) {
    if (!existsSync(args.file)) die(`No such file: ${args.file}`);
    source = readFileSync(args.file, 'utf8');
  } else source = args.solution ? exercise.solution : exercise.starter;

  const backend = args.backend as NodeBackend;
  const { report } = await runExercise({
    meta: exercise.meta,
    source,
    ...(seed !== undefined && { seed }),
    backend,
    runner: childProcessRunner({ backend, timeoutMs: exercise.meta.timeoutMs }),
  });
  console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report, { color: process.stdout.isTTY }));
  return report.status === 'passed' ? 0 : 1;
}

process.exitCode = await main();
