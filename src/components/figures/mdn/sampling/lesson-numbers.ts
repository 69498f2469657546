/**
 * The numbers the sampling lesson quotes, read from sampling-numbers.json (scripts/mdn/sampling-figure.ts) and the
 * exercise's own bounds, so no number is typed into the page by hand.
 */
import numbers from './sampling-numbers.json';

/** A variant's row by its name in scripts/mdn/sampling-variants.ts. */
export function variant(name: string): (typeof numbers.variants)[number] {
  const v = numbers.variants.find((r) => r.name === name);
  if (!v) throw new Error(`sampling-numbers.json has no variant "${name}"`);
  return v;
}

const two = (v: number) => v.toFixed(2).replace('-', '−');
const one = (v: number) => v.toFixed(1).replace('-', '−');
const pct = (v: number) => `${(100 * v).toFixed(0)} %`;

export const samplingNumbers = {
  /** The shipped network's validation NLL, nats per point including ½ log 2π. */
  validationNll: two(numbers.model.validationNll),
  /** The epoch early stopping kept, and the training recipe's cap. */
  keptEpoch: String(numbers.model.keptEpoch),
  maxEpochs: String(numbers.model.maxEpochs),
  /** Inputs the exercise hands out. */
  n: String(numbers.n),
  /** Bands of inputs for the energy statistic. */
  bins: String(numbers.bins),
  /** The exercise's inputs span (the curve's y with noise): beyond it, a network extrapolates. */
  inputLow: one(numbers.inputRange[0]!),
  inputHigh: one(numbers.inputRange[1]!),
  /** The right sampler's √n·KS on the public seed, and its range over seeds 1–100. */
  rightKs: two(variant('right (pick k by π, then draw)').pitKs),
  nullKsLow: two(numbers.null.pitKs[0]!),
  nullKsHigh: two(numbers.null.pitKs[1]!),
  nullZLow: two(numbers.null.logDensityZ[0]!),
  nullZHigh: two(numbers.null.logDensityZ[1]!),
  /** The mean's √n·KS and its share of PIT values in the central half. */
  meanKs: one(variant('the mixture mean Σπμ').pitKs),
  meanCentral: pct(variant('the mixture mean Σπμ').centralShare),
  rightCentral: pct(variant('right (pick k by π, then draw)').centralShare),
  /** μ of one component with σ of another: a nearly uniform PIT, but a log-density z far out. */
  mixedKs: two(variant('μ of one component, σ of another').pitKs),
  mixedZ: one(variant('μ of one component, σ of another').logDensityZ),
  /** Always the heaviest component: PIT and z. */
  argmaxKs: two(variant('always the argmax component').pitKs),
  argmaxZ: one(variant('always the argmax component').logDensityZ),
  /** The grid of quantiles: far too uniform. */
  gridKs: numbers.variants.find((r) => r.name.startsWith('stratified'))!.pitKs.toFixed(3),
};
