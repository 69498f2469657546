/**
 * Where the equivalent-layer exercise's bound (maxRelativeError ≤ 1e-4) comes from:
 *  1. the reference solution (float32 tf.matMul on the WASM backend) graded on seeds 1–10 and 42;
 *  2. plausible wrong answers, computed exactly (float64) on every stack where their shape is right, on seeds 1–10.
 *     (On the other stacks the runtime stops them earlier with a shape error.)
 * Run: node scripts/with-node.mjs node scripts/equivalent-layer-variants.ts
 */
import { affine, maxRelativeDifference, type DenseLayer } from '../graders/dense.ts';
import { loadExercise } from '../graders/exercise-files.ts';
import { makeProblem } from '../graders/problems/index.ts';
import { useNodeBackend } from '../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../src/runtime/run-exercise.ts';

const id = '04-activation-depth/04-equivalent-layer';
const { meta, solution } = loadExercise(id);
const params = meta.data.params as { stacks: number[][]; testN: number };

const tf = await useNodeBackend('wasm');
console.log('1. Reference solution, WASM backend:');
for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 42]) {
  const t0 = performance.now();
  const { report } = await runExercise({ meta, source: solution, seed, backend: 'wasm', runner: inThreadRunner(tf) });
  console.log(`  seed ${seed}: ${report.status}, maxRelativeError ${report.checks[0]?.value.toExponential(2) ?? report.error?.message} (${(performance.now() - t0).toFixed(0)} ms)`);
}

/** Row-major a (r×k) · b (k×c). */
function matMul(a: ArrayLike<number>, b: ArrayLike<number>, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) for (let q = 0; q < k; q++) out[i * c + j]! += a[i * k + q]! * b[q * c + j]!;
  return out;
}

/** The correct fold, with a pluggable bias rule and product order. */
function fold(layers: DenseLayer[], opts: { bias: 'through' | 'zero' | 'sum' | 'last'; reversed?: boolean; firstOnly?: boolean }) {
  const first = layers[0]!;
  let W: Float64Array = Float64Array.from(first.weights), b: Float64Array = Float64Array.from(first.bias);
  let inputs = first.inputs, units = first.units;
  for (const l of opts.firstOnly ? [] : layers.slice(1)) {
    if (opts.reversed) {
      if (l.units !== inputs) return null; // the runtime's matMul would throw
      W = matMul(l.weights, W, l.inputs, l.units, units);
      inputs = l.inputs;
    } else W = matMul(W, l.weights, inputs, units, l.units);
    b = matMul(b, l.weights, 1, l.inputs, l.units).map((v, j) => v + l.bias[j]!);
    units = l.units;
  }
  const last = layers[layers.length - 1]!;
  const bias = opts.bias === 'through' ? b : opts.bias === 'zero' ? new Float64Array(units) : opts.bias === 'sum' ? sumAll(layers) : Float64Array.from(last.bias);
  return { weights: W, bias: bias.length === units ? bias : new Float64Array(units).fill(NaN), inputs, units };
}

/** b₁ + … + bₙ, where all biases have the output's length (the stacks where "sum the biases" even runs). */
function sumAll(layers: DenseLayer[]): Float64Array {
  const u = layers[layers.length - 1]!.units;
  const out = new Float64Array(u);
  for (const l of layers) {
    if (l.units !== u) return new Float64Array(u).fill(NaN);
    l.bias.forEach((v, j) => (out[j]! += v));
  }
  return out;
}

/** Each wrong answer's single layer for a stack, or null where the runtime would stop it with a shape error. */
const variants: Record<string, (l: DenseLayer[]) => ReturnType<typeof fold>> = {
  'biases left out (bias 0)': (l) => fold(l, { bias: 'zero' }),
  'biases summed': (l) => fold(l, { bias: 'sum' }),
  "last layer's bias only": (l) => fold(l, { bias: 'last' }),
  'first layer only': (l) => fold(l, { bias: 'through', firstOnly: true }),
  'product in the wrong order': (l) => fold(l, { bias: 'through', reversed: true }),
};

const n = params.testN;
/** For seeds 1–10, each stack of the hidden problem: its layers, its sizes, its test inputs and its true outputs on them. */
const problems = Array.from({ length: 10 }, (_, i) => {
  const { hidden } = makeProblem(meta.data, i + 1) as { hidden: { stacks: DenseLayer[][]; x: Float32Array[] } };
  return hidden.stacks.map((layers, s) => {
    const x = hidden.x[s]!;
    return { layers, sizes: params.stacks[s]!, x, want: layers.reduce<ArrayLike<number>>((a, layer) => affine(a, n, layer), x) };
  });
});

console.log('\n2. Wrong answers (float64), largest relative error over the stacks where the shape is right, seeds 1–10:');
for (const [name, v] of Object.entries(variants)) {
  const worst: number[] = [];
  const perStack = new Map<string, number[]>();
  for (const stacks of problems) {
    let w = -Infinity;
    for (const { layers, sizes, x, want } of stacks) {
      const out = v(layers);
      if (!out || out.inputs !== sizes[0] || out.units !== sizes[sizes.length - 1] || out.bias.some(Number.isNaN)) continue;
      const err = maxRelativeDifference(affine(x, n, { ...out, weights: Float32Array.from(out.weights), bias: Float32Array.from(out.bias) }), want);
      const key = sizes.join('→');
      perStack.set(key, [...(perStack.get(key) ?? []), err]);
      w = Math.max(w, err);
    }
    worst.push(w);
  }
  const r = (a: number[]) => `${Math.min(...a).toPrecision(2)}–${Math.max(...a).toPrecision(2)}`;
  console.log(`  ${name}: ${r(worst)}   [${[...perStack].map(([k, a]) => `${k}: ${r(a)}`).join(', ')}]`);
}
