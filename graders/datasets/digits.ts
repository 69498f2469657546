/**
 * The real handwritten digits of module 3 (Autoencoders & dimensionality reduction), and seeded, perturbed draws
 * from them. The images ship in the repo (data/digits/, see its SOURCE.md), never downloaded at run time.
 *
 * How the bytes travel: the file is an asset beside the code (`new URL(…, import.meta.url)`), so Vite copies it
 * into the site and the browser worker fetches it, while Node (the instructor CLI's parent process, tests,
 * scripts) reads it from disk. A generator that needs it names it in `datasets` (graders/problem.ts), and the run
 * loads it before posing the problem (`loadProblemData`, graders/problems/index.ts): problems stay synchronous.
 *
 * Labels stay with the grader: the grading child gets pixels through its calls' arguments and may not read data/
 * (src/runtime/sandbox.ts allows it node_modules, src/runtime, graders and package.json only; a test checks it).
 * The digits are public, so a submission could embed a pixel → label table: under a secret seed every drawn pixel
 * gets small keyed noise, so an exact lookup finds nothing (docs/instructors.md says what a nearest-neighbour
 * lookup could still do).
 */
import { isSecret, makeRng, type GradingSeed } from '../rng.ts';
import { decodeDigits, type ImageSet } from './digits-format.ts';
import { shuffledOrder } from './shuffle.ts';

export type { ImageSet } from './digits-format.ts';

/** The shipped image sets, by the name a generator lists in `datasets`. */
export const imageSetFiles = {
  /** scikit-learn's 8×8 digits: 1797 images, grey levels 0–16, classes 0–9 (data/digits/SOURCE.md). */
  'digits-8x8': new URL('../../data/digits/digits-8x8.bin', import.meta.url),
  /** Fashion-MNIST's first 2000 test images: 28×28, grey levels 0–255, 10 clothing classes (data/fashion-mnist/SOURCE.md). */
  'fashion-mnist-28x28': new URL('../../data/fashion-mnist/fashion-mnist-28x28.bin', import.meta.url),
} as const;

export type ImageSetName = keyof typeof imageSetFiles;

const loaded = new Map<ImageSetName, ImageSet>();
const loading = new Map<ImageSetName, Promise<ImageSet>>();

/** The file's bytes: from disk under Node (a file: URL), over HTTP in the browser. */
async function readAsset(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    // A variable specifier, so the browser bundle neither resolves nor ships node:fs.
    const fsModule = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
    return new Uint8Array(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Loads an image set once (later calls share the first load). */
export function loadImageSet(name: ImageSetName): Promise<ImageSet> {
  let pending = loading.get(name);
  if (!pending) {
    const url = imageSetFiles[name];
    pending = readAsset(url).then((bytes) => {
      const set = decodeDigits(bytes, url.pathname.split('/').slice(-3).join('/'));
      loaded.set(name, set);
      return set;
    });
    // A failed load is not cached: the next run tries again (a flaky network in the browser).
    pending.catch(() => loading.delete(name));
    loading.set(name, pending);
  }
  return pending;
}

/** An image set already loaded by `loadImageSet` (generators are synchronous; the run loads their sets first). */
export function loadedImageSet(name: ImageSetName): ImageSet {
  const set = loaded.get(name);
  if (!set) throw new Error(`the image set "${name}" is not loaded: the generator must list it in \`datasets\` so the run loads it first`);
  return set;
}

/** Standard deviation of the keyed noise added to every pixel under a secret seed, on the [0, 1] scale. */
export const SECRET_PIXEL_NOISE = 0.02;

/** Images drawn from a set: pixels scaled to [0, 1], and their labels (which never reach the learner). */
export interface DigitDraw {
  /** Row i is image i, rows·cols values in [0, 1] (grey level ÷ maxValue), row-major. */
  x: Float32Array;
  /** labels[i]: image i's digit. Grader only. */
  labels: Int32Array;
  /** index[i]: image i's row in the shipped set (for figures and tests). */
  index: Int32Array;
  n: number;
  /** rows·cols. */
  features: number;
  rows: number;
  cols: number;
}

/**
 * Draws disjoint groups of images (e.g. train then test) from one seeded shuffle of the whole set, so no image is in
 * two groups. Integer seeds give the shipped pixels exactly (the lesson's numbers, scikit-learn's); a secret seed
 * adds keyed Gaussian noise of SECRET_PIXEL_NOISE to every pixel, clipped to [0, 1] (measured harmless to every
 * reference: scripts/validate-secret-bounds.ts records them on secrets), so the drawn pixels match no public image.
 */
export function drawDigits(set: ImageSet, sizes: readonly number[], seed: GradingSeed, stream = 'digits'): DigitDraw[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (sizes.some((s) => !Number.isInteger(s) || s < 0) || total > set.n) throw new Error(`cannot draw ${sizes.join(' + ')} images from a set of ${set.n}`);
  const order = shuffledOrder(set.n, makeRng(seed, `${stream}:order`));
  const noise = isSecret(seed) ? makeRng(seed, `${stream}:noise`) : undefined;
  const features = set.rows * set.cols;
  let start = 0;
  return sizes.map((n) => {
    const index = order.slice(start, start + n);
    start += n;
    const x = new Float32Array(n * features);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const row = index[i]!;
      labels[i] = set.labels[row]!;
      for (let j = 0; j < features; j++) {
        const v = set.pixels[row * features + j]! / set.maxValue;
        x[i * features + j] = noise ? Math.min(1, Math.max(0, v + SECRET_PIXEL_NOISE * noise.normal())) : v;
      }
    }
    return { x, labels, index, n, features, rows: set.rows, cols: set.cols };
  });
}
