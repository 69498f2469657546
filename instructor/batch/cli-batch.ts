/**
 * `npm run grade -- <submissions-dir> …`: the instructor's batch mode of instructor/cli.ts (which parses the
 * arguments and hands them here). Progress bar: cli-progress, on a TTY only; summary table: cli-table3.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { listExerciseIds, loadExercise, type ExerciseFiles } from '../../graders/exercise-files.ts';
import type { GradeReport } from '../../graders/report.ts';
import { secondsText } from '../../graders/format.ts';
import type { NodeBackend } from '../../src/runtime/node-backend.ts';
import { defaultMemoryMb } from '../../src/runtime/sandbox.ts';
import { discoverSubmissions, readStudentFolder } from './discover.ts';
import { countSubmissions, gradeBatch, gradeInSandbox, pool, type BatchOptions, type StudentResult } from './grade-batch.ts';
import { gradesCsv as gradesCsvOf, gradescopeFailure, gradescopeResults, prepareOutDir, reportText, writeAtomic, writeBatchOutputs, type BatchInfo } from './outputs.ts';
import { maxSeed, minSecretBytes, SecretSeed, type GradingSeed } from '../../graders/rng.ts';

export interface BatchArgs {
  dir: string;
  out?: string;
  jobs?: string;
  timeout?: string;
  memory?: string;
  seed?: string;
  seedFile?: string;
  exercise?: string[];
  backend: NodeBackend;
  gradescope?: boolean;
  selfCheck: boolean;
  json?: boolean;
}

/** A usage problem: the caller prints it with the usage text and exits 2. */
export class UsageError extends Error {}

/** Parses a seed: a non-negative integer up to 2^53 − 1 (graders/rng.ts says why large seeds matter). */
export function parseSeed(text: string, where: string): number {
  const t = text.trim();
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(n) || n > maxSeed) throw new UsageError(`${where} must be an integer from 0 to ${maxSeed}, got "${t.slice(0, 40)}".`);
  return n;
}

/** Parses a positive number option (`--timeout`, `--memory`, `--jobs`); undefined when not given. */
export function positive(text: string | undefined, name: string, opts: { integer?: boolean; min?: number } = {}): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (opts.integer && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min))
    throw new UsageError(`--${name} must be ${opts.integer ? 'a positive integer' : 'a positive number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}, got "${text}".`);
  return n;
}

/** The first line of a grading secret's value: names the format, so a file of another kind is recognised. */
export const secretPrefix = 'rdl-secret-v1:';
/** A seed file is a few lines; anything much larger is not one (and is not read whole). */
const maxSeedFileBytes = 4096;
const newFileHint = (file: string) => `Make a new one with: npm run grade -- --new-seed-file ${file.endsWith('.txt') ? file.replace(/\.txt$/, '-v1.txt') : `${file}.new`}`;

/**
 * Parses a seed file's text: `# comment` lines and blank lines, then `rdl-secret-v1:` and at least 32 hex digits
 * (128 bits; --new-seed-file writes 64). Error messages name the file and the problem, never the file's content.
 * An integer (the seed-file format before secrets) is refused: its streams are recoverable from the training data.
 */
export function parseSeedFile(text: string, file: string): SecretSeed {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (!lines.length) throw new UsageError(`The seed file ${file} is empty. ${newFileHint(file)}`);
  if (lines.length > 1) throw new UsageError(`The seed file ${file} has ${lines.length} lines besides comments; it must hold one secret (${secretPrefix}<hex>).`);
  const value = lines[0]!;
  if (/^\d+$/.test(value))
    throw new UsageError(
      `The seed file ${file} holds an integer seed, the old format. Integer seeds are no longer accepted for marks: a submission can rebuild them from its training data and regenerate the hidden test split. ${newFileHint(file)} (it writes a 256-bit secret). To reproduce grades made with the old file, pass its number with --seed.`,
    );
  if (!value.toLowerCase().startsWith(secretPrefix)) throw new UsageError(`The seed file ${file} is not a grading secret: it must hold one line "${secretPrefix}" followed by hex digits. ${newFileHint(file)}`);
  const digits = value.slice(secretPrefix.length);
  if (!/^[0-9a-fA-F]*$/.test(digits)) throw new UsageError(`The seed file ${file} has characters other than hex digits (0-9, a-f) after "${secretPrefix}".`);
  if (digits.length % 2) throw new UsageError(`The seed file ${file} has an odd number of hex digits (${digits.length}) after "${secretPrefix}"; a secret is whole bytes.`);
  if (digits.length < minSecretBytes * 2)
    throw new UsageError(`The seed file ${file} holds a ${digits.length * 4}-bit secret; a grading secret needs at least ${minSecretBytes * 8} bits (${minSecretBytes * 2} hex digits). ${newFileHint(file)}`);
  return SecretSeed.fromKey(Uint8Array.from(digits.match(/../g)!, (h) => parseInt(h, 16)));
}

/** The secret in a seed file (the instructor's, for marks); UsageError for a missing, unreadable or bad file. */
export function readSeedFile(file: string): SecretSeed {
  if (!existsSync(file)) throw new UsageError(`No such seed file: ${file}`);
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new UsageError(`The seed file ${file} is not a file.`);
    if (statSync(file).size > maxSeedFileBytes) throw new UsageError(`The seed file ${file} is ${statSync(file).size} bytes; a seed file is one line (at most ${maxSeedFileBytes} bytes).`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Cannot read the seed file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  return parseSeedFile(text, file);
}

/**
 * `--new-seed-file F`: writes a fresh 256-bit secret from the OS's cryptographic generator, readable by its owner
 * only (mode 0600), and never over an existing file (a lost secret cannot reproduce its grades). Returns it.
 */
export function writeNewSeedFile(file: string): SecretSeed {
  const key = randomBytes(32);
  const seed = SecretSeed.fromKey(key);
  const text = [
    '# Runnable Deep Learning grading secret: keep it private (anyone who has it can regenerate the hidden test data).',
    `# Fingerprint ${seed.fingerprint} (shown in grades.json and reports). Use: npm run grade -- <dir> --seed-file ${path.basename(file)}`,
    `${secretPrefix}${key.toString('hex')}`,
    '',
  ].join('\n');
  try {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${file} already exists; --new-seed-file never overwrites a seed file (grades made with it could not be reproduced). Pick another name.`);
    throw new UsageError(`Cannot write the seed file ${file}: ${code ?? (e as Error).message}.`);
  }
  return seed;
}

/** The ids in repeated and/or comma-separated `--exercise` options, each checked against exercises/. */
export function exerciseIds(options: string[] | undefined): string[] {
  const known = listExerciseIds();
  const wanted = (options ?? []).flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
  for (const id of wanted) if (!known.includes(id)) throw new UsageError(`Unknown exercise "${id}". Known exercises: ${known.join(', ')}.`);
  return wanted;
}

/** Resolves the arguments to grading options; throws UsageError for anything the instructor must fix. */
export function resolveBatchArgs(a: BatchArgs): { dir: string; outDir: string; exercises: ExerciseFiles[]; options: BatchOptions; secretSeed: boolean } {
  if (!existsSync(a.dir) || !statSync(a.dir).isDirectory()) throw new UsageError(`No such submissions folder: ${a.dir}`);
  if (a.seed !== undefined && a.seedFile !== undefined) throw new UsageError('Give --seed or --seed-file, not both.');
  let seed: GradingSeed | undefined;
  if (a.seed !== undefined) seed = parseSeed(a.seed, '--seed');
  if (a.seedFile !== undefined) seed = readSeedFile(a.seedFile);
  const known = listExerciseIds();
  const wanted = exerciseIds(a.exercise);
  const exercises = (wanted.length ? known.filter((id) => wanted.includes(id)) : known).map((id) => loadExercise(id));
  const jobs = positive(a.jobs, 'jobs', { integer: true }) ?? availableParallelism();
  const timeoutS = positive(a.timeout, 'timeout');
  const memoryMb = positive(a.memory, 'memory', { integer: true, min: 1536 }) ?? defaultMemoryMb;
  return {
    dir: a.dir,
    outDir: a.out ?? (a.gradescope ? '/autograder/results' : 'grades'),
    exercises,
    secretSeed: seed !== undefined,
    options: { exercises, ...(seed !== undefined && { seed }), jobs, ...(timeoutS !== undefined && { timeoutMs: Math.round(timeoutS * 1000) }), memoryMb, backend: a.backend },
  };
}

const shortId = (id: string) => id.split('/').pop()!;

function summaryTable(results: StudentResult[], exercises: ExerciseFiles[]): string {
  const mark = (r: GradeReport) => (r.status === 'passed' ? `✓ ${r.score}` : r.status === 'failed' ? `✗ ${r.score}` : r.status === 'not-attempted' ? '–' : `! ${r.error?.kind ?? 'error'}`);
  const table = new Table({ head: ['student', ...exercises.map((e) => shortId(e.meta.id)), 'total', 'status'], style: { head: [], border: [] } });
  for (const r of results) table.push([r.student, ...exercises.map((e) => mark(r.reports[e.meta.id]!)), `${r.total}/${r.maxTotal}`, r.status]);
  return table.toString();
}

/** Grades the reference solutions first, under the same sandbox and seed: a setting that fails them would fail everyone. */
async function selfCheck(exercises: ExerciseFiles[], options: BatchOptions, secretSeed: boolean): Promise<string | null> {
  const reports = await pool(exercises.map((ex) => () => gradeInSandbox(ex, ex.solution, options)), options.jobs ?? availableParallelism());
  const bad = reports.filter((r) => r.status !== 'passed');
  if (!bad.length) return null;
  return [
    'Self-check failed: the reference solution does not pass under these settings, so grading would be unfair.',
    ...bad.map((r) => reportText(r, secretSeed)),
    'Raise --timeout or --memory, pick another seed or secret (the bounds in exercise.yaml were measured on integer seeds 1–20 and checked on 100 secrets: scripts/secret-bounds.json), or pass --no-self-check.',
  ].join('\n');
}

/**
 * Writes Gradescope's results.json saying that grading itself failed (score 0, the reason). Used on any error
 * the grader can catch in --gradescope mode; run_autograder covers the ones it cannot (a killed process).
 * Returns false if even that could not be written.
 */
export function writeGradescopeFailure(outDir: string, reason: string): boolean {
  try {
    writeAtomic(path.join(outDir, 'results.json'), `${JSON.stringify(gradescopeFailure(reason), null, 2)}\n`);
    return true;
  } catch {
    return false;
  }
}

/** Runs batch mode; returns the exit code (0 = grading ran, whatever the students scored; 1 = it could not). */
export async function runBatchCli(a: BatchArgs): Promise<number> {
  const { dir, outDir, exercises, options, secretSeed } = resolveBatchArgs(a);
  const started = performance.now();
  const err = process.stderr;
  if (!secretSeed && !a.gradescope)
    err.write('Note: no --seed or --seed-file, so every exercise is graded on its public seed, the one the browser uses. Use a secret seed for marks.\n');

  // The output folder is checked before any grading, so a class's results are never lost at the end.
  try {
    const { others } = prepareOutDir(outDir, Boolean(a.gradescope));
    if (others.length && !a.gradescope)
      err.write(`Note: ${outDir} also holds ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''}; left as they are (only grades.csv, grades.json and feedback/ are replaced).\n`);
  } catch (e) {
    err.write(`${(e as Error).message}\nGive --out a folder you can write to.\n`);
    return 1;
  }

  const ids = exercises.map((e) => e.meta.id);
  let found: { students: ReturnType<typeof readStudentFolder>[]; notes: string[] };
  try {
    found = a.gradescope ? { students: [readStudentFolder(dir, 'submission', ids)], notes: [] } : discoverSubmissions(dir, ids, { outDir });
  } catch (e) {
    // Only the submissions folder itself being unreadable gets here; everything below it is a note.
    err.write(`Cannot read the submissions folder ${dir}: ${(e as Error).message}\n`);
    if (a.gradescope) writeGradescopeFailure(outDir, 'the upload folder could not be read.');
    return 1;
  }
  const { students } = found;
  for (const n of found.notes) err.write(`Note: ${n}\n`);
  if (!students.length) err.write(`Note: no student folders or zips found in ${dir}.\n`);

  if (a.selfCheck && !a.gradescope) {
    err.write(`Self-check: grading the reference solution${exercises.length > 1 ? 's' : ''} under these settings…\n`);
    const problem = await selfCheck(exercises, options, secretSeed);
    if (problem) {
      err.write(`${problem}\n`);
      return 1;
    }
  }

  const total = countSubmissions(students, exercises);
  const bar = err.isTTY && !a.gradescope ? new cliProgress.SingleBar({ format: 'grading |{bar}| {value}/{total} submissions | {eta_formatted} left | {last}', hideCursor: true, stream: err }, cliProgress.Presets.shades_classic) : null;
  bar?.start(total, 0, { last: '' });
  let done = 0;
  const results = await gradeBatch(students, {
    ...options,
    onGraded: (student, r) => {
      done++;
      const line = `${student} ${shortId(r.exerciseId)}: ${r.status}${r.error ? ` (${r.error.kind})` : ''}`;
      if (bar) bar.update(done, { last: line });
      else if (!a.gradescope) err.write(`[${done}/${total}] ${line}, ${secondsText(r.durationMs)}\n`);
    },
  });
  bar?.stop();

  const info: BatchInfo = {
    exercises,
    ...(options.seed !== undefined && { seed: options.seed }),
    secretSeed,
    jobs: options.jobs!,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    memoryMb: options.memoryMb!,
    backend: options.backend!,
    durationMs: performance.now() - started,
    notes: found.notes,
  };
  if (a.gradescope) {
    const file = path.join(outDir, 'results.json');
    try {
      writeAtomic(file, `${JSON.stringify(gradescopeResults(results[0]!, info), null, 2)}\n`);
    } catch (e) {
      err.write(`Could not write ${file}: ${(e as Error).message}\n`);
      return 1;
    }
    console.log(`${results[0]!.total}/${results[0]!.maxTotal} (${results[0]!.status}); wrote ${file}`);
    return 0;
  }
  let written;
  try {
    written = writeBatchOutputs(outDir, results, info);
  } catch (e) {
    // Checked at the start, yet it failed now (disk full, the folder replaced meanwhile): the grading took
    // minutes to hours, so save it somewhere fresh rather than lose it.
    err.write(`Could not write the results to ${outDir}: ${(e as Error).message}\n`);
    try {
      const rescue = mkdtempSync(path.join(tmpdir(), 'rdl-grades-rescued-'));
      writeBatchOutputs(rescue, results, info);
      err.write(`The results were saved in ${rescue} instead (grades.csv, grades.json, feedback/). Copy them from there.\n`);
    } catch (e2) {
      err.write(`Saving them in a temporary folder failed too (${(e2 as Error).message}); grades.csv follows on stderr.\n${gradesCsvOf(results, exercises)}`);
    }
    return 1;
  }
  if (written.stale.length)
    err.write(`Note: ${written.feedbackDir} also holds ${written.stale.length} feedback file(s) this run did not write (students of an earlier run?): ${written.stale.slice(0, 5).join(', ')}${written.stale.length > 5 ? ', …' : ''}. They were left as they are; remove them before sending feedback out.\n`);
  if (a.json) console.log(JSON.stringify(results, null, 2));
  else {
    console.log(summaryTable(results, exercises));
    const minutes = info.durationMs / 60_000;
    console.log(`${students.length} students, ${total} submissions graded in ${secondsText(info.durationMs)} (${(total / minutes).toFixed(1)}/min, ${options.jobs} jobs, ${options.seed instanceof SecretSeed ? `secret seed ${options.seed.fingerprint}` : secretSeed ? 'secret seed' : 'public seeds'}).`);
    console.log(`Wrote ${written.csv}, ${written.json} and ${written.feedbackDir}/<student>.md`);
  }
  return 0;
}
