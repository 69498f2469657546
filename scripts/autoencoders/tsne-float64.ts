/**
 * A plain float64 t-SNE (exact gradient, scikit-learn's optimiser) for the lesson's figures and tests: the same
 * algorithm as the exercise's reference solution, written without tfjs so a script can vary what the exercise fixes
 * (perplexity, the kernel of Q, exaggeration) on a few hundred points, and so a test can check the gradient the
 * page states against finite differences of the KL divergence. O(n²) per iteration: meant for n ≤ ~600.
 */
import { makeRng } from '../../graders/rng.ts';

/** Squared Euclidean distances between the rows of x (n × d), float64, n × n. */
export function squaredDistances(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (x[i * d + f]! - x[j * d + f]!) ** 2;
      out[i * n + j] = out[j * n + i] = s;
    }
  return out;
}

/**
 * p_j|i over each point's `k` nearest neighbours, with β_i = 1/(2σ_i²) found by binary search so that the
 * entropy is log(perplexity) (|H − target| < tol), returned as a dense n × n row-stochastic matrix, with the β found
 * and the number of binary-search steps each point took. `round` is applied to every intermediate number (Math.fround
 * shows what float32 would do).
 */
export function conditionalP(dist: Float64Array, n: number, perplexity: number, k = Math.min(n - 1, Math.ceil(3 * perplexity)), round: (v: number) => number = (v) => v, tol = 1e-5) {
  const p = new Float64Array(n * n);
  const beta = new Float64Array(n);
  const steps = new Int32Array(n);
  const target = round(Math.log(perplexity));
  let unconverged = 0;
  for (let i = 0; i < n; i++) {
    const order = [...Array(n).keys()].filter((j) => j !== i).sort((a, b) => dist[i * n + a]! - dist[i * n + b]!).slice(0, k);
    const d0 = dist[i * n + order[0]!]!;
    const nd = order.map((j) => round(dist[i * n + j]! - d0));
    let b = 1, lo = 0, hi = Infinity, row: number[] = [], converged = false, s = 0;
    for (; s < 100; s++) {
      const e = nd.map((v) => round(Math.exp(round(-b * v))));
      let sum = 0, weighted = 0;
      for (let a = 0; a < k; a++) { sum = round(sum + e[a]!); weighted = round(weighted + round(nd[a]! * e[a]!)); }
      const h = round(round(Math.log(sum)) + round(round(b * weighted) / sum));
      row = e.map((v) => round(v / sum));
      if (Math.abs(h - target) < tol) { converged = true; break; }
      if (h > target) { lo = b; b = hi === Infinity ? b * 2 : (b + hi) / 2; } else { hi = b; b = (b + lo) / 2; }
    }
    if (!converged) unconverged++;
    order.forEach((j, a) => (p[i * n + j] = row[a]!));
    beta[i] = b;
    steps[i] = s;
  }
  return { p, beta, steps, unconverged };
}

/** The symmetric joint P = (P_cond + P_condᵀ) / 2n (sums to 1). */
export function symmetrise(pCond: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = (pCond[i * n + j]! + pCond[j * n + i]!) / (2 * n);
  return out;
}

export type Kernel = 'student-t' | 'gaussian';

/** KL(P ‖ Q) of map y (n × 2) and its gradient, for Q from the Student-t kernel 1/(1 + d²) or the Gaussian exp(−d²). */
export function klAndGradient(P: Float64Array, y: Float64Array, n: number, kernel: Kernel = 'student-t'): { kl: number; grad: Float64Array } {
  const num = new Float64Array(n * n);
  let z = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d2 = (y[2 * i]! - y[2 * j]!) ** 2 + (y[2 * i + 1]! - y[2 * j + 1]!) ** 2;
      const v = kernel === 'student-t' ? 1 / (1 + d2) : Math.exp(-d2);
      num[i * n + j] = v;
      z += v;
    }
  const grad = new Float64Array(2 * n);
  let kl = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const p = P[i * n + j]!, q = num[i * n + j]! / z;
      if (p > 0) kl += p * Math.log(p / Math.max(q, 1e-300));
      // Student-t: 4 Σ_j (p − q)(y_i − y_j)/(1 + d²); Gaussian (symmetric SNE): 4 Σ_j (p − q)(y_i − y_j).
      const w = 4 * (p - q) * (kernel === 'student-t' ? num[i * n + j]! : 1);
      grad[2 * i]! += w * (y[2 * i]! - y[2 * j]!);
      grad[2 * i + 1]! += w * (y[2 * i + 1]! - y[2 * j + 1]!);
    }
  return { kl, grad };
}

export interface TsneOptions {
  perplexity?: number;
  iterations?: number;
  exaggerated?: number;
  exaggeration?: number;
  kernel?: Kernel;
  seed?: number;
}

/** t-SNE of x (n × d) in float64 with scikit-learn's optimiser: the n × 2 map and its final KL. */
export function tsneFloat64(x: ArrayLike<number>, n: number, d: number, o: TsneOptions = {}): { y: Float64Array; kl: number } {
  const { perplexity = 30, iterations = 400, exaggerated = 100, exaggeration = 12, kernel = 'student-t', seed = 1 } = o;
  const P = symmetrise(conditionalP(squaredDistances(x, n, d), n, perplexity).p, n);
  const rng = makeRng(seed, 'tsne-float64');
  const y = Float64Array.from({ length: 2 * n }, () => 1e-4 * rng.normal());
  const update = new Float64Array(2 * n), gains = new Float64Array(2 * n).fill(1);
  const lr = Math.max(n / exaggeration / 4, 50);
  const Pe = P.map((v) => v * exaggeration);
  let kl = 0;
  for (let it = 1; it <= iterations; it++) {
    const early = it <= exaggerated;
    const r = klAndGradient(early ? Pe : P, y, n, kernel);
    kl = r.kl;
    const momentum = early ? 0.5 : 0.8;
    for (let c = 0; c < 2 * n; c++) {
      const g = r.grad[c]!;
      gains[c] = Math.max(g * update[c]! < 0 ? gains[c]! + 0.2 : gains[c]! * 0.8, 0.01);
      update[c] = momentum * update[c]! - lr * gains[c]! * g;
      y[c]! += update[c]!;
    }
  }
  return { y, kl: klAndGradient(P, y, n, kernel).kl };
}
