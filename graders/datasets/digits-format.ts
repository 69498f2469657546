/**
 * The byte layout of a shipped image set (data/digits/*.bin): a 12-byte header, one label byte per image, then the
 * images' grey levels, one byte per pixel, row-major. Plain bytes rather than JSON or PNG: the 8×8 digits are
 * 117 KB this way (a third of their CSV), and the browser and Node read them with no decoder.
 *
 *   0  "RDLI"          magic
 *   4  u8 version = 1
 *   5  u8 rows, u8 cols, u8 maxValue (the brightest grey level, e.g. 16 for the 8×8 digits)
 *   8  u32 n (little-endian)
 *  12  n labels, then n·rows·cols pixels
 */

/** Images with a class label each, grey levels 0 … maxValue. */
export interface ImageSet {
  n: number;
  rows: number;
  cols: number;
  maxValue: number;
  /** labels[i]: image i's class. */
  labels: Uint8Array;
  /** Image i is pixels[i·rows·cols … (i+1)·rows·cols), row-major. */
  pixels: Uint8Array;
}

const MAGIC = [0x52, 0x44, 0x4c, 0x49]; // "RDLI"
const HEADER = 12;

/** The bytes of an image set in the layout above. */
export function encodeDigits(set: ImageSet): Uint8Array {
  const size = set.rows * set.cols;
  const bytes = new Uint8Array(HEADER + set.n + set.n * size);
  bytes.set(MAGIC, 0);
  bytes.set([1, set.rows, set.cols, set.maxValue], 4);
  new DataView(bytes.buffer).setUint32(8, set.n, true);
  bytes.set(set.labels.subarray(0, set.n), HEADER);
  bytes.set(set.pixels.subarray(0, set.n * size), HEADER + set.n);
  return bytes;
}

/**
 * Reads an image set, checking every field: a truncated or foreign file (a proxy's HTML page, a Git LFS pointer)
 * fails here with what is wrong and where, instead of as a grader's NaN later.
 */
export function decodeDigits(bytes: Uint8Array, where: string): ImageSet {
  const fail = (what: string) => new Error(`${where} is not a course image set: ${what}`);
  if (bytes.length < HEADER || MAGIC.some((b, i) => bytes[i] !== b)) throw fail('it does not start with "RDLI"');
  const [version, rows, cols, maxValue] = [bytes[4]!, bytes[5]!, bytes[6]!, bytes[7]!];
  if (version !== 1) throw fail(`format version ${version}, this code reads version 1`);
  if (rows === 0 || cols === 0 || maxValue === 0) throw fail('zero rows, columns or grey levels');
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const expected = HEADER + n + n * rows * cols;
  if (bytes.length !== expected) throw fail(`${bytes.length} bytes where ${n} images of ${rows}×${cols} take ${expected}`);
  const labels = bytes.slice(HEADER, HEADER + n);
  const pixels = bytes.slice(HEADER + n);
  const bad = pixels.findIndex((v) => v > maxValue);
  if (bad >= 0) throw fail(`pixel ${bad % (rows * cols)} of image ${Math.floor(bad / (rows * cols))} is ${pixels[bad]}, above the maximum ${maxValue}`);
  return { n, rows, cols, maxValue, labels, pixels };
}
