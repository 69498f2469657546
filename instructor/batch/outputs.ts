/**
 * What batch grading writes: grades.csv for the LMS, grades.json with every GradeReport, one feedback file per
 * student, and Gradescope's results.json. CSV through csv-stringify (quoting of names with commas and quotes,
 * formula-safe cells are its job, not ours).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { formatReport } from '../format-report.ts';
import type { GradeReport } from '../../graders/report.ts';
import type { ExerciseFiles } from '../../graders/exercise-files.ts';
import type { StudentResult } from './grade-batch.ts';
import { seedLabel, type GradingSeed } from '../../graders/rng.ts';

export interface BatchInfo {
  exercises: ExerciseFiles[];
  /** The grading seed, or undefined for each exercise's public seed. */
  seed?: GradingSeed;
  /** True when the seed must not reach students (feedback and Gradescope output say "secret seed"). */
  secretSeed: boolean;
  jobs: number;
  timeoutMs?: number;
  memoryMb: number;
  backend: string;
  durationMs: number;
  notes: string[];
}

/** A student name as a file name: letters (any script), digits, `.`, `_`, `-`; anything else becomes `_`. */
export function safeFileName(name: string): string {
  return name.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 120) || '_';
}

/** The notes column of one row: every note on one line, clipped (the feedback file has them all). */
function notesCell(notes: string[]): string {
  const text = notes.map((n) => visible(n.replace(/\r\n?|\n/g, ' ⏎ '))).join(' | ');
  return text.length > 1000 ? `${text.slice(0, 1000)}… (${notes.length} notes, all in the feedback file)` : text;
}

/**
 * grades.csv: student, one score column per exercise (in course order), total, status, and notes (last, so
 * the columns before it keep their places): what discovery skipped and why, so no student is lost silently.
 */
export function gradesCsv(results: StudentResult[], exercises: ExerciseFiles[]): string {
  const ids = exercises.map((e) => e.meta.id);
  // escape_formulas: a spreadsheet would run a cell that starts with = + - @ (a student "name") as a formula.
  return stringify([['student', ...ids, 'total', 'status', 'notes'], ...results.map((r) => [r.student, ...ids.map((id) => r.reports[id]!.score), r.total, r.status, notesCell(r.notes)])], { escape_formulas: true });
}

export function gradesJson(results: StudentResult[], info: BatchInfo): string {
  return `${JSON.stringify(
    {
      gradedAt: new Date().toISOString(),
      // Kept here so a grade can be reproduced; this file is for the instructor, never for students.
      // A secret shows as its fingerprint only ("secret 1a2b3c4d5e6f"), enough to tell which secret graded.
      seed: info.seed === undefined ? null : seedLabel(info.seed),
      options: { jobs: info.jobs, timeoutMs: info.timeoutMs ?? null, memoryMb: info.memoryMb, backend: info.backend },
      durationMs: Math.round(info.durationMs),
      exercises: info.exercises.map((e) => ({ id: e.meta.id, title: e.meta.title })),
      notes: info.notes,
      students: results,
    },
    null,
    2,
  )}\n`;
}

/** formatReport without colour, with the seed replaced when it is secret. */
export function reportText(r: GradeReport, secretSeed: boolean): string {
  const text = formatReport(r, { color: false });
  return secretSeed ? text.replace(/, (seed \d+|secret seed [0-9a-f]+)$/m, ', secret seed') : text;
}

/**
 * Control characters (except newline and tab) as visible `\xNN`, and line separators and bidirectional
 * overrides as `\uNNNN`: a terminal escape, a NUL or text that displays reversed must not reach a reader.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

/**
 * Student-controlled text as one line of Markdown that renders as exactly that text: newlines and control
 * characters made visible, HTML escaped (`<img onerror>` shows as text), and Markdown punctuation
 * backslash-escaped (no heading, link, image, emphasis or code span can start inside it), URLs defanged.
 */
export function mdText(text: string): string {
  return visible(text.replace(/\r\n?|\n/g, ' ⏎ ').replace(/\t/g, ' '))
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    .replace(/[\\`*_[\]#!|~(){}+]/g, '\\$&')
    // GFM links bare URLs and e-mail addresses whatever is escaped (it works on the parsed text), so they are
    // "defanged" the way security reports write them: https[:]//, www[.], a[@]b. Readable, not clickable.
    .replace(/:\/\//g, '\\[:\\]//')
    .replace(/\b(www)\./gi, '$1\\[.\\]')
    .replace(/@/g, '\\[@\\]');
}

/** A fenced code block that no line inside can close: the fence is longer than any backtick run in the text. */
export function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}text\n${visible(text)}\n${f}`;
}

/** The feedback a student receives: each exercise's verdict, checks and teaching messages. */
export function feedbackText(r: StudentResult, info: BatchInfo): string {
  const who = r.displayName && r.displayName !== r.student ? `${r.student} (${r.displayName})` : r.student;
  const lines = [`# Feedback for ${mdText(who)}`, '', `Score: ${r.total}/${r.maxTotal} (${mdText(r.status)})`, ''];
  if (info.secretSeed) lines.push('Graded on hidden test data drawn with a secret seed, so numbers differ a little from the ones your browser showed.', '');
  for (const ex of info.exercises) {
    const rep = r.reports[ex.meta.id]!;
    lines.push(`## ${ex.meta.title} (${ex.meta.id})`, '');
    if (rep.status === 'not-attempted') lines.push('Not submitted: no file for this exercise was found in your submission. Score 0.');
    // The report quotes the learner's error messages and values: inside a fence they stay text.
    else lines.push(fence(reportText(rep, info.secretSeed)));
    if (rep.logs.length) lines.push('', 'Your code printed (last lines):', fence(rep.logs.slice(-10).join('\n')));
    lines.push('');
  }
  if (r.notes.length) lines.push('## Notes on your submission', '', ...r.notes.map((n) => `- ${mdText(n)}`), '');
  return lines.join('\n');
}

/**
 * Writes `data` to `file` atomically: into a fresh temporary file in the same folder (O_EXCL, so nothing
 * planted there is followed or reused), flushed, then renamed over `file`. A reader, or a crash half-way,
 * sees the old file or the new one, never half of one.
 */
export function writeAtomic(file: string, data: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The files the grader owns in an output folder (replaced on each run); anything else there is left alone. */
export const ownOutputs = ['grades.csv', 'grades.json', 'feedback', 'results.json'];

/** Feedback file names, one per student in `results` order: safe, and never two the same (case-insensitively). */
export function feedbackNames(results: StudentResult[]): string[] {
  const used = new Set<string>();
  return results.map((r) => {
    // Two names that differ only in characters a file name cannot hold must not overwrite each other.
    let name = safeFileName(r.student);
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${safeFileName(r.student)}-${i}`;
    used.add(name.toLowerCase());
    return `${name}.md`;
  });
}

/**
 * Writes grades.csv, grades.json and feedback/<student>.md into `outDir`, each atomically; returns the paths
 * written and `stale`: feedback files already in feedback/ that this run did not write (students of an earlier
 * run). They are left in place and the caller lists them: deleting an instructor's files is not ours to do.
 */
export function writeBatchOutputs(outDir: string, results: StudentResult[], info: BatchInfo): { csv: string; json: string; feedbackDir: string; stale: string[] } {
  const feedbackDir = path.join(outDir, 'feedback');
  mkdirSync(feedbackDir, { recursive: true });
  const csv = path.join(outDir, 'grades.csv');
  const json = path.join(outDir, 'grades.json');
  const names = feedbackNames(results);
  results.forEach((r, i) => writeAtomic(path.join(feedbackDir, names[i]!), feedbackText(r, info)));
  // The grade files last: when they are new, every feedback file is too.
  writeAtomic(json, gradesJson(results, info));
  writeAtomic(csv, gradesCsv(results, info.exercises));
  const written = new Set(names);
  const stale = readdirSync(feedbackDir).filter((f) => f.endsWith('.md') && !written.has(f)).sort();
  return { csv, json, feedbackDir, stale };
}

/**
 * Checks an output folder before grading starts, so a class's grading is never lost at the end: creates it
 * (and feedback/ unless `gradescope`), and fails if either is not a folder or cannot be written (a probe file
 * is written and removed). Returns the other entries already there (left alone), or throws an Error whose
 * message names the problem and the path.
 */
export function prepareOutDir(outDir: string, gradescope: boolean): { others: string[] } {
  for (const dir of gradescope ? [outDir] : [outDir, path.join(outDir, 'feedback')]) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new Error(`Cannot create the output folder ${dir}: ${(e as Error).message}`);
    }
    // statSync follows a symlink the instructor made on purpose (--out pointing at a shared drive).
    if (!statSync(dir).isDirectory()) throw new Error(`The output path ${dir} exists and is not a folder.`);
    const probe = path.join(dir, '.rdl-write-check');
    try {
      writeAtomic(probe, 'ok\n');
      rmSync(probe);
    } catch (e) {
      throw new Error(`Cannot write into the output folder ${dir}: ${(e as Error).message}`);
    }
  }
  try {
    return { others: readdirSync(outDir).filter((f) => !ownOutputs.includes(f) && !f.startsWith('.')).sort() };
  } catch (e) {
    throw new Error(`Cannot list the output folder ${outDir}: ${(e as Error).message}`);
  }
}

/** One test of Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/). */
export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible';
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  /**
   * "text": Gradescope shows `output` as plain text. Its default, simple_format, reads HTML; student text
   * (names, printed lines, error messages) must stay text, and escaping it for HTML would show `&lt;` in text.
   */
  output_format: 'text';
  test_output_format: 'text';
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
}

/** Gradescope's results.json for one student: a test per exercise, scored 0 or its maxScore. */
export function gradescopeResults(r: StudentResult, info: BatchInfo): GradescopeResults {
  const tests = info.exercises.map((ex): GradescopeTest => {
    const rep = r.reports[ex.meta.id]!;
    return {
      name: `${ex.meta.title} (${ex.meta.id})`,
      score: rep.score,
      max_score: rep.maxScore,
      status: rep.status === 'passed' ? 'passed' : 'failed',
      output: rep.status === 'not-attempted' ? `Not submitted: upload ${ex.meta.id.split('/').pop()}.ts or the zip from the course's progress page.` : visible(reportText(rep, info.secretSeed)),
      visibility: 'visible',
    };
  });
  // One note a line: a newline inside a note must not pose as another note.
  const notes = r.notes.length ? `\n\nNotes:\n${r.notes.map((n) => `- ${visible(n.replace(/\r\n?|\n/g, ' ⏎ '))}`).join('\n')}` : '';
  return {
    score: r.total,
    execution_time: Math.round(info.durationMs / 1000),
    output: `${r.total}/${r.maxTotal} exercises passed (${r.status}).${notes}`,
    output_format: 'text',
    test_output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}

/**
 * results.json when grading itself failed (not the student's code): score 0 and a reason a student can act on
 * (tell the instructor) and the instructor can debug. Never holds the seed.
 */
export function gradescopeFailure(reason: string): GradescopeResults {
  return {
    score: 0,
    execution_time: 0,
    output: `The autograder could not grade this submission: ${visible(reason)}\nThis is not a verdict on your code. Please tell your instructor; resubmitting will not help until they fix it.`,
    output_format: 'text',
    test_output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: [],
  };
}
