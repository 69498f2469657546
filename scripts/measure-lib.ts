/**
 * Pieces the measurement scripts in scripts/ share: CPU time, summary statistics, editing the reference solution,
 * the flags every "grade the reference solution, changed by flags" script takes, `--seeds a-b` ranges, and grading a solution on a range of seeds in this process as the grader does.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { loadExercise } from '../graders/exercise-files.ts';
import type { GradeReport } from '../graders/report.ts';
import type { ExerciseMeta } from '../graders/schema.ts';
import { useNodeBackend, type NodeBackend } from '../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../src/runtime/run-exercise.ts';
import type { Tfjs } from '../src/runtime/run-learner.ts';

/** The flags of every measuring script that grades a changed reference solution; `extra` adds the script's own. */
const measureOptions = {
  act: { type: 'string', default: 'relu' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  seeds: { type: 'string', default: '1-10' },
} as const;

/** Parses the command line: a positional sub-command, the common flags (--act, --epochs, --lr, --backend, --seeds) and `extra`. */
export function parseMeasureArgs<const T extends ParseArgsOptionsConfig>(extra: T) {
  return parseArgs({ allowPositionals: true, options: { ...measureOptions, ...extra } });
}

/** CPU seconds this process used since `since` (wall time minus waiting for a shared machine). */
export const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/** Mean, (population) standard deviation, min and max of `a`, to 4 decimals. */
export const stats = (a: number[]) => {
  const mean = a.reduce((x, y) => x + y, 0) / a.length;
  const sd = Math.sqrt(a.reduce((x, y) => x + (y - mean) ** 2, 0) / a.length);
  return `mean ${mean.toFixed(4)}  sd ${sd.toFixed(4)}  min ${Math.min(...a).toFixed(4)}  max ${Math.max(...a).toFixed(4)}`;
};

/**
 * A copy of the reference solution to change: `swap(find, replace)` replaces every occurrence of `find` and throws
 * if there is none (so a flag never silently does nothing after solution.ts changes); `source` is the text so far.
 */
export function editSource(solution: string): { swap: (find: string, replace: string) => void; readonly source: string } {
  let source = solution;
  return {
    swap: (find, replace) => {
      if (!source.includes(find)) throw new Error(`"${find}" not in solution.ts`);
      source = source.replaceAll(find, replace);
    },
    get source() {
      return source;
    },
  };
}

/** The seeds of a `--seeds` value: "3-7" is 3, 4, 5, 6, 7; a single number is that seed alone. */
export function seedRange(spec: string): number[] {
  const [a, b] = spec.split('-').map(Number);
  const seeds: number[] = [];
  for (let seed = a!; seed <= (b ?? a!); seed++) seeds.push(seed);
  return seeds;
}

/**
 * Grades `source` on each seed in this process exactly as the grader does, throwing on a run error, and prints a
 * line per seed: "seed N: <describe(report)>  wall s (CPU s)  status  tensors +k" (k: tensors the run left behind).
 * `describe` may print lines of its own; they come before the seed's line. Returns the reports in seed order.
 */
export async function gradeSeeds(o: {
  meta: ExerciseMeta;
  source: string;
  backend: NodeBackend;
  tf: Tfjs;
  seeds: number[];
  describe: (report: GradeReport) => string;
}): Promise<GradeReport[]> {
  const { meta, source, backend, tf } = o;
  const reports: GradeReport[] = [];
  for (const seed of o.seeds) {
    const tensors = tf.memory().numTensors;
    const cpu0 = process.cpuUsage();
    const { report } = await runExercise({ meta, source, backend, runner: inThreadRunner(tf), seed });
    if (report.error) throw new Error(report.error.message);
    reports.push(report);
    const what = o.describe(report);
    console.log(`seed ${seed}: ${what}  ${(report.durationMs / 1000).toFixed(1)} s (CPU ${cpuSeconds(cpu0).toFixed(1)} s)  ${report.status}  tensors +${tf.memory().numTensors - tensors}`);
  }
  return reports;
}

/** A report's checks as metric → value. */
export const metricValues = (report: GradeReport): Record<string, number> => Object.fromEntries(report.checks.map((c) => [c.metric, c.value]));

/** One change of a solution for a wrong (or alternative) variant: the first match of `find` becomes `replace`. */
export type Edit = [find: string | RegExp, replace: string];

/**
 * An exercise's solution.ts with a named variant's edits applied in order; throws naming the edit that no longer
 * matches, so a variant never silently measures the unchanged solution after solution.ts changes.
 */
export function variantOfSolution(exerciseId: string, name: string, edits: readonly Edit[]): string {
  let src = loadExercise(exerciseId).solution;
  for (const [find, replace] of edits) {
    const next = src.replace(find, replace);
    if (next === src) throw new Error(`variant "${name}": "${String(find)}" not found in solution.ts`);
    src = next;
  }
  return src;
}

/** Grades `source` once on WASM in this process, as the grader does: the report, wall seconds, and its checks' metrics (Infinity where one could not be scored). */
export async function gradeOnWasm(exerciseId: string, source: string, seed: number, options: { onPage?: boolean } = {}): Promise<{ report: GradeReport; seconds: number; metrics: Record<string, number> }> {
  const tf = await useNodeBackend('wasm');
  const started = performance.now();
  const { report } = await runExercise({ meta: loadExercise(exerciseId).meta, source, backend: 'wasm', runner: inThreadRunner(tf), seed, ...options });
  const metrics = Object.fromEntries(report.checks.map((c) => [c.metric, c.value ?? Infinity]));
  return { report, seconds: (performance.now() - started) / 1000, metrics };
}
