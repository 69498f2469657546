/**
 * The best any classifier can do on the blobs exercise: the Bayes-optimal classifier (which knows the true blob
 * centres and width) scored on 200 hidden test sets. exercise.yaml's "too good to be true" bounds cite this.
 * Run: node scripts/with-node.mjs node scripts/bayes-blobs.ts
 */
import { blobs, type BlobsParams } from '../graders/datasets/blobs.ts';
import { loadExercise } from '../graders/exercise-files.ts';
import { accuracy, crossEntropy } from '../graders/metrics.ts';
import { stats } from './measure-lib.ts';

const { meta } = loadExercise('04-activation-depth/01-softmax-blobs');
const p = meta.data.params as BlobsParams;
const accs: number[] = [], ces: number[] = [];
for (let seed = 0; seed < 200; seed++) {
  const { test } = blobs(p, seed);
  const k = test.classes, probs = new Float32Array(test.n * k);
  for (let i = 0; i < test.n; i++) {
    // Equal priors and equal isotropic blobs: the posterior is a softmax of −distance² / (2σ²).
    const logits = p.centers.map(([cx, cy]) => -(((test.x[2 * i]! - cx!) ** 2 + (test.x[2 * i + 1]! - cy!) ** 2) / (2 * p.std ** 2)));
    const m = Math.max(...logits);
    const e = logits.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((v, j) => (probs[i * k + j] = v / s));
  }
  accs.push(accuracy(probs, test.y, k));
  ces.push(crossEntropy(probs, test.y, k));
}
console.log(`Bayes-optimal test accuracy over 200 seeds:      ${stats(accs)}`);
console.log(`Bayes-optimal test cross-entropy over 200 seeds: ${stats(ces)}`);
