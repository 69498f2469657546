/**
 * The gmm-log-density generator's metric (maxRelativeError) for the right answer in float32 tfjs and for plausible
 * wrong ones, over seeds: where the exercise's bound will come from. On the WASM backend (or `--cpu`):
 *   node scripts/with-node.mjs node scripts/mixtures/log-density-variants.ts [--cpu]
 * It also prints how low the far points' true log p go (seeds 1–10 and 42), which exercise.yaml quotes.
 * tests/unit/graders/mixtures/gmm-log-density.test.ts grades the same variants.
 */
import type * as TF from '@tensorflow/tfjs';
import { gmmLogDensity } from '../../graders/mixtures/log-density.ts';
import { makeProblem } from '../../graders/problems/index.ts';
import type { GmmDensityInput } from '../../graders/problems/mixtures/gmm-log-density.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';

type Tf = typeof TF;

/** The per-point, per-component terms log π_k + Σ_d log N(x_d | μ_kd, σ_kd) (n×K), with switches for the classic slips. */
function joint(tf: Tf, g: GmmDensityInput, slip: { noWeights?: boolean; varianceAsStd?: boolean; noNormaliser?: boolean; no2Pi?: boolean; noLogSd?: boolean } = {}): TF.Tensor2D {
  const x = tf.tensor2d(g.x, [g.n, g.d]).expandDims(1); // n×1×d
  const mu = tf.tensor2d(g.means).expandDims(0); // 1×K×d
  const sd = slip.varianceAsStd ? tf.sqrt(tf.tensor2d(g.stds)) : tf.tensor2d(g.stds);
  const z = tf.div(tf.sub(x, mu), sd.expandDims(0));
  let perDim = tf.mul(-0.5, tf.square(z));
  if (!slip.noNormaliser && !slip.noLogSd) perDim = tf.sub(perDim, tf.log(sd).expandDims(0));
  if (!slip.noNormaliser && !slip.no2Pi) perDim = tf.sub(perDim, 0.5 * Math.log(2 * Math.PI));
  const logN = tf.sum(perDim, 2) as TF.Tensor2D;
  return slip.noWeights ? logN : tf.add(logN, tf.log(tf.tensor1d(g.weights)));
}

/**
 * The same terms as one matMul on features [x², x, 1] (n×(2d+1)) by per-component coefficients ((2d+1)×K): the
 * expanded square (x − μ)² = x² − 2xμ + μ² cancels in float32 far out, which this measures.
 */
function jointByMatMul(tf: Tf, g: GmmDensityInput): TF.Tensor2D {
  const x = tf.tensor2d(g.x, [g.n, g.d]);
  const features = tf.concat([tf.square(x), x, tf.ones([g.n, 1])], 1);
  const inv = tf.reciprocal(tf.square(tf.tensor2d(g.stds))); // K×d
  const mu = tf.tensor2d(g.means);
  const constant = tf.add(tf.log(tf.tensor1d(g.weights)), tf.sub(tf.mul(-0.5, tf.sum(tf.mul(tf.square(mu), inv), 1)), tf.add(tf.sum(tf.log(tf.tensor2d(g.stds)), 1), 0.5 * g.d * Math.log(2 * Math.PI))));
  const coefficients = tf.concat([tf.mul(-0.5, inv), tf.mul(mu, inv), constant.expandDims(1)], 1); // K×(2d+1)
  return tf.matMul(features, coefficients, false, true) as TF.Tensor2D;
}

/** The right answer and the wrong ones, each in float32 tfjs: input → log p for every point. */
export const logDensityVariants: Record<string, (tf: Tf, g: GmmDensityInput) => Float32Array> = {
  'logsumexp (right)': (tf, g) => tf.tidy(() => tf.logSumExp(joint(tf, g), 1).dataSync() as Float32Array),
  'logsumexp, matMul on [x², x, 1]': (tf, g) => tf.tidy(() => tf.logSumExp(jointByMatMul(tf, g), 1).dataSync() as Float32Array),
  'exp, sum, then log': (tf, g) => tf.tidy(() => tf.log(tf.sum(tf.exp(joint(tf, g)), 1)).dataSync() as Float32Array),
  'max instead of logsumexp': (tf, g) => tf.tidy(() => tf.max(joint(tf, g), 1).dataSync() as Float32Array),
  'weights left out': (tf, g) => tf.tidy(() => tf.logSumExp(joint(tf, g, { noWeights: true }), 1).dataSync() as Float32Array),
  'stds read as variances': (tf, g) => tf.tidy(() => tf.logSumExp(joint(tf, g, { varianceAsStd: true }), 1).dataSync() as Float32Array),
  'normaliser left out': (tf, g) => tf.tidy(() => tf.logSumExp(joint(tf, g, { noNormaliser: true }), 1).dataSync() as Float32Array),
  '−½·log 2π left out': (tf, g) => tf.tidy(() => tf.logSumExp(joint(tf, g, { no2Pi: true }), 1).dataSync() as Float32Array),
  '−log σ left out': (tf, g) => tf.tidy(() => tf.logSumExp(joint(tf, g, { noLogSd: true }), 1).dataSync() as Float32Array),
  'sum over components': (tf, g) => tf.tidy(() => tf.sum(joint(tf, g), 1).dataSync() as Float32Array),
};

/** Parameters like the exercise's will be: three mixtures of different shapes, 500 drawn points and 20 far ones each. */
export const measuredParams = { mixtures: [{ components: 4, dims: 2 }, { components: 3, dims: 5 }, { components: 10, dims: 2 }], n: 500, far: 20 };

/** maxRelativeError of a variant on one seed, graded by the generator itself. */
export function variantError(tf: Tf, variant: (tf: Tf, g: GmmDensityInput) => Float32Array, seed: number): number {
  const problem = makeProblem({ generator: 'gmmLogDensity', params: measuredParams }, seed);
  const outputs = problem.calls.map((c) => ({ logp: variant(tf, c.arg as GmmDensityInput) }));
  return problem.score(outputs).metrics.maxRelativeError!;
}

/** The float64 log p of the far points (the last `far` of each call) over seeds: how low the answers go. */
export function farLogDensityRange(seeds: number[]): { lowest: number; highest: number } {
  let lowest = Infinity, highest = -Infinity;
  for (const seed of seeds)
    for (const c of makeProblem({ generator: 'gmmLogDensity', params: measuredParams }, seed).calls) {
      const g = c.arg as GmmDensityInput;
      for (const v of gmmLogDensity(g, g.x, g.n).subarray(measuredParams.n)) [lowest, highest] = [Math.min(lowest, v), Math.max(highest, v)];
    }
  return { lowest, highest };
}

if (import.meta.main) {
  const tf = await useNodeBackend(process.argv.includes('--cpu') ? 'cpu' : 'wasm');
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const far = farLogDensityRange([...seeds, 42]);
  console.log(`far points' float64 log p on seeds 1–10 and 42: ${far.lowest.toFixed(1)} to ${far.highest.toFixed(1)}`);
  console.log(`maxRelativeError on seeds ${seeds.join(', ')} (${tf.getBackend()}), params ${JSON.stringify(measuredParams)}`);
  for (const [name, variant] of Object.entries(logDensityVariants)) {
    const errors = seeds.map((s) => variantError(tf, variant, s));
    console.log(`  ${name.padEnd(32)} min ${Math.min(...errors).toExponential(2)}  max ${Math.max(...errors).toExponential(2)}`);
  }
}
