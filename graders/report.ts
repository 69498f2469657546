/** The result types shared by the browser, the CLI and the tests (see DESIGN.md "GradeReport"). */

export interface CheckResult {
  metric: string;
  label: string;
  value: number;
  min?: number;
  max?: number;
  passed: boolean;
  /** Teaching message for this outcome. */
  message: string;
  /** Lines that show where the value came from, e.g. a truth table with the model's outputs. */
  details?: string[];
}

export type GradeStatus = 'passed' | 'failed' | 'error' | 'not-attempted';

/** What a problem in the learner's code looks like: a kind, a message that names it, and where, if known. */
export interface LearnerError {
  kind: 'syntax' | 'missing-export' | 'thrown' | 'nan' | 'bad-output' | 'timeout' | 'stopped' | 'internal';
  message: string;
  /** 1-based line and column in the learner's TypeScript, when known. */
  line?: number;
  column?: number;
}

export interface GradeReport {
  exerciseId: string;
  status: GradeStatus;
  score: number;
  maxScore: number;
  /** The grading seed: the integer for a public one, "secret <fingerprint>" for a secret (never the secret). */
  seed: number | string;
  backend: string;
  durationMs: number;
  checks: CheckResult[];
  /** Numbers shown after the checks but not graded, each with what it means (graders/problem.ts InfoNote). */
  notes?: { metric: string; label: string; value: number; message: string }[];
  error: LearnerError | null;
  logs: string[];
  /** The code graded was the exercise's starter, unchanged (and did not pass): the page and the CLI say so first. */
  starterUnchanged?: true;
}
