/**
 * What batch grading writes: grades.csv for the LMS, grades.json with every GradeReport, one feedback file per
 * student, and Gradescope's results.json. CSV through csv-stringify (quoting of names with commas and quotes,
 * formula-safe cells are its job, not ours).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { formatReport } from '../format-report.ts';
import type { GradeReport } from '../report.ts';
import type { ExerciseFiles } from '../exercise-files.ts';
import type { StudentResult } from './grade-batch.ts';
import { seedLabel, type GradingSeed } from '../rng.ts';

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

/** grades.csv: student, one score column per exercise (in course order), total, status. */
export function gradesCsv(results: StudentResult[], exercises: ExerciseFiles[]): string {
  const ids = exercises.map((e) => e.meta.id);
  // escape_formulas: a spreadsheet would run a cell that starts with = + - @ (a student "name") as a formula.
  return stringify([['student', ...ids, 'total', 'status'], ...results.map((r) => [r.student, ...ids.map((id) => r.reports[id]!.score), r.total, r.status])], { escape_formulas: true });
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

/** The feedback a student receives: each exercise's verdict, checks and teaching messages. */
export function feedbackText(r: StudentResult, info: BatchInfo): string {
  const lines = [`# Feedback for ${r.displayName && r.displayName !== r.student ? `${r.student} (${r.displayName})` : r.student}`, '', `Score: ${r.total}/${r.maxTotal} (${r.status})`, ''];
  if (info.secretSeed) lines.push('Graded on hidden test data drawn with a secret seed, so numbers differ a little from the ones your browser showed.', '');
  for (const ex of info.exercises) {
    const rep = r.reports[ex.meta.id]!;
    lines.push(`## ${ex.meta.title} (${ex.meta.id})`, '');
    if (rep.status === 'not-attempted') lines.push('Not submitted: no file for this exercise was found in your submission. Score 0.');
    else lines.push('```', reportText(rep, info.secretSeed), '```');
    if (rep.logs.length) lines.push('', 'Your code printed (last lines):', '```', ...rep.logs.slice(-10), '```');
    lines.push('');
  }
  if (r.notes.length) lines.push('## Notes on your submission', '', ...r.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** Writes grades.csv, grades.json and feedback/<student>.md into `outDir`; returns the paths written. */
export function writeBatchOutputs(outDir: string, results: StudentResult[], info: BatchInfo): { csv: string; json: string; feedbackDir: string } {
  const feedbackDir = path.join(outDir, 'feedback');
  mkdirSync(feedbackDir, { recursive: true });
  const csv = path.join(outDir, 'grades.csv');
  const json = path.join(outDir, 'grades.json');
  writeFileSync(csv, gradesCsv(results, info.exercises));
  writeFileSync(json, gradesJson(results, info));
  const used = new Set<string>();
  for (const r of results) {
    // Two names that differ only in characters a file name cannot hold must not overwrite each other.
    let name = safeFileName(r.student);
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${safeFileName(r.student)}-${i}`;
    used.add(name.toLowerCase());
    writeFileSync(path.join(feedbackDir, `${name}.md`), feedbackText(r, info));
  }
  return { csv, json, feedbackDir };
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
      output: rep.status === 'not-attempted' ? `Not submitted: upload ${ex.meta.id.split('/').pop()}.ts or the zip from the course's progress page.` : reportText(rep, info.secretSeed),
      visibility: 'visible',
    };
  });
  const notes = r.notes.length ? `\n\nNotes:\n${r.notes.map((n) => `- ${n}`).join('\n')}` : '';
  return {
    score: r.total,
    execution_time: Math.round(info.durationMs / 1000),
    output: `${r.total}/${r.maxTotal} exercises passed (${r.status}).${notes}`,
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}
