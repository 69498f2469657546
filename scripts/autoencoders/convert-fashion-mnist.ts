/**
 * Converts the first 2000 test images of Fashion-MNIST (Zalando Research, MIT licence), as Debian's
 * dataset-fashion-mnist package ships them, into the compact binary the course reads (graders/datasets/digits.ts):
 *   node scripts/with-node.mjs node scripts/autoencoders/convert-fashion-mnist.ts [dir]
 * `dir` holds t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz; the default is where the package installs
 * them. Without it installed: `apt-get download dataset-fashion-mnist && dpkg -x dataset-fashion-mnist_*.deb out/`
 * gives them under out/usr/share/datasets/fashion-mnist/. The first 2000 are the subset
 * reference/exp7b_fashion_mnist.py uses, so its numbers (reference/results/exp7b_fashion_mnist.json) are on the same
 * images. Writes data/fashion-mnist/fashion-mnist-28x28.bin and prints its SHA-256, which
 * data/fashion-mnist/SOURCE.md records (a test checks it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { encodeDigits } from '../../graders/datasets/digits-format.ts';

const dir = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const out = 'data/fashion-mnist/fashion-mnist-28x28.bin';
/** The reference's subset: the first 2000 of the 10000 test images (≈ 1.6 MB shipped). */
const COUNT = 2000;

/** An idx file's payload after checking its magic number and dimensions (big-endian u32s, as LeCun's format has them). */
function readIdx(file: string, magic: number, dims: number[]): Uint8Array {
  const bytes = gunzipSync(readFileSync(path.join(dir, file)));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${file}: magic ${view.getUint32(0)}, expected ${magic}`);
  const found = dims.map((_, i) => view.getUint32(4 + 4 * i));
  if (found.some((d, i) => d !== dims[i])) throw new Error(`${file}: dimensions ${found.join('×')}, expected ${dims.join('×')}`);
  return bytes.subarray(4 + 4 * dims.length);
}

const side = 28;
const labels = readIdx('t10k-labels-idx1-ubyte.gz', 2049, [10000]).slice(0, COUNT);
const pixels = readIdx('t10k-images-idx3-ubyte.gz', 2051, [10000, side, side]).slice(0, COUNT * side * side);
if (labels.some((l) => l > 9)) throw new Error('a label above 9');
const bytes = encodeDigits({ n: COUNT, rows: side, cols: side, maxValue: 255, labels, pixels });
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(`${out}: ${COUNT} images, ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
