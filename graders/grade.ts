/**
 * grade(): from a model's outputs on the hidden split to a GradeReport. Pure: the browser worker and the
 * instructor CLI both call it after the learner's code has finished, with the hidden labels it never saw.
 */
import { runCheck } from './checks.ts';
import { accuracy, crossEntropy } from './metrics.ts';
import type { CheckResult, GradeReport, LearnerError } from './report.ts';
import type { ExerciseMeta, MetricName } from './schema.ts';

/** What the runtime hands over for a classification task: class probabilities, row-major n×classes. */
export interface ClassificationOutputs {
  probs: Float32Array;
  classes: number;
}

/** Hidden answers for the same rows, kept by the grader. */
export interface HiddenLabels {
  y: Int32Array;
}

/** Computes every metric a check may name. */
export function computeMetrics(out: ClassificationOutputs, hidden: HiddenLabels): Record<MetricName, number> {
  return {
    testAccuracy: accuracy(out.probs, hidden.y, out.classes),
    testCrossEntropy: crossEntropy(out.probs, hidden.y, out.classes),
  };
}

interface RunInfo {
  seed: number;
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
    seed: info.seed,
    backend: info.backend,
    durationMs: Math.round(info.durationMs),
    checks,
    error,
    logs: info.logs ?? [],
  };
}

/** Grades model outputs against hidden labels with the exercise's checks. */
export function grade(meta: ExerciseMeta, out: ClassificationOutputs, hidden: HiddenLabels, info: RunInfo): GradeReport {
  const metrics = computeMetrics(out, hidden);
  const checks = meta.checks.map((c) => runCheck(c, metrics[c.metric]));
  return report(meta, info, checks.every((c) => c.passed) ? 'passed' : 'failed', checks, null);
}

/** The report for a run that never produced outputs: a syntax error, a throw, a timeout… Scores 0. */
export function errorReport(meta: ExerciseMeta, error: LearnerError, info: RunInfo): GradeReport {
  return report(meta, info, 'error', [], error);
}
