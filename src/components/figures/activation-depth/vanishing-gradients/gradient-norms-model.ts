/**
 * The model behind the "Vanishing gradients" figures: deep MLPs (sigmoid, ReLU or tanh) at initialization, the norm of ∂L/∂W at every layer
 * (the grader's own float64 backprop, graders/dense.ts), and the first/last ratio as depth grows. Pure TypeScript,
 * no markup: the figures' views (gradient-norms-view.ts) call it at build time and in the browser when the reader
 * moves a slider, and scripts/measure-vanishing.ts draws its tfjs nets' weights with it (no tfjs here).
 */
import { initLayer, initStack, weightGradientNorms, type DenseLayer } from '../../../../../graders/dense.ts';
import { spiralBatch } from '../../../../../graders/datasets/spiral-sample.ts';
import { makeRng, type Rng } from '../../../../../graders/rng.ts';

export type HiddenActivation = 'sigmoid' | 'relu' | 'tanh';

/** Which activations the norms figure draws: the two the lesson compares, or those two and tanh. */
export type ShownActivations = 'sigmoid-relu' | 'with-tanh';

export const shownLabels: Record<ShownActivations, string> = {
  'sigmoid-relu': 'sigmoid and ReLU',
  'with-tanh': 'sigmoid, ReLU and tanh',
};

/**
 * How the weights are drawn.
 * - `pytorch`: nn.Linear's default, W and b uniform in ±1/√fan_in (variance 1/(3·fan_in)); what the exercise uses.
 * - `glorot`: Glorot & Bengio (2010), W uniform in ±√(6/(fan_in+fan_out)) (variance 2/(fan_in+fan_out)), b = 0.
 * - `he`: He et al. (2015), W normal with variance 2/fan_in, b = 0.
 */
export type InitScheme = 'pytorch' | 'glorot' | 'he';

export const initLabels: Record<InitScheme, string> = {
  pytorch: 'PyTorch default',
  glorot: 'Glorot (Xavier)',
  he: 'He (Kaiming)',
};

/** One layer drawn with `scheme`. */
export function initLayerWith(scheme: InitScheme, inputs: number, units: number, rng: Rng): DenseLayer {
  if (scheme === 'pytorch') return initLayer(inputs, units, rng);
  const weights = new Float32Array(inputs * units);
  if (scheme === 'glorot') {
    const limit = Math.sqrt(6 / (inputs + units));
    for (let i = 0; i < weights.length; i++) weights[i] = (2 * rng.uniform() - 1) * limit;
  } else {
    const std = Math.sqrt(2 / inputs);
    for (let i = 0; i < weights.length; i++) weights[i] = rng.normal() * std;
  }
  return { weights, bias: new Float32Array(units), inputs, units };
}

/** Layer sizes 2 → width (× hidden) → 3: the spiral's 2 coordinates in, one logit per class out. */
export function mlpLayers(hidden: number, width: number, scheme: InitScheme, rng: Rng, inputs = 2, classes = 3): DenseLayer[] {
  return initStack([inputs, ...Array<number>(hidden).fill(width), classes], rng, (fanIn, units, r) => initLayerWith(scheme, fanIn, units, r));
}

export interface NormsQuery {
  hidden: number;
  width: number;
  activation: HiddenActivation;
  scheme?: InitScheme;
  /** Batch size (points of the spiral). */
  n?: number;
  seed: number;
}

/** ‖∂L/∂W_l‖ for l = 1 … hidden+1 (the last is the output layer), L = mean softmax cross-entropy on the batch. */
export function layerNorms(q: NormsQuery): number[] {
  const n = q.n ?? 100;
  // A batch of n points of the 3-arm spiral (noise 0.2), as in the exercise.
  const batch = spiralBatch(n, q.seed, 'figure/batch');
  // The weights' stream depends on the seed and the activation only: sigmoid and ReLU nets of the same seed share
  // the same weights, so the figure compares the activations and nothing else.
  const layers = mlpLayers(q.hidden, q.width, q.scheme ?? 'pytorch', makeRng(q.seed, 'figure/weights'));
  return weightGradientNorms(layers, q.activation, batch.x, batch.y, n);
}

/** First layer's gradient norm divided by the last (output) layer's. */
export function firstLastRatio(norms: number[]): number {
  return norms[0]! / norms[norms.length - 1]!;
}

/** Geometric mean: the right average for quantities that vary over orders of magnitude. */
export function geoMean(values: number[]): number {
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

export interface RatioRow {
  hidden: number;
  /** Geometric mean of the first/last ratio over the seeds. */
  mean: number;
  min: number;
  max: number;
}

/** First/last ratio against depth, over several seeds (geometric mean, min and max). */
export function ratioVsDepth(depths: number[], activation: HiddenActivation, o: { width: number; n?: number; seeds: number[]; scheme?: InitScheme }): RatioRow[] {
  return depths.map((hidden) => {
    const r = o.seeds.map((seed) => firstLastRatio(layerNorms({ hidden, width: o.width, activation, seed, ...(o.n !== undefined && { n: o.n }), ...(o.scheme && { scheme: o.scheme }) })));
    return { hidden, mean: geoMean(r), min: Math.min(...r), max: Math.max(...r) };
  });
}

/** Writes a number for prose and tables: 3.1e-7, 0.0152, 0.5. */
export function sci(v: number, digits = 2): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const [m, e] = v.toExponential(digits - 1).split('e') as [string, string];
  const exp = Number(e);
  if (exp >= -3 && exp < 3) return Number(v.toPrecision(digits)).toString();
  return `${Number(m)}e${exp}`;
}

export interface NetSettings {
  hidden: number;
  width: number;
  scheme: InitScheme;
  seed: number;
  /** Batch size. */
  n: number;
  /** Draw tanh too (default: sigmoid and ReLU only). */
  shown?: ShownActivations;
}

/** Per-layer norms of each shown activation for one set of weights (the same draw: same seed, same scheme). */
export function normsForShown(s: NetSettings): Partial<Record<HiddenActivation, number[]>> {
  const q = { hidden: s.hidden, width: s.width, scheme: s.scheme, seed: s.seed, n: s.n };
  const acts: HiddenActivation[] = s.shown === 'with-tanh' ? ['sigmoid', 'relu', 'tanh'] : ['sigmoid', 'relu'];
  return Object.fromEntries(acts.map((activation) => [activation, layerNorms({ ...q, activation })]));
}
