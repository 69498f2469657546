/**
 * The Start here exercise's network in float64: ŷ = tanh(x·w1 + b1)·w2 + b2 on 1-D inputs, its mean squared error,
 * the gradient by hand (the chain rule, as the lesson writes it) and plain gradient descent, step by step. The
 * grader's reference trajectory and the measurement script both use it.
 */

/** The four weights of a 1 → h → 1 tanh network, each as a flat float64 vector. */
export interface TanhNet {
  /** First layer's weights, h (the [1, h] matrix's one row). */
  w1: Float64Array;
  /** First layer's biases, h. */
  b1: Float64Array;
  /** Second layer's weights, h (the [h, 1] matrix's one column). */
  w2: Float64Array;
  /** Second layer's bias, 1. */
  b2: Float64Array;
}

/** The network's predictions on x (n inputs). */
export function predict(net: TanhNet, x: ArrayLike<number>): Float64Array {
  const h = net.w1.length;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let s = net.b2[0]!;
    for (let j = 0; j < h; j++) s += Math.tanh(x[i]! * net.w1[j]! + net.b1[j]!) * net.w2[j]!;
    out[i] = s;
  }
  return out;
}

/** The mean squared error (1/n)·Σ(ŷᵢ − yᵢ)². */
export function meanSquaredError(net: TanhNet, x: ArrayLike<number>, y: ArrayLike<number>): number {
  const p = predict(net, x);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

/** The loss and its gradient with respect to every weight, by the chain rule (backpropagation), in float64. */
export function lossAndGradient(net: TanhNet, x: ArrayLike<number>, y: ArrayLike<number>): { loss: number; grad: TanhNet } {
  const h = net.w1.length;
  const n = x.length;
  const grad: TanhNet = { w1: new Float64Array(h), b1: new Float64Array(h), w2: new Float64Array(h), b2: new Float64Array(1) };
  const a = new Float64Array(h);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let yHat = net.b2[0]!;
    for (let j = 0; j < h; j++) {
      a[j] = Math.tanh(x[i]! * net.w1[j]! + net.b1[j]!);
      yHat += a[j]! * net.w2[j]!;
    }
    const r = yHat - y[i]!;
    loss += r * r;
    const dYHat = (2 * r) / n; // ∂L/∂ŷᵢ
    grad.b2[0]! += dYHat;
    for (let j = 0; j < h; j++) {
      grad.w2[j]! += dYHat * a[j]!;
      const dz = dYHat * net.w2[j]! * (1 - a[j]! * a[j]!); // ∂L/∂zᵢⱼ, through tanh' = 1 − tanh²
      grad.w1[j]! += dz * x[i]!;
      grad.b1[j]! += dz;
    }
  }
  return { loss: loss / n, grad };
}

/** How one gradient-descent step may differ from the textbook one (for measuring wrong variants). */
export interface StepOptions {
  /** Leave these weights where they are (a forgotten update). */
  frozen?: readonly (keyof TanhNet)[];
  /** Multiply the gradient by this (n for a summed loss). Default 1. */
  gradientScale?: number;
}

const keys = ['w1', 'b1', 'w2', 'b2'] as const;

/** One step w ← w − η·∂L/∂w, returning a new net. */
export function gradientStep(net: TanhNet, x: ArrayLike<number>, y: ArrayLike<number>, learningRate: number, options: StepOptions = {}): TanhNet {
  const { grad } = lossAndGradient(net, x, y);
  const scale = (options.gradientScale ?? 1) * learningRate;
  const next = {} as TanhNet;
  for (const k of keys) next[k] = options.frozen?.includes(k) ? Float64Array.from(net[k]) : net[k].map((w, i) => w - scale * grad[k][i]!);
  return next;
}

/**
 * Plain gradient descent from `start` for `steps` steps: the nets after 0, 1, … steps (steps + 1 of them) and
 * their losses.
 */
export function gradientDescent(start: TanhNet, x: ArrayLike<number>, y: ArrayLike<number>, learningRate: number, steps: number, options: StepOptions = {}): { nets: TanhNet[]; losses: number[] } {
  const nets = [start];
  for (let s = 0; s < steps; s++) nets.push(gradientStep(nets[s]!, x, y, learningRate, options));
  return { nets, losses: nets.map((net) => meanSquaredError(net, x, y)) };
}

/** All four weights in one vector (w1, b1, w2, b2), for distances between nets. */
export function flatten(net: TanhNet): Float64Array {
  return Float64Array.from([...net.w1, ...net.b1, ...net.w2, ...net.b2]);
}

/** The Euclidean distance between two nets' weights. */
export function distance(a: TanhNet, b: TanhNet): number {
  const fa = flatten(a);
  const fb = flatten(b);
  let s = 0;
  for (let i = 0; i < fa.length; i++) s += (fa[i]! - fb[i]!) ** 2;
  return Math.sqrt(s);
}
