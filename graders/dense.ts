/**
 * Dense layers in plain TypeScript (float64), for reference answers the grader computes itself: what a stack of
 * linear layers outputs, and the per-layer gradients of a deep MLP. No tfjs: the grader must not trust the same
 * library the learner's code runs on, and must run anywhere.
 */
import type { Rng } from './rng.ts';
import type { DenseLayer } from './datasets/types.ts';

export type { DenseLayer } from './datasets/types.ts';


/**
 * A layer initialised like PyTorch's nn.Linear default: W and b uniform in ±1/√inputs (Kaiming-uniform with
 * a = √5). The lessons' reference numbers come from PyTorch runs, so the weights here follow the same law.
 */
export function initLayer(inputs: number, units: number, rng: Rng): DenseLayer {
  const bound = 1 / Math.sqrt(inputs);
  const weights = Float32Array.from({ length: inputs * units }, () => (2 * rng.uniform() - 1) * bound);
  const bias = Float32Array.from({ length: units }, () => (2 * rng.uniform() - 1) * bound);
  return { weights, bias, inputs, units };
}

/**
 * The layers of a stack with these sizes, input first ([2, 8, 3] is 2 → 8 → 3), drawn one after another from `rng`
 * by `init` (PyTorch's default unless told).
 */
export function initStack(sizes: readonly number[], rng: Rng, init: (inputs: number, units: number, rng: Rng) => DenseLayer = initLayer): DenseLayer[] {
  return sizes.slice(1).map((units, i) => init(sizes[i]!, units, rng));
}

/** x·W + b for n rows of x (row-major n×inputs), in float64. */
export function affine(x: ArrayLike<number>, n: number, layer: DenseLayer): Float64Array {
  const { inputs, units, weights, bias } = layer;
  const out = new Float64Array(n * units);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < units; j++) {
      let s = bias[j]!;
      for (let i = 0; i < inputs; i++) s += x[r * inputs + i]! * weights[i * units + j]!;
      out[r * units + j] = s;
    }
  return out;
}

/** Largest |a − b| divided by the largest |b| (so the tolerance does not depend on the outputs' scale). */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / Math.max(scale, 1e-30); // a NaN anywhere made diff NaN (Math.max propagates it)
}

export type Activation = 'sigmoid' | 'relu' | 'tanh' | 'linear';

const act: Record<Activation, { f: (z: number) => number; df: (z: number) => number }> = {
  sigmoid: {
    f: (z) => 1 / (1 + Math.exp(-z)),
    df: (z) => {
      const s = 1 / (1 + Math.exp(-z));
      return s * (1 - s);
    },
  },
  // ReLU'(0) = 0, as in tfjs and PyTorch.
  relu: { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
  tanh: { f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 },
  linear: { f: (z) => z, df: () => 1 },
};

/**
 * Frobenius norm of ∂L/∂W for every layer of an MLP: hidden layers use `activation`, the last layer is linear
 * into a softmax, L is the mean cross-entropy over the n rows. Plain backpropagation in float64.
 */
export function weightGradientNorms(layers: DenseLayer[], activation: Activation, x: Float32Array, y: Int32Array, n: number): number[] {
  const { f, df } = act[activation];
  // Forward pass, keeping each layer's input (a) and pre-activation (z).
  const inputsOf: ArrayLike<number>[] = [];
  const preacts: Float64Array[] = [];
  let a: ArrayLike<number> = x;
  layers.forEach((layer, l) => {
    inputsOf.push(a);
    const z = affine(a, n, layer);
    preacts.push(z);
    a = l === layers.length - 1 ? z : z.map(f);
  });
  // Softmax cross-entropy: ∂L/∂z = (softmax(z) − onehot(y)) / n.
  const last = layers[layers.length - 1]!;
  const k = last.units;
  let dz = new Float64Array(n * k);
  const logits = preacts[preacts.length - 1]!;
  for (let r = 0; r < n; r++) {
    let m = -Infinity;
    for (let j = 0; j < k; j++) m = Math.max(m, logits[r * k + j]!);
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.exp(logits[r * k + j]! - m);
    for (let j = 0; j < k; j++) dz[r * k + j] = (Math.exp(logits[r * k + j]! - m) / s - (y[r] === j ? 1 : 0)) / n;
  }
  const norms = new Array<number>(layers.length);
  for (let l = layers.length - 1; l >= 0; l--) {
    const { inputs, units, weights } = layers[l]!;
    const aIn = inputsOf[l]!;
    let sq = 0;
    for (let i = 0; i < inputs; i++)
      for (let j = 0; j < units; j++) {
        let g = 0;
        for (let r = 0; r < n; r++) g += aIn[r * inputs + i]! * dz[r * units + j]!;
        sq += g * g;
      }
    norms[l] = Math.sqrt(sq);
    if (l === 0) break;
    // Back through W, then through the previous layer's activation.
    const zPrev = preacts[l - 1]!;
    const next = new Float64Array(n * inputs);
    for (let r = 0; r < n; r++)
      for (let i = 0; i < inputs; i++) {
        let s = 0;
        for (let j = 0; j < units; j++) s += dz[r * units + j]! * weights[i * units + j]!;
        next[r * inputs + i] = s * df(zPrev[r * inputs + i]!);
      }
    dz = next;
  }
  return norms;
}
