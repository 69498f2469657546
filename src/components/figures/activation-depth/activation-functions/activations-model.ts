/**
 * Activation functions and their derivatives in plain TypeScript, for the "Activation functions" lesson: the six
 * functions (four drawn by default, two extras), their labels and colours, and the values the static table lists.
 * No markup, no DOM, no tfjs: activation-view.ts draws them, and the unit tests compare them with tfjs.
 */
import { relu, sigmoid } from '../activation-fns.ts';
import { palette } from '../../kit/svg-basics.ts';

export { sigmoid };

export type ActivationName = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'gelu';

export interface ActivationDef {
  name: ActivationName;
  /** How the lesson names it. */
  label: string;
  f: (z: number) => number;
  /** The derivative; at a kink, the value frameworks use (ReLU'(0) = 0 in tfjs and PyTorch). */
  df: (z: number) => number;
  /** Points where df jumps: the plot breaks the dashed line there instead of drawing a vertical riser. */
  jumps: number[];
  color: string;
  /** Not one of the lesson's four main functions. */
  extra: boolean;
}

/**
 * The error function, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for plotting GELU, and it keeps the
 * figure free of dependencies.
 */
export function erf(x: number): number {
  const s = Math.sign(x), a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return s * (1 - poly * Math.exp(-a * a));
}

/** Standard normal CDF Φ and density φ, for GELU(z) = z·Φ(z). */
const Phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** Leaky ReLU slope for z < 0: PyTorch's default (tf.layers.leakyReLU defaults to 0.3, tf.leakyRelu to 0.2). */
export const leakySlope = 0.01;

export const activations: Record<ActivationName, ActivationDef> = {
  linear: { name: 'linear', label: 'linear (identity)', f: (z) => z, df: () => 1, jumps: [], color: palette[3]!, extra: false },
  sigmoid: { name: 'sigmoid', label: 'sigmoid σ', f: sigmoid, df: (z) => sigmoid(z) * (1 - sigmoid(z)), jumps: [], color: palette[0]!, extra: false },
  tanh: { name: 'tanh', label: 'tanh', f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2, jumps: [], color: palette[1]!, extra: false },
  relu: { name: 'relu', label: 'ReLU', f: relu, df: (z) => (z > 0 ? 1 : 0), jumps: [0], color: palette[2]!, extra: false },
  leakyRelu: { name: 'leakyRelu', label: `leaky ReLU (slope ${leakySlope})`, f: (z) => (z > 0 ? z : leakySlope * z), df: (z) => (z > 0 ? 1 : leakySlope), jumps: [0], color: palette[5]!, extra: true },
  gelu: { name: 'gelu', label: 'GELU', f: (z) => z * Phi(z), df: (z) => Phi(z) + z * phi(z), jumps: [], color: palette[4]!, extra: true },
};

export const mainActivations: ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu'];
export const extraActivations: ActivationName[] = ['leakyRelu', 'gelu'];

/** f and f′ of each function at each z, for the static table. */
export function valueTable(names: ActivationName[], zs: number[]): { name: ActivationName; label: string; f: number[]; df: number[] }[] {
  return names.map((n) => ({ name: n, label: activations[n].label, f: zs.map(activations[n].f), df: zs.map(activations[n].df) }));
}
