/** The generators of the activation-depth module (04): truth tables, the equivalent layer, gradient norms. */
import { gatesProblem } from './truth-table.ts';
import { linearStackProblem } from './equivalent-layer.ts';
import { deepMlpProblem } from './gradient-norms.ts';

/** By the name an exercise.yaml gives under `data.generator`. */
export const activationDepthGenerators = {
  gates: gatesProblem,
  linearStack: linearStackProblem,
  deepMlp: deepMlpProblem,
} as const;
