/**
 * Truth tables: the learner's entry returns an object of logic gates (NOT, AND, …), each a function or model
 * from a tensor of 0/1 rows to one output per row. The runtime evaluates every gate on every row of its table;
 * the grader checks each output is within `maxError` of the target (the lesson's "< 0.1 / > 0.9").
 */
import { z } from 'zod';
import { fmt } from '../../format.ts';
import type { Evaluation, ProblemDef } from '../../problem.ts';

/** The gates an exercise may ask for, with their arity and truth function. */
export const gateTables = {
  NOT: { arity: 1, f: (a: number) => 1 - a },
  AND: { arity: 2, f: (a: number, b: number) => a & b },
  OR: { arity: 2, f: (a: number, b: number) => a | b },
  NAND: { arity: 2, f: (a: number, b: number) => 1 - (a & b) },
  NOR: { arity: 2, f: (a: number, b: number) => 1 - (a | b) },
  XOR: { arity: 2, f: (a: number, b: number) => a ^ b },
} as const;
export type GateName = keyof typeof gateTables;
const gateNames = Object.keys(gateTables) as [GateName, ...GateName[]];

export const gatesParams = z.object({ gates: z.array(z.enum(gateNames)).min(1).describe('Gates the entry must return, by name.') }).strict();
type GatesParams = z.infer<typeof gatesParams>;

/** Every input row of a gate, in counting order: [[0], [1]] or [[0,0], [0,1], [1,0], [1,1]]. */
function rows(arity: number): number[][] {
  return Array.from({ length: 2 ** arity }, (_, i) => Array.from({ length: arity }, (_, b) => (i >> (arity - 1 - b)) & 1));
}

const target = (g: GateName, row: number[]) => (gateTables[g].f as (...a: number[]) => number)(...row);

export const gatesProblem: ProblemDef<GatesParams, null> = {
  task: 'truth-table',
  doc: {
    summary: 'Logic gates by hand-set or trained weights: every row of each gate\'s truth table.',
    entry: 'the entry (e.g. `gates()`) returns `{ NOT, AND, … }`, each a model or `(x) => tensor`; the runtime evaluates every row of each gate\'s truth table',
    metrics: { 'maxError:<GATE>': 'largest |output − target| over the gate\'s rows (the table is in the details)' },
  },
  params: gatesParams,
  metrics: (p) => p.gates.map((g) => `maxError:${g}`),
  make(p) {
    const evals: Evaluation[] = p.gates.map((g) => {
      const { arity } = gateTables[g];
      return { key: g, kind: 'predict', pick: g, x: Float32Array.from(rows(arity).flat()), features: arity, outputs: 1, label: g };
    });
    return { calls: [{ arg: undefined, evals }], hidden: null };
  },
  score(p, _hidden, [out]) {
    const metrics: Record<string, number> = {};
    const details: Record<string, string[]> = {};
    for (const g of p.gates) {
      const values = out![g]!;
      const lines: string[] = [];
      let worst = 0;
      rows(gateTables[g].arity).forEach((row, i) => {
        const want = target(g, row);
        const err = Math.abs(values[i]! - want);
        worst = Math.max(worst, err); // NaN stays NaN: Math.max propagates it
        lines.push(`${g}(${row.join(', ')}) = ${fmt(values[i]!)}, should be ${want === 1 ? '> 0.9' : '< 0.1'} ${err <= 0.1 ? '✓' : '✗'}`);
      });
      metrics[`maxError:${g}`] = worst;
      details[`maxError:${g}`] = lines;
    }
    return { metrics, details };
  },
};
