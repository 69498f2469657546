/** Every generator an exercise.yaml may name under `data.generator`, and the functions that use one by name. */
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

/** Builds the problem an exercise poses for a seed. */
export function makeProblem(data: DataSpec, seed: number, options: ProblemOptions = {}): Problem {
  const g = byName(data.generator);
  return g.make(g.params.parse(data.params), seed, options);
}

/** Metrics (and explanations) from the outputs of every call. */
export function scoreProblem(data: DataSpec, problem: Problem, outputs: CallOutputs[]): Scored {
  const g = byName(data.generator);
  return g.score(g.params.parse(data.params), problem.hidden, outputs);
}

/** The plot drawn after a run, if the task has one. */
export function plotProblem(data: DataSpec, problem: Problem, outputs: CallOutputs[]): Plot | undefined {
  const g = byName(data.generator);
  return g.plot?.(g.params.parse(data.params), problem.hidden, outputs, problem);
}
