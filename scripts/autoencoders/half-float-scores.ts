/**
 * What the PCA and kernel PCA exercises' correct answers score when numbers are stored in 16-bit floats, as a WebGL
 * backend without float32 render targets stores every tensor (Math.f16round), scored by the exercises' own
 * generators: the exact float64 answer rounded once at the end, and the exact answer computed from the covariance
 * (PCA) or the kernel matrix (kernel PCA) rounded to half floats, the one intermediate every solution stores. A real
 * half-float backend rounds every intermediate, so these are lower bounds on the damage. The exercise.yaml
 * `precision.why` texts quote them.
 *   node scripts/with-node.mjs node scripts/autoencoders/half-float-scores.ts [--seeds 1-6]
 */
import { parseArgs } from 'node:util';
import { Matrix } from 'ml-matrix';
import { centreKernel, embeddingFromKernel, rbfKernel } from '../../graders/autoencoders/kernel-pca-reference.ts';
import { covarianceOf, featureMeans, symmetricEigen } from '../../graders/autoencoders/pca-reference.ts';
import type { DigitDraw } from '../../graders/datasets/digits.ts';
import { loadExercise } from '../../graders/exercise-files.ts';
import { loadProblemData, makeProblem } from '../../graders/problems/index.ts';
import { defaultGamma } from '../../graders/problems/autoencoders/kernel-pca.ts';
import { seedRange } from '../measure-lib.ts';

const half = (xs: ArrayLike<number>) => Float32Array.from(xs, (v) => Math.f16round(v));

/** PCA's answer (components k×d, ratios) from a covariance, optionally stored in half floats first. */
function pcaAnswer(d: DigitDraw, k: number, halfCovariance: boolean) {
  let c = covarianceOf(d.x, d.n, d.features, featureMeans(d.x, d.n, d.features));
  if (halfCovariance) c = new Matrix(c.to2DArray().map((row) => Array.from(half(row))));
  const { values, vectors } = symmetricEigen(c);
  const trace = c.trace();
  return { components: half(vectors.to1DArray().slice(0, k * d.features)), ratio: half(Array.from(values.slice(0, k), (v) => v / trace)) };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-6' } } });
  const seeds = seedRange(values.seeds!);
  for (const id of ['03-autoencoders/01-pca', '03-autoencoders/02-kernel-pca']) {
    const { meta } = loadExercise(id);
    await loadProblemData(meta.data);
    for (const halfIntermediate of [false, true]) {
      const scores: Record<string, number>[] = [];
      for (const seed of seeds) {
        const problem = makeProblem(meta.data, seed);
        if (id.endsWith('01-pca')) {
          const { draws } = problem.hidden as { draws: DigitDraw[] };
          const params = meta.data.params as { calls: { k: number }[] };
          scores.push(problem.score(draws.map((d, i) => pcaAnswer(d, params.calls[i]!.k, halfIntermediate))).metrics);
        } else {
          const { draw } = problem.hidden as { draw: DigitDraw };
          const k = (meta.data.params as { k: number }).k;
          let kernel = rbfKernel(draw.x, draw.n, draw.features, defaultGamma(draw.features));
          if (halfIntermediate) kernel = Float64Array.from(half(kernel));
          scores.push(problem.score([{ embedding: half(embeddingFromKernel(centreKernel(kernel, draw.n), draw.n, k).embedding) }]).metrics);
        }
      }
      const line = Object.keys(scores[0]!).map((m) => `${m} ${Math.min(...scores.map((s) => s[m]!)).toExponential(2)} … ${Math.max(...scores.map((s) => s[m]!)).toExponential(2)}`).join('  ');
      console.log(`${id}, ${halfIntermediate ? (id.endsWith('01-pca') ? 'covariance' : 'kernel matrix') + ' stored in half floats' : 'exact answer rounded to half floats'}, seeds ${values.seeds}: ${line}`);
    }
  }
}
