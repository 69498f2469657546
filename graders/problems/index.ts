/** Every generator an exercise.yaml may name under `data.generator`, and the functions that use one by name. */
import type { GradingSeed } from '../rng.ts';
import { loadImageSet } from '../datasets/digits.ts';
import type { CallOutputs, Plot, Problem, ProblemDef, ProblemOptions, Scored } from '../problem.ts';
import { blobsProblem, spiralProblem } from './classification.ts';
import { cubicProblem } from './regression.ts';
import { activationDepthGenerators } from './activation-depth/index.ts';
import { mdnGenerators } from './mdn/index.ts';
import { autoencodersGenerators } from './autoencoders/index.ts';
import { mixturesGenerators } from './mixtures/index.ts';
import { startHereGenerators } from './start-here/index.ts';

export const generators = {
  blobs: blobsProblem,
  spiral: spiralProblem,
  cubic: cubicProblem,
  // A course module's own generators, from its folder (graders/problems/<module>/index.ts): one line per module.
  ...activationDepthGenerators,
  ...mixturesGenerators,
  ...mdnGenerators,
  ...autoencodersGenerators,
  ...startHereGenerators,
} as const;

export type GeneratorName = keyof typeof generators;

/** Every task kind, derived from the generators (in registry order), so no list of kinds can fall out of date. */
export const taskNames: string[] = [...new Set(Object.values(generators).map((g) => g.task))];

/** A task kind's generators and what the learner's entry does for it, for the schema's text and the reference. */
export function taskKinds(): { task: string; generators: GeneratorName[]; entry: string }[] {
  return taskNames.map((task) => {
    const names = (Object.keys(generators) as GeneratorName[]).filter((n) => generators[n].task === task);
    return { task, generators: names, entry: generators[names[0]!].doc.entry };
  });
}

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

/**
 * Loads the shipped data an exercise's generator reads (its `datasets`), once per process or page; call it before
 * `makeProblem` (runExercise does). Generators without shipped data need nothing, so this resolves at once.
 */
export async function loadProblemData(data: Pick<DataSpec, 'generator'>): Promise<void> {
  await Promise.all((byName(data.generator).datasets ?? []).map((name) => loadImageSet(name)));
}

/** Builds the problem an exercise poses for a seed (after `loadProblemData` where the generator reads shipped data). */
export function makeProblem(data: DataSpec, seed: GradingSeed, options: ProblemOptions = {}): PosedProblem {
  const g = byName(data.generator);
  const params = g.params.parse(data.params);
  const { calls, hidden, frameLabels } = g.make(params, seed, options);
  return { calls, hidden, ...(frameLabels && { frameLabels }), score: (outputs) => g.score(params, hidden, outputs), plot: (outputs) => g.plot?.(params, hidden, outputs) };
}

/** The metric names a check may bound, for a generator and its (validated) parameters. */
export function metricNames(generator: GeneratorName, params: unknown): string[] {
  return byName(generator).metrics(params);
}
