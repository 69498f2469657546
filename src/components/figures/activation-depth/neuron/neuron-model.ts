/**
 * The neuron lesson's maths (no markup, no DOM, no tfjs): one sigmoid unit y = σ(w₁x₁ + w₂x₂ + b) over the input
 * plane, which of the 16 two-input logic functions it implements (if any), the hand-built XOR network, the
 * perceptron learning rule on a truth table and sigmoid curves of growing steepness. gate-explorer-view.ts and
 * neuron-view.ts draw them; the unit tests check them.
 */
import { gridCellCentres, type GridBox } from '../../../../../graders/problem.ts';
import { sigmoid } from '../activation-fns.ts';

export { sigmoid };

/** The weights and bias of one two-input unit. */
export interface Unit {
  w1: number;
  w2: number;
  b: number;
}

/** The weighted sum z = w₁x₁ + w₂x₂ + b. */
export const weightedSum = (u: Unit, x1: number, x2: number): number => u.w1 * x1 + u.w2 * x2 + u.b;

/** The unit's output σ(z). */
export const unitOutput = (u: Unit, x1: number, x2: number): number => sigmoid(weightedSum(u, x1, x2));

/** The four corners of the unit square, in truth-table order: (0,0), (0,1), (1,0), (1,1). */
export const corners: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** The unit at each corner: inputs, weighted sum and output. */
export function cornerOutputs(u: Unit): { x1: number; x2: number; z: number; y: number }[] {
  return corners.map(([x1, x2]) => ({ x1, x2, z: weightedSum(u, x1, x2), y: unitOutput(u, x1, x2) }));
}

/**
 * Names of the 16 Boolean functions of two inputs, keyed by their truth table in corner order, e.g. "0001" is AND.
 * All but XOR and XNOR are linearly separable, so a single unit can implement 14 of them.
 */
export const booleanFunctions: Record<string, string> = {
  '0000': 'the constant 0',
  '0001': 'AND',
  '0010': 'x₁ AND NOT x₂',
  '0011': 'a copy of x₁',
  '0100': 'NOT x₁ AND x₂',
  '0101': 'a copy of x₂',
  '0110': 'XOR',
  '0111': 'OR',
  '1000': 'NOR',
  '1001': 'XNOR',
  '1010': 'NOT x₂',
  '1011': 'x₁ OR NOT x₂',
  '1100': 'NOT x₁',
  '1101': 'NOT x₁ OR x₂',
  '1110': 'NAND',
  '1111': 'the constant 1',
};

/** How far an output may be from 0 or 1 and still count as that bit: the lesson's "< 0.1 / > 0.9". */
export const gateTolerance = 0.1;

export interface GateVerdict {
  /** The function implemented, or null when some corner's output is between 0.1 and 0.9. */
  name: string | null;
  /** Truth table read off the corners ('0', '1', or '?' for an undecided corner), in corner order. */
  bits: string;
  /** Indices (into `corners`) of the undecided corners. */
  undecided: number[];
  /** The largest distance of an output from its bit (0 or 1, whichever is nearer) over the four corners. */
  worstError: number;
}

/** Which logic function four corner outputs implement, at the lesson's tolerance. */
export function identifyGate(outputs: readonly number[], tolerance = gateTolerance): GateVerdict {
  const bits = outputs.map((y) => (y <= tolerance ? '0' : y >= 1 - tolerance ? '1' : '?')).join('');
  const undecided = [...bits].flatMap((c, i) => (c === '?' ? [i] : []));
  const worstError = Math.max(...outputs.map((y) => Math.min(y, 1 - y)));
  return { name: undecided.length ? null : booleanFunctions[bits]!, bits, undecided, worstError };
}

/** The XOR network of the lesson: h₁ = OR, h₂ = NAND, output = AND(h₁, h₂), all with |z| = 10 margins. */
export const xorNetworkUnits = {
  h1: { w1: 20, w2: 20, b: -10 },
  h2: { w1: -20, w2: -20, b: 30 },
  out: { w1: 20, w2: 20, b: -30 },
} as const satisfies Record<string, Unit>;

/** The XOR network's hidden and output values at one input. */
export function xorNetwork(x1: number, x2: number, units: Record<'h1' | 'h2' | 'out', Unit> = xorNetworkUnits): { h1: number; h2: number; z: number; y: number } {
  const h1 = unitOutput(units.h1, x1, x2);
  const h2 = unitOutput(units.h2, x1, x2);
  const z = weightedSum(units.out, h1, h2);
  return { h1, h2, z, y: sigmoid(z) };
}

/** The default view: the unit square with a margin, so the corners sit inside the picture. */
export const defaultBox: GridBox = { x0: -0.25, x1: 1.25, y0: -0.25, y1: 1.25, size: 30 };

/** The unit's output at the centre of each cell of a size×size grid; row 0 is the bottom row (x₂ = y0). */
export function outputGrid(u: Unit, box: GridBox = defaultBox): Float64Array {
  const xy = gridCellCentres(box);
  return Float64Array.from({ length: box.size * box.size }, (_, i) => unitOutput(u, xy[2 * i]!, xy[2 * i + 1]!));
}

/**
 * The segment of the line w₁x₁ + w₂x₂ + b = 0 (where the output is exactly 0.5) inside the box, or null when the
 * line misses the box or both weights are 0.
 */
export function boundarySegment(u: Unit, box: Omit<GridBox, 'size'> = defaultBox): [[number, number], [number, number]] | null {
  const pts: [number, number][] = [];
  const eps = 1e-12;
  const inside = (v: number, lo: number, hi: number) => v >= lo - eps && v <= hi + eps;
  if (Math.abs(u.w2) > eps)
    for (const x of [box.x0, box.x1]) {
      const y = -(u.w1 * x + u.b) / u.w2;
      if (inside(y, box.y0, box.y1)) pts.push([x, y]);
    }
  if (Math.abs(u.w1) > eps)
    for (const y of [box.y0, box.y1]) {
      const x = -(u.w2 * y + u.b) / u.w1;
      if (inside(x, box.x0, box.x1)) pts.push([x, y]);
    }
  // A line through a corner of the box is found twice; keep the two points farthest apart.
  let best: [[number, number], [number, number]] | null = null;
  let bestD = -1;
  for (let i = 0; i < pts.length; i++)
    for (let j = i + 1; j < pts.length; j++) {
      const d = Math.hypot(pts[i]![0] - pts[j]![0], pts[i]![1] - pts[j]![1]);
      if (d > bestD) [best, bestD] = [[pts[i]!, pts[j]!], d];
    }
  return bestD > 1e-9 ? best : null;
}

/** The step function of the McCulloch–Pitts neuron and the perceptron: 1 when z ≥ 0, else 0. */
export const step = (z: number): number => (z >= 0 ? 1 : 0);

export interface PerceptronEpoch {
  /** Weights (w₀ = bias, w₁, w₂) at the end of the epoch. */
  w: [number, number, number];
  /** Examples misclassified (and so updated on) during the epoch. */
  mistakes: number;
}

/**
 * Rosenblatt's rule on a 2-input truth table (targets in corner order), with the bias trick (x₀ = 1): for each
 * example in turn, y = step(w·x) and w ← w + η (t − y) x. Starts from w = 0 and stops after the first epoch without
 * a mistake, or after `maxEpochs`.
 */
export function perceptron(targets: readonly number[], maxEpochs = 100, eta = 1): { epochs: PerceptronEpoch[]; converged: boolean } {
  const w: [number, number, number] = [0, 0, 0];
  const epochs: PerceptronEpoch[] = [];
  for (let e = 0; e < maxEpochs; e++) {
    let mistakes = 0;
    corners.forEach(([x1, x2], i) => {
      const x = [1, x1, x2];
      const y = step(w[0] * x[0]! + w[1] * x[1]! + w[2] * x[2]!);
      const t = targets[i]!;
      if (y !== t) {
        mistakes++;
        for (let k = 0; k < 3; k++) w[k] = w[k]! + eta * (t - y) * x[k]!;
      }
    });
    epochs.push({ w: [...w], mistakes });
    if (mistakes === 0) return { epochs, converged: true };
  }
  return { epochs, converged: false };
}

/** A one-input neuron σ(s·(x − 0.5)) for a few steepnesses s, over x ∈ [−0.5, 1.5]: the smooth step sharpening. */
export function steepnessCurves(scales: readonly number[] = [2, 6, 20], n = 201): { x: number[]; curves: { s: number; y: number[] }[]; step: number[] } {
  const x = Array.from({ length: n }, (_, i) => -0.5 + (2 * i) / (n - 1));
  return {
    x,
    curves: scales.map((s) => ({ s, y: x.map((v) => sigmoid(s * (v - 0.5))) })),
    step: x.map((v) => step(v - 0.5)),
  };
}

/** Where each input corner lands in hidden space (h₁, h₂), with its XOR target. */
export function hiddenPoints(): { x1: number; x2: number; h1: number; h2: number; target: number }[] {
  return corners.map(([x1, x2]) => {
    const { h1, h2 } = xorNetwork(x1, x2);
    return { x1, x2, h1, h2, target: x1 ^ x2 };
  });
}
