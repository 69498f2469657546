/**
 * `images`: strips of small grey images the learner's code computes while it trains, e.g. a few training digits
 * over the autoencoder's current reconstructions of them. Drawn by the same renderer as the after-run `image-grid`
 * plot. Bounded so a frame costs the page little: ≤ MAX_IMAGE_STRIPS strips of ≤ MAX_STRIP_IMAGES images of at most
 * MAX_IMAGE_SIDE × MAX_IMAGE_SIDE pixels (28×28 digits fit).
 */
import { z } from 'zod';
import type { ImagesFrame } from '../course.ts';

/** Most strips (rows of the grid): originals, reconstructions, and room for e.g. noisy inputs and a code view. */
export const MAX_IMAGE_STRIPS = 4;
/** Most images in one strip: a row of 32 digits still fits an exercise's column at 2 px a pixel (8×8). */
export const MAX_STRIP_IMAGES = 32;
/** Largest image side in pixels: 28×28, the size of MNIST digits. */
export const MAX_IMAGE_SIDE = 28;

const shown = (v: unknown) => (typeof v === 'number' ? String(v) : v === null ? 'null' : Array.isArray(v) ? `an array of length ${v.length}` : typeof v);
const side = z.int({ error: (i) => `expected a whole number of pixels, got ${shown(i.input)}` }).min(1, 'must be at least 1').max(MAX_IMAGE_SIDE, `must be at most ${MAX_IMAGE_SIDE}`);

/**
 * A flat array of grey values (a typed array from `await t.data()`, or numbers) as a plain array, refused by its
 * length before any value is read when it holds more than a strip may.
 */
const pixels = z.preprocess(
  (v, ctx) => {
    const typed = ArrayBuffer.isView(v) && !(v instanceof DataView) ? (v as unknown as ArrayLike<unknown>) : undefined;
    const length = typed?.length ?? (Array.isArray(v) ? v.length : undefined);
    if (length !== undefined && length > MAX_STRIP_IMAGES * MAX_IMAGE_SIDE * MAX_IMAGE_SIDE) {
      ctx.issues.push({ code: 'custom', message: `has ${length} values; a strip holds at most ${MAX_STRIP_IMAGES} images of at most ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE}`, input: v });
      return z.NEVER;
    }
    return typed ? Array.from(typed) : v;
  },
  z.array(z.number({ error: (i) => `expected a finite grey value, got ${shown(i.input)}` }), { error: (i) => `expected a flat array of grey values, got ${shown(i.input)}` }),
);

const strip = z
  .object({
    /** What the strip shows, e.g. "reconstructions". */
    label: z.string({ error: (i) => `expected a label string, got ${shown(i.input)}` }).max(40, 'is longer than 40 characters'),
    /** count·rows·cols grey values in [0, 1], image after image, each row-major. */
    images: pixels,
  })
  .strict();

/** One images frame as the learner reports it (course.ts ImagesFrame). */
export const imagesFrameSchema = z
  .object({
    kind: z.literal('images'),
    rows: side,
    cols: side,
    strips: z
      .array(strip, { error: (i) => `expected an array of strips, got ${shown(i.input)}` })
      .min(1, 'has no strips')
      .max(MAX_IMAGE_STRIPS, `has more than ${MAX_IMAGE_STRIPS} strips`),
  })
  .strict()
  .superRefine((f, ctx) => {
    const size = f.rows * f.cols;
    for (const [i, s] of f.strips.entries()) {
      const count = s.images.length / size;
      if (!Number.isInteger(count) || count < 1)
        ctx.addIssue({ code: 'custom', path: ['strips', i, 'images'], message: `has ${s.images.length} values, not a whole number (≥ 1) of ${f.rows}×${f.cols} images (${size} values each)` });
      else if (count > MAX_STRIP_IMAGES) ctx.addIssue({ code: 'custom', path: ['strips', i, 'images'], message: `has ${count} images; a strip holds at most ${MAX_STRIP_IMAGES}` });
    }
  });

/** A validated images frame: plain arrays, structured-cloneable. */
export type LiveImages = z.output<typeof imagesFrameSchema>;

// What the schema admits is what the editor declares (course.ts ImagesFrame): a drift is a type error here.
true satisfies LiveImages extends ImagesFrame ? true : false;
