/**
 * How a graded child writes an output value into its JSON result. JSON has no NaN or ±Infinity (JSON.stringify
 * writes null), so a non-finite value travels as its name, and only these three names. The grader's schema admits
 * them (child-messages.ts) and gives them back as numbers only to an evaluation that grades non-finite values (a
 * log-density's −Infinity: the array kind's allowNonFinite); any other evaluation refuses them. A module of its
 * own, without zod, because the child imports it (node-child.ts loads no schema).
 */

/** The only strings an output value may be on the wire. */
export const nonFiniteTokens = ['Infinity', '-Infinity', 'NaN'] as const;

/** An output value on the wire: a finite number as itself, a non-finite one as its token. */
export type WireValue = number | (typeof nonFiniteTokens)[number];

/** One output value as the child sends it. Number(token) reads each token back as the value it names. */
export function wireValue(v: number): WireValue {
  return Number.isFinite(v) ? v : (String(v) as WireValue);
}
