/** `array`: read a tensor, typed array or (nested) number array of exactly the problem's shape. */
import type { Evaluation } from '../../../graders/problem.ts';
import { describe, fail } from '../learner-failure.ts';
import type { Tfjs } from '../run-learner.ts';
import type { EvaluationKind } from './kind.ts';

type ArrayEval = Extract<Evaluation, { kind: 'array' }>;

/** Shape of a (nested) number array, or null if it is ragged or holds non-numbers. */
function nestedShape(v: unknown): number[] | null {
  if (typeof v === 'number') return [];
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return [(v as unknown as ArrayLike<number>).length];
  if (!Array.isArray(v)) return null;
  const inner = v.length ? nestedShape(v[0]) : [];
  if (!inner) return null;
  for (const item of v) {
    const s = nestedShape(item);
    if (!s || s.join() !== inner.join()) return null;
  }
  return [v.length, ...inner];
}

function flatten(v: unknown): number[] {
  return typeof v === 'number' ? [v] : Array.from(v as ArrayLike<unknown>).flatMap(flatten);
}

/** Reads a tensor, typed array or nested number array of exactly `e.shape`. */
async function readArray(tf: Tfjs, value: unknown, e: ArrayEval, what: string): Promise<Float32Array> {
  const want = `[${e.shape.join(', ')}]`;
  let shape: number[];
  let values: Float32Array;
  if (value instanceof tf.Tensor) {
    shape = value.shape;
    values = Float32Array.from(await value.data());
  } else {
    const nested = nestedShape(value);
    if (!nested) return fail('bad-output', `${what} is ${describe(value)}; it must be a tensor or an array of numbers of shape ${want}.`);
    shape = nested;
    values = Float32Array.from(flatten(value));
  }
  if (shape.join() !== e.shape.join()) {
    const swapped = shape.length === 2 && e.shape.length === 2 && shape[0] === e.shape[1] && shape[1] === e.shape[0];
    fail('bad-output', `${what} has shape [${shape.join(', ')}]; expected ${want}.${swapped ? ' It is transposed: check the order of the matrix product (x·W puts inputs on the rows of W).' : ''}`);
  }
  // An evaluation that grades non-finite values (a log-density's −Infinity) leaves them to the generator, which
  // can say why they came out (exp underflowed); elsewhere they mean a broken computation and stop here.
  const bad = e.allowNonFinite ? -1 : values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail('nan', `${what} contains ${values[bad]} at index ${bad}.`);
  return values;
}

export const arrayKind: EvaluationKind<ArrayEval> = {
  read: (tf, value, e, name) => readArray(tf, value, e, name.picked ? name.what : `The value ${name.entry}() returned${name.where}`),
  length: (e) => e.shape.reduce((a, b) => a * b, 1),
  // Any numbers of the right count: checkOutputs already refused non-finite ones unless allowsNonFinite.
  check: () => undefined,
  allowsNonFinite: (e) => e.allowNonFinite === true,
};
