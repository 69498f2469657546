/**
 * The maths of the sampling lesson's figures: the trained MDN's mixtures at inputs of the inverse sinusoid (the
 * network the exercise hands out, graders/mdn/trained-mdn.ts), the process's own data at those inputs, and one
 * draw per input by the right sampler or by one of the wrong ones the lesson names. Pure and seeded, so the build
 * and the browser draw the same points.
 */
import { mixtureMean, sampleMixture, type ConditionalMixture } from '../../../../../graders/mdn/conditional-mixture.ts';
import { trainedMdnMixture } from '../../../../../graders/mdn/trained-mdn.ts';
import { drawCategorical } from '../../../../../graders/mixtures/sample.ts';
import { makeRng, type Rng } from '../../../../../graders/rng.ts';

/** How the figure draws: the right way, or one of the mistakes the lesson names. */
export type SamplerMode = 'pick' | 'mean' | 'single' | 'argmax' | 'mixed';

/** The modes in the figure's order, with the words its controls and legend use. */
export const samplerModes: readonly { mode: SamplerMode; label: string }[] = [
  { mode: 'pick', label: 'pick k by π, then draw from component k' },
  { mode: 'mean', label: 'the mixture mean Σπμ' },
  { mode: 'single', label: 'one Gaussian N(Σπμ, Σπσ)' },
  { mode: 'argmax', label: 'always the heaviest component' },
  { mode: 'mixed', label: 'μ of one component, σ of another' },
];

/** Inputs of the inverse problem, the process's targets there (the data) and the trained MDN's mixture at each. */
export interface FigureInstance {
  x: Float64Array;
  data: Float32Array;
  mixture: ConditionalMixture;
}

/** The stream the figure's inputs are drawn from (seed 1): the same points on every build and in every browser. */
export const figureInputStream = { seed: 1, stream: 'sampling-figure/inputs' } as const;

/**
 * n points of the inverse problem, x ~ U(−10, 10), y = 7 sin(0.75x) + 0.5x + N(0, 1), with the columns swapped (the
 * input is y): the draws of graders/mdn/sinusoid.ts's sampleSinusoid on the same stream, written out here because
 * that module also holds the exercise schema, and importing it would put zod in this figure's browser bundle (a
 * test checks the two agree). The mixtures are the trained MDN's at those inputs.
 */
export function figureInstance(n: number): FigureInstance {
  const rng = makeRng(figureInputStream.seed, figureInputStream.stream);
  const x = new Float64Array(n), data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = -10 + 20 * rng.uniform();
    // Rounded to float32 like sampleSinusoid's split, so the inputs are the same numbers.
    x[i] = Math.fround(7 * Math.sin(0.75 * t) + 0.5 * t + rng.normal());
    data[i] = t;
  }
  return { x, data, mixture: trainedMdnMixture(x) };
}

/** Row i's π·v summed over components. */
function weighted(m: ConditionalMixture, i: number, v: Float64Array): number {
  let s = 0;
  for (let c = 0; c < m.k; c++) s += m.pi[i * m.k + c]! * v[i * m.k + c]!;
  return s;
}

/** One draw per row, the way `mode` says. */
export function drawSamples(m: ConditionalMixture, mode: SamplerMode, rng: Rng): Float64Array {
  if (mode === 'pick') return sampleMixture(m, rng).y;
  if (mode === 'mean') return mixtureMean(m);
  const y = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    const row = m.pi.subarray(i * m.k, (i + 1) * m.k);
    if (mode === 'single') y[i] = weighted(m, i, m.mu) + weighted(m, i, m.sigma) * rng.normal();
    else if (mode === 'argmax') {
      const k = row.indexOf(Math.max(...row));
      y[i] = m.mu[i * m.k + k]! + m.sigma[i * m.k + k]! * rng.normal();
    } else {
      const a = drawCategorical(row, rng), b = drawCategorical(row, rng);
      y[i] = m.mu[i * m.k + a]! + m.sigma[i * m.k + b]! * rng.normal();
    }
  }
  return y;
}

/** The draws of `mode` for a seed, and the figure's reference draws (the right sampler, another stream of that seed). */
export function figureDraws(m: ConditionalMixture, mode: SamplerMode, seed: number): { y: Float64Array; reference: Float64Array } {
  return { y: drawSamples(m, mode, makeRng(seed, `sampling-figure/${mode}`)), reference: sampleMixture(m, makeRng(seed, 'sampling-figure/reference')).y };
}
