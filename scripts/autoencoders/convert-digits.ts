/**
 * Converts scikit-learn's 8×8 digits (the UCI optical recognition of handwritten digits test set, CC BY 4.0), as
 * Debian's python3-sklearn ships them, into the compact binary the course reads (graders/datasets/digits.ts):
 *   node scripts/with-node.mjs node scripts/autoencoders/convert-digits.ts [path/to/digits.csv.gz]
 * The default path is where python3-sklearn installs the file; without the package, `apt-get download
 * python3-sklearn && dpkg -x python3-sklearn_*.deb out/` gives it under out/usr/lib/python3/dist-packages/….
 * Writes data/digits/digits-8x8.bin and prints its SHA-256, which data/digits/SOURCE.md records (a test checks it).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { encodeDigits } from '../../graders/datasets/digits-format.ts';

const input = process.argv[2] ?? '/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz';
const out = 'data/digits/digits-8x8.bin';

const rows = gunzipSync(readFileSync(input)).toString('utf8').trim().split('\n');
const side = 8;
const labels = new Uint8Array(rows.length);
const pixels = new Uint8Array(rows.length * side * side);
for (const [i, row] of rows.entries()) {
  const values = row.split(',').map(Number);
  // 64 grey levels 0–16 (the count of set pixels in a 4×4 block of the 32×32 original), then the digit.
  if (values.length !== side * side + 1 || values.some((v) => !Number.isInteger(v) || v < 0 || v > 16)) throw new Error(`${input}: row ${i + 1} is not 64 values in 0–16 and a label`);
  pixels.set(values.slice(0, side * side), i * side * side);
  labels[i] = values[side * side]!;
}
const bytes = encodeDigits({ n: rows.length, rows: side, cols: side, maxValue: 16, labels, pixels });
writeFileSync(out, bytes);
console.log(`${out}: ${rows.length} images, ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
