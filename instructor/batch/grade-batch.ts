/**
 * Batch grading: every student's submission for every selected exercise, each in its own sandboxed child
 * process, `jobs` at a time. A submission that breaks anything scores 0 with a reason; nothing a submission does
 * can stop the batch or change another student's grade (separate processes, metrics computed here).
 */
import { availableParallelism } from 'node:os';
import type { ExerciseFiles } from '../../graders/exercise-files.ts';
import type { GradeReport, LearnerError } from '../../graders/report.ts';
import type { GradingSeed } from '../../graders/rng.ts';
import { errorReport } from '../../graders/grade.ts';
import { childProcessRunner } from '../../src/runtime/child-runner.ts';
import type { NodeBackend } from '../../src/runtime/node-backend.ts';
import { runExercise } from '../../src/runtime/run-exercise.ts';
import { defaultMemoryMb } from '../../src/runtime/sandbox.ts';
import type { StudentSubmission } from './discover.ts';

/** How one submission is graded (both CLI modes). */
export interface GradeOptions {
  /** Grading seed for every exercise; undefined = each exercise's public seed (fine for practice, not for marks). */
  seed?: GradingSeed;
  /** Wall-clock limit per submission; default: the exercise's timeoutMs. */
  timeoutMs?: number;
  /** Address-space cap per child, MiB. */
  memoryMb?: number;
  backend?: NodeBackend;
}

export interface BatchOptions extends GradeOptions {
  exercises: ExerciseFiles[];
  /** Parallel child processes (default: the number of cores). */
  jobs?: number;
  /** Called as each submission finishes (progress bar, log lines). */
  onGraded?: (student: string, report: GradeReport) => void;
}

export interface StudentResult {
  student: string;
  displayName?: string;
  /** Exercise id → report, for every selected exercise (not-attempted when nothing was submitted). */
  reports: Record<string, GradeReport>;
  total: number;
  maxTotal: number;
  /** "passed" when every exercise passed, else counts such as "1/3 passed, 1 failed, 1 not submitted". */
  status: string;
  notes: string[];
}

/** The report for an exercise a student did not submit: 0 points, kept apart from "failed" (otter's rule). */
export function notSubmittedReport(ex: ExerciseFiles, seed: GradingSeed, backend: string): GradeReport {
  return { ...errorReport(ex.meta, { kind: 'internal', message: 'not submitted' }, { seed, backend, durationMs: 0 }), status: 'not-attempted', error: null };
}

export function studentStatus(reports: GradeReport[]): string {
  const count = (s: GradeReport['status']) => reports.filter((r) => r.status === s).length;
  const passed = count('passed');
  if (passed === reports.length) return 'passed';
  const parts = [`${passed}/${reports.length} passed`];
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('error')) parts.push(`${count('error')} error`);
  if (count('not-attempted')) parts.push(`${count('not-attempted')} not submitted`);
  return parts.join(', ');
}

/** Runs `tasks` with at most `jobs` in flight; results keep the tasks' order. */
export async function pool<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  return results;
}

/** Grades one source in the sandbox. Never throws: even a failure of the grader itself becomes a report. */
export async function gradeInSandbox(ex: ExerciseFiles, source: string, o: GradeOptions): Promise<GradeReport> {
  const backend = o.backend ?? 'wasm';
  const seed = o.seed ?? ex.meta.seed;
  const started = performance.now();
  try {
    const { report } = await runExercise({
      meta: ex.meta,
      source,
      starter: ex.starter,
      seed,
      backend,
      runner: childProcessRunner({ backend, timeoutMs: o.timeoutMs ?? ex.meta.timeoutMs, sandbox: { memoryMb: o.memoryMb ?? defaultMemoryMb } }),
    });
    return report;
  } catch (e) {
    // The runner never throws and validates everything the child sends against the problem (sizes, types,
    // finite numbers) before grade() sees it, so reaching this is a fault in the grader itself, not something the
    // submission claimed: say so, with what failed.
    let what: string;
    try {
      what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    } catch {
      what = 'an unreadable error';
    }
    const error: LearnerError = { kind: 'internal', message: `The grader itself failed while grading this submission's validated outputs (${what.slice(0, 300)}). This is a fault in the grader, not in the submission; it scores 0 here, so please regrade it after a fix.` };
    return errorReport(ex.meta, error, { seed, backend, durationMs: performance.now() - started });
  }
}

export async function gradeBatch(students: StudentSubmission[], o: BatchOptions): Promise<StudentResult[]> {
  const backend = o.backend ?? 'wasm';
  const reports = new Map<string, Record<string, GradeReport>>(students.map((s) => [s.student, {}]));
  const tasks: (() => Promise<void>)[] = [];
  for (const s of students)
    for (const ex of o.exercises) {
      const file = s.files.get(ex.meta.id);
      if (!file) {
        reports.get(s.student)![ex.meta.id] = notSubmittedReport(ex, o.seed ?? ex.meta.seed, backend);
        continue;
      }
      tasks.push(async () => {
        const report = await gradeInSandbox(ex, file.source, o);
        reports.get(s.student)![ex.meta.id] = report;
        o.onGraded?.(s.student, report);
      });
    }
  await pool(tasks, o.jobs ?? availableParallelism());
  return students.map((s) => {
    const byId = reports.get(s.student)!;
    // Keep the course's exercise order in every output.
    const ordered = Object.fromEntries(o.exercises.map((ex) => [ex.meta.id, byId[ex.meta.id]!]));
    const list = Object.values(ordered);
    return {
      student: s.student,
      ...(s.displayName && { displayName: s.displayName }),
      reports: ordered,
      total: list.reduce((a, r) => a + r.score, 0),
      maxTotal: list.reduce((a, r) => a + r.maxScore, 0),
      status: studentStatus(list),
      notes: [...s.notes],
    };
  });
}

/** How many submissions `gradeBatch` will actually run (for the progress bar). */
export function countSubmissions(students: StudentSubmission[], exercises: ExerciseFiles[]): number {
  return students.reduce((n, s) => n + exercises.filter((ex) => s.files.has(ex.meta.id)).length, 0);
}
