/**
 * A whole run: build the exercise's data from a seed, run the learner's code on the training split (through a
 * runner: in this thread in the browser worker, in a child process for the CLI), grade its predictions on the
 * hidden split. The hidden labels stay here; the runner only ever sees inputs.
 */
import { makeDataset } from '../../graders/datasets/index.ts';
import { errorReport, grade } from '../../graders/grade.ts';
import { argmaxRow } from '../../graders/metrics.ts';
import type { GradeReport } from '../../graders/report.ts';
import { deriveSeed } from '../../graders/rng.ts';
import type { ExerciseMeta } from '../../graders/schema.ts';
import type { Progress } from './course.ts';
import { runLearner, type LearnerRunner, type Tfjs } from './run-learner.ts';

export interface ExerciseRunOptions {
  meta: ExerciseMeta;
  source: string;
  /** Grading seed; defaults to the exercise's public seed. */
  seed?: number;
  /** Backend name for the report. */
  backend: string;
  /** Where the learner's code runs. */
  runner: LearnerRunner;
  onProgress?: (p: Progress) => void;
  onLog?: (line: string) => void;
  /** Resolution of the decision-region grid to return for 2-D tasks (0 = none). */
  gridSize?: number;
}

/** Test points and the model's decision regions, for the plot drawn after a run. */
export interface DecisionPlot {
  box: { x0: number; x1: number; y0: number; y1: number };
  size: number;
  gridClasses: Uint8Array;
  x: Float32Array;
  y: Int32Array;
  predicted: Uint8Array;
}

export interface ExerciseRunResult {
  report: GradeReport;
  plot?: DecisionPlot;
}

/** The bounding box of 2-D points, padded by 10% so edge points are not on the border. */
function paddedBox(x: Float32Array): DecisionPlot['box'] {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < x.length; i += 2) {
    x0 = Math.min(x0, x[i]!); x1 = Math.max(x1, x[i]!);
    y0 = Math.min(y0, x[i + 1]!); y1 = Math.max(y1, x[i + 1]!);
  }
  const px = (x1 - x0) * 0.1, py = (y1 - y0) * 0.1;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

/** A runner that runs the learner's code in this thread with the given tfjs (browser worker, tests). */
export function inThreadRunner(tf: Tfjs): LearnerRunner {
  return (input, events) => runLearner({ ...input, tf, backend: tf.getBackend(), ...events });
}

export async function runExercise(o: ExerciseRunOptions): Promise<ExerciseRunResult> {
  const seed = o.seed ?? o.meta.seed;
  const logs: string[] = [];
  const onLog = (line: string) => {
    logs.push(line);
    o.onLog?.(line);
  };
  const started = performance.now();
  const data = makeDataset(o.meta.data, seed);
  const box = data.test.features === 2 && o.gridSize ? paddedBox(data.test.x) : undefined;
  const result = await o.runner(
    { source: o.source, entry: o.meta.entry, seed: deriveSeed(seed, 'learner'), train: data.train, evalX: data.test.x, ...(box && { grid: { ...box, size: o.gridSize! } }) },
    { ...(o.onProgress && { onProgress: o.onProgress }), onLog },
  );
  const info = { seed, backend: o.backend, durationMs: performance.now() - started, logs };
  if (!result.ok) return { report: errorReport(o.meta, result.error, info) };
  const { outputs } = result;
  if (outputs.finalLoss !== undefined) logs.push(`final training loss ${outputs.finalLoss.toFixed(4)}`);
  const report = grade(o.meta, outputs, { y: data.test.y }, info);
  if (!box || !outputs.gridClasses) return { report };
  const predicted = new Uint8Array(data.test.n);
  for (let i = 0; i < data.test.n; i++) predicted[i] = argmaxRow(outputs.probs, i * outputs.classes, outputs.classes);
  return { report, plot: { box, size: o.gridSize!, gridClasses: outputs.gridClasses, x: data.test.x, y: data.test.y, predicted } };
}
