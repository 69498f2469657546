/**
 * The mixture-sampling generator's metrics for the right sampler and wrong ones, over seeds (and, for the right
 * one, over 100 seeds: the z-scores' and energy statistic's spread under the null, where a bound must sit above).
 *   node scripts/with-node.mjs node scripts/mixtures/sampling-variants.ts
 */
import { makeProblem, type PosedProblem } from '../../graders/problems/index.ts';
import type { MixtureSamplingInput } from '../../graders/problems/mixtures/mixture-sampling.ts';
import { drawCategorical } from '../../graders/mixtures/sample.ts';
import { makeRng, type Rng } from '../../graders/rng.ts';

/** Parameters like the exercise's may be: two mixtures, 4000 points each, energy on 1000. */
export const samplingParams = { mixtures: [{ components: 4, dims: 2 }, { components: 3, dims: 3 }], n: 4000, energySample: 1000 };

type Sampler = (g: MixtureSamplingInput, rng: Rng) => { points: Float32Array; components: Float32Array };

/** A sampler from a per-point rule: (mixture, rng, its drawn component, dimension j, the point's shared normal) → coordinate. */
function sampler(rule: (g: MixtureSamplingInput, rng: Rng, c: number, j: number, shared: number) => number, pickComponent = (g: MixtureSamplingInput, rng: Rng) => drawCategorical(g.weights, rng)): Sampler {
  return (g, rng) => {
    const d = g.means[0]!.length;
    const points = new Float32Array(g.n * d), components = new Float32Array(g.n);
    for (let i = 0; i < g.n; i++) {
      const c = pickComponent(g, rng);
      const shared = rng.normal();
      components[i] = c;
      for (let j = 0; j < d; j++) points[i * d + j] = rule(g, rng, c, j, shared);
    }
    return { points, components };
  };
}

const right = (g: MixtureSamplingInput, rng: Rng, c: number, j: number) => g.means[c]![j]! + g.stds[c]![j]! * rng.normal();

export const samplingVariants: Record<string, Sampler> = {
  'right (pick, then draw)': sampler(right),
  'every point from component 0': sampler(right, () => 0),
  'every point from the heaviest': sampler(right, (g) => g.weights.indexOf(Math.max(...g.weights))),
  'averaging the components': sampler((g, rng, _c, j) => g.weights.reduce((s, w, k) => s + w * (g.means[k]![j]! + g.stds[k]![j]! * rng.normal()), 0)),
  'weights ignored (uniform)': sampler(right, (g, rng) => rng.int(g.weights.length)),
  'stds used as variances': sampler((g, rng, c, j) => g.means[c]![j]! + g.stds[c]![j]! ** 2 * rng.normal()),
  'one normal for all dimensions': sampler((g, _r, c, j, shared) => g.means[c]![j]! + g.stds[c]![j]! * shared),
  'labels not the drawn component': (g, rng) => {
    const s = sampler(right)(g, rng);
    return { ...s, components: s.components.map(() => drawCategorical(g.weights, rng)) };
  },
  // The original post's reading of Independent(Normal(means, sds), 1) backwards: means[dimension][component].
  // On a K×d mixture with K ≠ d it reads past the rows (NaN points, which the runtime stops); on a square one it
  // samples the transposed mixture.
  'feature and component axes swapped': sampler((g, rng, c, j) => (g.means[j]?.[c] ?? NaN) + (g.stds[j]?.[c] ?? NaN) * rng.normal()),
  'stratified (exact counts)': (g, rng) => {
    // round(nπ_k) points per component (largest remainders), in shuffled order: the counts a sampler "should" get.
    const raw = g.weights.map((w) => w * g.n), counts = raw.map(Math.floor);
    const order = raw.map((r, c) => [r - Math.floor(r), c] as const).sort((a, b) => b[0] - a[0]);
    const short = g.n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < short; i++) counts[order[i]![1]]!++;
    const labels = counts.flatMap((m, c) => Array<number>(m).fill(c));
    for (let i = labels.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [labels[i], labels[j]] = [labels[j]!, labels[i]!];
    }
    let next = 0;
    return sampler(right, () => labels[next++]!)(g, rng);
  },
};



const posed = new Map<number, PosedProblem>();

/** The generator's metrics for a sampler on one seed (the sampler's own draws from a stream of that seed). */
export function samplingMetrics(name: string, seed: number): Record<string, number> {
  if (!posed.has(seed)) posed.set(seed, makeProblem({ generator: 'mixtureSampling', params: samplingParams }, seed));
  const problem = posed.get(seed)!;
  const rng = makeRng(seed, `variant/${name}`);
  return problem.score(problem.calls.map((c) => samplingVariants[name]!(c.arg as MixtureSamplingInput, rng))).metrics;
}

/** The detail lines for a sampler on one seed. */
export function samplingDetails(name: string, seed: number): Record<string, string[]> {
  const problem = makeProblem({ generator: 'mixtureSampling', params: samplingParams }, seed);
  const rng = makeRng(seed, `variant/${name}`);
  return problem.score(problem.calls.map((c) => samplingVariants[name]!(c.arg as MixtureSamplingInput, rng))).details!;
}

if (import.meta.main) {
  const range = (v: number[]) => `${Math.min(...v).toFixed(2)} … ${Math.max(...v).toFixed(2)}`;
  const many = Array.from({ length: 100 }, (_, i) => i + 1);
  const r = many.map((s) => samplingMetrics('right (pick, then draw)', s));
  console.log(`mixtureSampling, params ${JSON.stringify(samplingParams)}`);
  console.log(`  right sampler, seeds 1–100: maxProportionZ ${range(r.map((m) => m.maxProportionZ!))}, maxMomentZ ${range(r.map((m) => m.maxMomentZ!))}, energyStatistic ${range(r.map((m) => m.energyStatistic!))}`);
  const seeds = [1, 2, 3, 4, 5, 6];
  for (const name of Object.keys(samplingVariants).slice(1)) {
    const ms = seeds.map((s) => samplingMetrics(name, s));
    console.log(`  ${name.padEnd(32)} seeds 1–6: maxProportionZ ${range(ms.map((m) => m.maxProportionZ!))}, maxMomentZ ${range(ms.map((m) => m.maxMomentZ!))}, energyStatistic ${range(ms.map((m) => m.energyStatistic!))}`);
  }
  const small = many.map((s) => samplingMetrics('right (pick, then draw)', s).maxProportionZ!).sort((a, b) => a - b);
  console.log(`  right sampler, seeds 1–100: smallest maxProportionZ ${small.slice(0, 3).map((v) => v.toFixed(2)).join(', ')}`);
  for (const name of ['every point from component 0', 'averaging the components']) console.log(`  ${name}, seed 1: ${samplingDetails(name, 1).maxMomentZ![0]}`);
}
