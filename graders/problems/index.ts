/** Every generator an exercise.yaml may name under `data.generator`, and the functions that use one by name. */
import type { GradingSeed } from '../rng.ts';
import type { CallOutputs, Plot, Problem, ProblemDef, ProblemOptions, Scored } from '../problem.ts';
import { blobsProblem, spiralProblem } from './classification.ts';
import { cubicProblem } from './regression.ts';
import { gatesProblem } from './truth-table.ts';
import { linearStackProblem } from './equivalent-layer.ts';
import { deepMlpProblem } from './gradient-norms.ts';

export const generators = {
  blobs: blobsProblem,
  spiral: spiralProblem,
  cubic: cubicProblem,
  gates: gatesProblem,
  linearStack: linearStackProblem,
  deepMlp: deepMlpProblem,
} as const;

export type GeneratorName = keyof typeof generators;

/** An exercise's `data` block (params already validated by the schema). */
export interface DataSpec {
  generator: GeneratorName;
  params: unknown;
}

// The registry holds generators of different parameter types; by name they are used through this erased view.
const byName = (name: GeneratorName) => generators[name] as unknown as ProblemDef<unknown, unknown>;

/** A problem posed for one seed, with its scoring and plot bound to the parameters it was made from. */
export interface PosedProblem extends Problem {
  /** Metrics (and explanations) from the outputs of every call. */
  score(outputs: CallOutputs[]): Scored;
  /** The plot drawn after a run, if the task has one. */
  plot(outputs: CallOutputs[]): Plot | undefined;
}

/** Builds the problem an exercise poses for a seed. */
export function makeProblem(data: DataSpec, seed: GradingSeed, options: ProblemOptions = {}): PosedProblem {
  const g = byName(data.generator);
  const params = g.params.parse(data.params);
  const { calls, hidden } = g.make(params, seed, options);
  return { calls, hidden, score: (outputs) => g.score(params, hidden, outputs), plot: (outputs) => g.plot?.(params, hidden, outputs) };
}

/** The metric names a check may bound, for a generator and its (validated) parameters. */
export function metricNames(generator: GeneratorName, params: unknown): string[] {
  return byName(generator).metrics(params);
}
