/**
 * `scatter`: 2-D points the learner's code computes while it trains (an embedding of the data, the data itself),
 * optionally coloured by class. The model for every learner-reported live kind: one zod schema that bounds the
 * frame's size and admits plain numbers only, so a frame costs the page a bounded amount to receive and draw.
 */
import { z } from 'zod';
import type { ScatterFrame } from '../course.ts';

/** Most points in one frame: an embedding of a test set's worth of points stays readable on a 320 px canvas. */
export const MAX_SCATTER_POINTS = 2000;
/** Label values 0 … MAX_SCATTER_CLASSES − 1: six palette colours, filled then hollow (enough for ten digits). */
export const MAX_SCATTER_CLASSES = 12;

const shown = (v: unknown) => (typeof v === 'number' ? String(v) : v === null ? 'null' : Array.isArray(v) ? `an array of length ${v.length}` : typeof v);
const finite = z.number({ error: (i) => `expected a finite number, got ${shown(i.input)}` });

/**
 * An array-like of at most `max` items as a plain array: a typed array (a label tensor's `await t.data()`) is
 * copied, and an oversized one is refused by its length before any item is read.
 */
const boundedArray = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.preprocess(
    (v, ctx) => {
      const typed = ArrayBuffer.isView(v) && !(v instanceof DataView) ? (v as unknown as ArrayLike<unknown>) : undefined;
      const length = typed?.length ?? (Array.isArray(v) ? v.length : undefined);
      if (length !== undefined && length > max) {
        ctx.issues.push({ code: 'custom', message: `has ${length} ${what}; a frame holds at most ${max}`, input: v });
        return z.NEVER;
      }
      return typed ? Array.from(typed) : v;
    },
    z.array(item, { error: (i) => `expected an array, got ${shown(i.input)}` }),
  );

/** One scatter frame as the learner reports it (course.ts ScatterFrame). */
export const scatterFrameSchema = z
  .object({
    kind: z.literal('scatter'),
    /** One [x, y] pair per point (`await t.array()` of an [n, 2] tensor), at least one. */
    points: boundedArray(z.tuple([finite, finite], { error: (i) => `expected an [x, y] pair, got ${shown(i.input)}` }), MAX_SCATTER_POINTS, 'points').refine((p) => p.length > 0, 'has no points'),
    /** A class index per point, 0 … MAX_SCATTER_CLASSES − 1 (optional). */
    labels: boundedArray(z.int({ error: (i) => `expected a whole number, got ${shown(i.input)}` }).min(0).max(MAX_SCATTER_CLASSES - 1, `must be below ${MAX_SCATTER_CLASSES}`), MAX_SCATTER_POINTS, 'labels').optional(),
  })
  .strict()
  .refine((f) => f.labels === undefined || f.labels.length === f.points.length, {
    path: ['labels'],
    error: (i) => {
      const f = i.input as { points: unknown[]; labels: unknown[] };
      return `has ${f.labels.length} labels for ${f.points.length} points; give one label per point`;
    },
  });

/** A validated scatter frame: plain arrays, structured-cloneable. */
export type LiveScatter = z.output<typeof scatterFrameSchema>;

// What the schema admits is what the editor declares (course.ts ScatterFrame): a drift is a type error here.
true satisfies LiveScatter extends ScatterFrame ? true : false;
