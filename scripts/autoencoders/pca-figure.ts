/**
 * The PCA lesson's figures' data, from the shipped 8×8 digits (all 1797, pixels ÷ 16, no noise) in float64
 * (graders/autoencoders/pca-reference.ts):
 *   node scripts/with-node.mjs node scripts/autoencoders/pca-figure.ts [--out src/components/figures/autoencoders/pca/pca-figure.json]
 * writes, after a provenance record: the 64 explained-variance ratios, the mean squared reconstruction error per
 * pixel for k = 0 … 64 (the sum of the left-out eigenvalues), the mean image and the 64 components (so the page's
 * slider rebuilds digits from any k), one digit of each class, and 500 digits projected on the first two
 * components with their labels. It prints the numbers the lesson quotes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pcaReference, reconstructionMse } from '../../graders/autoencoders/pca-reference.ts';
import { drawDigits, loadImageSet } from '../../graders/datasets/digits.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';

/** Points in the projection figure: enough to see the classes, few enough for a small JSON and SVG. */
const PROJECTED = 500;
const round = (v: number, digits: number) => Number(v.toFixed(digits));

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'src/components/figures/autoencoders/pca/pca-figure.json' } } });
  const set = await loadImageSet('digits-8x8');
  // The whole set in a seeded order (integer seed: the shipped pixels exactly).
  const [all] = drawDigits(set, [set.n], 1, 'pca-figure');
  const { x, n, features: d } = all!;
  const ref = pcaReference(x, n, d);
  const ratios = Array.from(ref.eigenvalues, (v) => v / ref.totalVariance);
  const mse = Array.from({ length: d + 1 }, (_, k) => reconstructionMse(x, n, d, ref, k));
  // One digit of each class, the first of it in the seeded order.
  const examples = Array.from({ length: 10 }, (_, c) => all!.labels.indexOf(c));
  const project = (i: number, c: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (x[i * d + j]! - ref.mean[j]!) * ref.components.get(c, j);
    return s;
  };
  const figure = {
    provenance: provenance('scripts/autoencoders/pca-figure.ts', `node scripts/with-node.mjs node scripts/autoencoders/pca-figure.ts --out ${values.out}`),
    n,
    features: d,
    totalVariance: ref.totalVariance,
    ratios: ratios.map((v) => round(v, 6)),
    mse: mse.map((v) => round(v, 6)),
    mean: Array.from(ref.mean, (v) => round(v, 5)),
    components: ref.components.to2DArray().map((row) => row.map((v) => round(v, 5))),
    examples: examples.map((i) => ({ label: all!.labels[i]!, pixels: Array.from(x.subarray(i * d, (i + 1) * d), (v) => round(v, 4)) })),
    projection: {
      points: Array.from({ length: PROJECTED }, (_, i) => [round(project(i, 0), 3), round(project(i, 1), 3)]),
      labels: Array.from(all!.labels.subarray(0, PROJECTED)),
    },
  };
  writeFileSync(values.out!, JSON.stringify(figure) + '\n');
  const cum = (k: number) => ratios.slice(0, k).reduce((a, b) => a + b, 0);
  console.log(`ratios of the first 10: ${ratios.slice(0, 10).map((v) => v.toFixed(4)).join(' ')}`);
  console.log(`cumulative: k=2 ${cum(2).toFixed(3)}, k=10 ${cum(10).toFixed(3)}, k=20 ${cum(20).toFixed(3)}, k=40 ${cum(40).toFixed(4)}`);
  console.log(`mse per pixel: k=0 ${mse[0]!.toFixed(4)}, k=2 ${mse[2]!.toFixed(4)}, k=10 ${mse[10]!.toFixed(4)}, k=64 ${mse[64]!.toExponential(2)}`);
  console.log(`wrote ${values.out}`);
}
