/**
 * grade(): from metric values to a GradeReport. Pure: the browser worker and the instructor CLI both call it after
 * the learner's code has finished; the metrics come from the generator's `score`, which alone holds the hidden
 * answers (graders/problems/).
 */
import { runCheck } from './checks.ts';
import type { Scored } from './problem.ts';
import { seedLabel, type GradingSeed } from './rng.ts';
import type { CheckResult, GradeReport, LearnerError } from './report.ts';
import type { ExerciseMeta } from './schema.ts';

export interface RunInfo {
  seed: GradingSeed;
  backend: string;
  durationMs: number;
  logs?: string[];
}

function report(meta: ExerciseMeta, info: RunInfo, status: GradeReport['status'], checks: CheckResult[], error: LearnerError | null): GradeReport {
  return {
    exerciseId: meta.id,
    status,
    score: status === 'passed' ? 1 : 0,
    maxScore: 1,
    seed: seedLabel(info.seed),
    backend: info.backend,
    durationMs: Math.round(info.durationMs),
    checks,
    error,
    logs: info.logs ?? [],
  };
}

/** Runs the exercise's checks on scored metrics. A metric the generator did not produce counts as NaN (fails). */
export function grade(meta: ExerciseMeta, scored: Scored, info: RunInfo): GradeReport {
  const checks = meta.checks.map((c) => {
    const r = runCheck(c, scored.metrics[c.metric] ?? NaN);
    const details = scored.details?.[c.metric];
    return details ? { ...r, details } : r;
  });
  const graded = report(meta, info, checks.every((c) => c.passed) ? 'passed' : 'failed', checks, null);
  return scored.notes?.length ? { ...graded, notes: scored.notes } : graded;
}

/** The report for a run that never produced outputs: a syntax error, a throw, a timeout… Scores 0. */
export function errorReport(meta: ExerciseMeta, error: LearnerError, info: RunInfo): GradeReport {
  return report(meta, info, 'error', [], error);
}
