/**
 * The training figure's maths, pure: the predicted density p(target | input) of one saved snapshot on a grid over
 * (input, target), for the heat map. A snapshot holds π, μ, σ per input of its grid (training-figure.json, written
 * by scripts/mdn/training-figure.ts); the density is Σ_k π_k N(t | μ_k, σ_k) at each target t.
 */

/** One saved state of the network: its mixture at each input of the figure's grid, and the grader's scores there. */
export interface TrainingSnapshot {
  epoch: number;
  /** Per grid input, the k mixture weights, means and standard deviations. */
  pi: number[][];
  mu: number[][];
  sigma: number[][];
  heldoutNll: number;
  coverage: number;
  intervalWidth: number;
  mixtureMeanMse: number;
}

/** What the figure reads from training-figure.json's `run`. */
export interface TrainingRun {
  seed: number;
  learningRate: number;
  inputScale: number;
  validation: number;
  /** The inputs (the sinusoid's y) at which every snapshot's mixture was read. */
  grid: number[];
  /** The training points as [input, target]; the last `validation` are the validation split. */
  points: [number, number][];
  /** Every 10 epochs: the NLL on the trained points, the validation split and the grader's held-out sample. */
  trajectory: { epoch: number[]; train: number[]; val: number[]; heldout: number[] };
  snapshots: TrainingSnapshot[];
  /** The snapshot at the lowest validation NLL: the model early stopping keeps. */
  best: TrainingSnapshot;
}

/** The mixture density at target t for grid input i of a snapshot. */
export function densityAt(s: TrainingSnapshot, i: number, t: number): number {
  let p = 0;
  for (let k = 0; k < s.pi[i]!.length; k++) {
    const z = (t - s.mu[i]![k]!) / s.sigma[i]![k]!;
    p += (s.pi[i]![k]! * Math.exp(-0.5 * z * z)) / (s.sigma[i]![k]! * Math.sqrt(2 * Math.PI));
  }
  return p;
}

/**
 * The density on `rows` targets evenly spaced over [t0, t1] (cell centres) at every `every`-th grid input: a
 * row-major rows × columns array (row 0 at t0), with the columns' grid indices.
 */
export function densityGrid(s: TrainingSnapshot, t0: number, t1: number, rows: number, every = 1): { columns: number[]; values: Float64Array } {
  const columns = Array.from({ length: Math.ceil(s.pi.length / every) }, (_, j) => j * every);
  const values = new Float64Array(rows * columns.length);
  for (let r = 0; r < rows; r++) {
    const t = t0 + ((r + 0.5) / rows) * (t1 - t0);
    columns.forEach((i, c) => (values[r * columns.length + c] = densityAt(s, i, t)));
  }
  return { columns, values };
}
