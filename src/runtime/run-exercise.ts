/**
 * A whole run: build the exercise's problem from a seed, run the learner's code on it (through a runner: in this
 * thread in the browser worker, in a child process for the CLI), and grade what came back. The hidden answers stay
 * here; the runner only ever sees the calls' arguments and the inputs to evaluate on.
 */
import { isUnchangedStarter } from '../../graders/format.ts';
import { errorReport, grade } from '../../graders/grade.ts';
import type { Plot } from '../../graders/problem.ts';
import { loadProblemData, makeProblem } from '../../graders/problems/index.ts';
import type { GradeReport } from '../../graders/report.ts';
import { deriveSeed, forExercise, type GradingSeed } from '../../graders/rng.ts';
import type { ExerciseMeta } from '../../graders/schema.ts';
import { labelScatterFrames } from './live-frames/frame-labels.ts';
import { logLimiter } from './output-limits.ts';
import { runLearner, type LearnerRunner, type ProgressEvent, type RunEvents, type Tfjs } from './run-learner.ts';

export interface ExerciseRunOptions extends RunEvents {
  meta: ExerciseMeta;
  source: string;
  /** Grading seed (an integer or a secret); defaults to the exercise's public seed. */
  seed?: GradingSeed;
  /** Backend name for the report. */
  backend: string;
  /** Where the learner's code runs. */
  runner: LearnerRunner;
  /** Resolution of the decision-region grid to evaluate for 2-D classification (0 = none). */
  gridSize?: number;
  /** The run is drawn on a lesson page: also evaluate what is only shown (ProblemOptions.onPage). */
  onPage?: boolean;
  /** The exercise's starter: a run of it, unchanged, that does not pass is marked `starterUnchanged` in the report. */
  starter?: string;
}

export interface ExerciseRunResult {
  report: GradeReport;
  /** What to draw after the run (decision regions, a fitted curve), if the task has a plot. */
  plot?: Plot;
}

/** A runner that runs the learner's code in this thread with the given tfjs (browser worker, tests). */
export function inThreadRunner(tf: Tfjs, options: Pick<RunEvents, 'readPlots'> = {}): LearnerRunner {
  return (input, events) => runLearner({ ...input, tf, backend: tf.getBackend(), ...options, ...events });
}

export async function runExercise(o: ExerciseRunOptions): Promise<ExerciseRunResult> {
  // A secret is scoped to the exercise first, so no two exercises share a stream (graders/rng.ts).
  const seed = forExercise(o.seed ?? o.meta.seed, o.meta.id);
  const logs: string[] = [];
  // Bounded here for every runner, so a print loop neither fills the report nor floods the page with lines.
  const limit = logLimiter();
  const onLog = (line: string) => {
    const kept = limit(line);
    if (kept === undefined) return;
    logs.push(kept);
    o.onLog?.(kept);
  };
  const started = performance.now();
  await loadProblemData(o.meta.data);
  const problem = makeProblem(o.meta.data, seed, { gridSize: o.gridSize ?? 0, onPage: o.onPage ?? false });
  const result = await o.runner(
    { source: o.source, entry: o.meta.entry, seed: deriveSeed(seed, 'learner'), calls: problem.calls },
    // Hidden labels colour the learner's scatter frames here, on their way to the page (never inside the runner).
    { ...(o.onProgress && { onProgress: (p: ProgressEvent) => o.onProgress!(labelScatterFrames(p, problem.frameLabels)) }), onLog },
  );
  const info = { seed, backend: o.backend, durationMs: performance.now() - started, logs };
  const unchanged = o.starter !== undefined && isUnchangedStarter(o.source, o.starter);
  const marked = (r: GradeReport): GradeReport => (unchanged && r.status !== 'passed' && r.error?.kind !== 'stopped' ? { ...r, starterUnchanged: true } : r);
  if (!result.ok) return { report: marked(errorReport(o.meta, result.error, info)) };
  const { outputs } = result;
  if (outputs.finalLoss !== undefined) logs.push(`final training loss ${outputs.finalLoss.toFixed(4)}`);
  const report = marked(grade(o.meta, problem.score(outputs.calls), info));
  const plot = problem.plot(outputs.calls);
  return plot ? { report, plot } : { report };
}
