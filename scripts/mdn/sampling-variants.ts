/**
 * The mdnSampling generator's metrics for the right sampler and wrong ones, over seeds (for the right one over 100
 * seeds: the spread of √n·KS and the band energy statistic under the null, where the bounds must sit outside), and
 * which message each wrong one gets. The bounds of exercises/02-mdn/04-sample-mdn/exercise.yaml come from here.
 *   node scripts/with-node.mjs node scripts/mdn/sampling-variants.ts
 */
import { drawCategorical } from '../../graders/mixtures/sample.ts';
import { mixtureQuantile, type ConditionalMixture } from '../../graders/mdn/conditional-mixture.ts';
import { logDensityZ } from '../../graders/mdn/draw-likelihood.ts';
import { diagnoseMdnSample } from '../../graders/mdn/sample-diagnosis.ts';
import { makeProblem, type PosedProblem } from '../../graders/problems/index.ts';
import type { MdnSamplingHidden, MdnSamplingInput } from '../../graders/problems/mdn/mdn-sampling.ts';
import { makeRng, type Rng } from '../../graders/rng.ts';

/** The exercise's parameters (exercises/02-mdn/04-sample-mdn/exercise.yaml). */
export const samplingParams = { n: 5000, bins: 8 };

type Sampler = (m: MdnSamplingInput, rng: Rng) => Float32Array;

/** A sampler from a per-row rule: (row i, the input, rng) → y_i. */
const perRow = (rule: (i: number, m: MdnSamplingInput, rng: Rng) => number): Sampler => (m, rng) => Float32Array.from(m.x, (_x, i) => rule(i, m, rng));

const draw = (m: MdnSamplingInput, i: number, k: number, rng: Rng) => m.mu[i]![k]! + m.sigma[i]![k]! * rng.normal();
const dot = (a: number[], b: number[]) => a.reduce((s, v, j) => s + v * b[j]!, 0);

/** The input as the float64 mixture the grader keeps (for the stratified variant's quantiles). */
function asMixture(m: MdnSamplingInput): ConditionalMixture {
  const n = m.x.length, k = m.pi[0]!.length;
  return { n, k, pi: Float64Array.from(m.pi.flat()), mu: Float64Array.from(m.mu.flat()), sigma: Float64Array.from(m.sigma.flat()) };
}

export const samplingVariants: Record<string, Sampler> = {
  'right (pick k by π, then draw)': perRow((i, m, rng) => draw(m, i, drawCategorical(m.pi[i]!, rng), rng)),
  'the mixture mean Σπμ': perRow((i, m) => dot(m.pi[i]!, m.mu[i]!)),
  'one Gaussian N(Σπμ, Σπσ)': perRow((i, m, rng) => dot(m.pi[i]!, m.mu[i]!) + dot(m.pi[i]!, m.sigma[i]!) * rng.normal()),
  'averaging draws Σπ(μ + σz)': perRow((i, m, rng) => m.pi[i]!.reduce((s, p, k) => s + p * draw(m, i, k, rng), 0)),
  'always the argmax component': perRow((i, m, rng) => draw(m, i, m.pi[i]!.indexOf(Math.max(...m.pi[i]!)), rng)),
  'one k for every input': (m, rng) => {
    const k = drawCategorical(m.pi[0]!, rng);
    return Float32Array.from(m.x, (_x, i) => draw(m, i, k, rng));
  },
  'weights ignored (uniform k)': perRow((i, m, rng) => draw(m, i, rng.int(m.pi[i]!.length), rng)),
  'μ of one component, σ of another': perRow((i, m, rng) => {
    const a = drawCategorical(m.pi[i]!, rng), b = drawCategorical(m.pi[i]!, rng);
    return m.mu[i]![a]! + m.sigma[i]![b]! * rng.normal();
  }),
  'σ² as the standard deviation': perRow((i, m, rng) => {
    const k = drawCategorical(m.pi[i]!, rng);
    return m.mu[i]![k]! + m.sigma[i]![k]! ** 2 * rng.normal();
  }),
  'stratified PIT (quantiles of a shuffled grid)': (m, rng) => {
    // y_i = F_i⁻¹((r_i + ½)/n) with r a random permutation: every row's draw has the right distribution, but the
    // PIT values are an exact grid, far more even than n independent uniforms ever are.
    const mix = asMixture(m), n = mix.n;
    const r = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [r[i], r[j]] = [r[j]!, r[i]!];
    }
    return Float32Array.from(r, (ri, i) => mixtureQuantile(mix, i, (ri + 0.5) / n));
  },
};

// The last seed's problem only: each holds 5000×5 mixtures three times over, as numbers and as nested arrays.
let posed: { seed: number; problem: PosedProblem } | undefined;
function problem(seed: number): PosedProblem {
  if (posed?.seed !== seed) posed = { seed, problem: makeProblem({ generator: 'mdnSampling', params: samplingParams }, seed) };
  return posed.problem;
}

/** The generator's metrics for a sampler on one seed (the sampler's own draws from a stream of that seed). */
export function samplingMetrics(name: string, seed: number): Record<string, number> {
  const p = problem(seed);
  return p.score([{ y: samplingVariants[name]!(p.calls[0]!.arg as MdnSamplingInput, makeRng(seed, `variant/${name}`)) }]).metrics;
}

/** The diagnosis a sampler's draws get on one seed (undefined: none fires). */
export function samplingDiagnosis(name: string, seed: number): string | undefined {
  const p = problem(seed);
  const y = samplingVariants[name]!(p.calls[0]!.arg as MdnSamplingInput, makeRng(seed, `variant/${name}`));
  const h = p.hidden as MdnSamplingHidden;
  return diagnoseMdnSample(h.mixture, y, h.reference, logDensityZ(h.mixture, y, h.reference).z);
}

if (import.meta.main) {
  const range = (v: number[]) => `${Math.min(...v).toFixed(2)} … ${Math.max(...v).toFixed(2)}`;
  const many = Array.from({ length: 100 }, (_, i) => i + 1);
  const right = Object.keys(samplingVariants)[0]!;
  const r = many.map((s) => samplingMetrics(right, s));
  console.log(`mdnSampling, params ${JSON.stringify(samplingParams)}`);
  console.log(`  ${right}, seeds 1–100: pitKs ${range(r.map((m) => m.pitKs!))}, logDensityZ ${range(r.map((m) => m.logDensityZ!))}, binEnergy ${range(r.map((m) => m.binEnergy!))}`);
  const low = r.map((m) => m.pitKs!).sort((a, b) => a - b), high = r.map((m) => m.binEnergy!).sort((a, b) => b - a);
  console.log(`    smallest pitKs ${low.slice(0, 3).map((v) => v.toFixed(2)).join(', ')}; largest binEnergy ${high.slice(0, 3).map((v) => v.toFixed(2)).join(', ')}`);
  console.log(`    diagnoses on seeds 1–100: ${many.filter((s) => samplingDiagnosis(right, s)).length} fire`);
  const seeds = [1, 2, 3, 4, 5, 6];
  for (const name of Object.keys(samplingVariants).slice(1)) {
    const ms = seeds.map((s) => samplingMetrics(name, s));
    const d = seeds.map((s) => samplingDiagnosis(name, s)?.slice(0, 60) ?? '(none)');
    console.log(`  ${name.padEnd(44)} seeds 1–6: pitKs ${range(ms.map((m) => m.pitKs!))}, logDensityZ ${range(ms.map((m) => m.logDensityZ!))}, binEnergy ${range(ms.map((m) => m.binEnergy!))}`);
    console.log(`    ${[...new Set(d)].join(' | ')}`);
  }
}
