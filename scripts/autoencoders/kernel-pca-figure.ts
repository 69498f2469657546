/**
 * The kernel PCA lesson's numbers and figure data:
 *   node scripts/with-node.mjs node scripts/autoencoders/kernel-pca-figure.ts [--full-n 1000] [--out src/components/figures/autoencoders/kernel-pca/kernel-pca-figure.json]
 * writes, after a provenance record:
 *   - rings: two noisy concentric circles (radii 1 and 0.3, noise 0.05, 150 points each) and their RBF kernel PCA
 *     embeddings (first two components, float64) for several γ, with the accuracy of the best straight-line split of
 *     each embedding (every direction in 1° steps, every threshold): does kernel PCA make the rings separable?
 *   - accumulation: the grand mean of the RBF kernel (γ = 1/64) of all 1797 digits (3.2M entries) computed six ways
 *     (float64; a float32 running sum in JS; float32 row sums, then a float32 sum of them; pairwise float32;
 *     tf.mean on stock tfjs 4.22 WASM; tf.mean with our WASM patches), each one's error, and the spurious
 *     eigenvalue n × error it adds to the centred kernel (K̃ 1 = 0, so adding c to every entry adds the eigenvalue
 *     n·c along 1: exact, no eigensolver needed);
 *   - distances: quantiles of the squared distances between digits, and the share of pairs whose kernel would fall
 *     below e^−20 on the raw 0–16 grey levels;
 *   - speed: the exercise's solution (tfjs, WASM) on all 1797 digits, the float64 reference (subspace iteration with
 *     Rayleigh–Ritz, plain TS) on the same, and on an n×n centred kernel (n = --full-n: the full set takes minutes)
 *     the kernel's construction, then the top 5 eigenpairs by that subspace iteration against a full float64
 *     eigendecomposition (ml-matrix) of the same matrix; each timed once, the machine's load average recorded.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Matrix } from 'ml-matrix';
import { centreKernel, kernelPcaReference, rbfKernel, topEigenpairs } from '../../graders/autoencoders/kernel-pca-reference.ts';
import { symmetricEigen } from '../../graders/autoencoders/pca-reference.ts';
import { drawDigits, loadImageSet } from '../../graders/datasets/digits.ts';
import { makeRng } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { kernelPca } from '../../exercises/03-autoencoders/02-kernel-pca/solution.ts';

/** The rings: radii, noise and points per ring (scikit-learn's make_circles(factor=0.3, noise=0.05) in shape). */
export const RINGS = { outer: 1, inner: 0.3, noise: 0.05, perRing: 150 } as const;
/** The γ of the ring panels: nearly linear, the one that unfolds them, and one too local. */
export const RING_GAMMAS = [0.3, 3, 30] as const;

/** Two noisy concentric rings: x (n×2, row-major) and the ring of each point (0 outer, 1 inner). */
export function rings(seed = 1): { x: Float64Array; labels: number[] } {
  const rng = makeRng(seed, 'rings');
  const x: number[] = [], labels: number[] = [];
  for (const [label, r] of [[0, RINGS.outer], [1, RINGS.inner]] as const)
    for (let i = 0; i < RINGS.perRing; i++) {
      const a = 2 * Math.PI * rng.uniform();
      x.push(r * Math.cos(a) + RINGS.noise * rng.normal(), r * Math.sin(a) + RINGS.noise * rng.normal());
      labels.push(label);
    }
  return { x: Float64Array.from(x), labels };
}

/** The accuracy of the best straight line through 2-D points for two classes: every direction (1° steps), every cut. */
export function bestLinearSplit(points: ArrayLike<number>, labels: readonly number[]): number {
  const n = labels.length;
  let best = 0;
  for (let deg = 0; deg < 180; deg++) {
    const a = (deg * Math.PI) / 180;
    const t = Array.from({ length: n }, (_, i) => ({ v: points[2 * i]! * Math.cos(a) + points[2 * i + 1]! * Math.sin(a), c: labels[i]! }));
    t.sort((p, q) => p.v - q.v);
    // Class 0 on the left of a cut, class 1 on the right (or the other way round): count both as the cut moves.
    let left0 = 0, left1 = 0;
    const total1 = labels.filter((c) => c === 1).length, total0 = n - total1;
    for (let i = 0; i <= n; i++) {
      const right1 = total1 - left1, right0 = total0 - left0;
      best = Math.max(best, (left0 + right1) / n, (left1 + right0) / n);
      if (i < n) t[i]!.c === 0 ? left0++ : left1++;
    }
  }
  return best;
}

/** Sums of float32 numbers three ways, each rounding every partial sum to float32 as a float32 accumulator does. */
const f32 = Math.fround;
function runningSum(v: ArrayLike<number>, from = 0, to = v.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s = f32(s + v[i]!);
  return s;
}
function pairwiseSum(v: ArrayLike<number>, from = 0, to = v.length): number {
  if (to - from <= 8) return runningSum(v, from, to);
  const mid = (from + to) >> 1;
  return f32(pairwiseSum(v, from, mid) + pairwiseSum(v, mid, to));
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'full-n': { type: 'string', default: '1000' }, out: { type: 'string', default: 'src/components/figures/autoencoders/kernel-pca/kernel-pca-figure.json' } } });
  const fullN = Number(values['full-n']);
  const load = loadavg()[0]!;

  // The rings and their embeddings.
  const r = rings();
  const n2 = r.labels.length;
  const ringPanels = RING_GAMMAS.map((gamma) => {
    const { embedding, eigenvalues } = kernelPcaReference(r.x, n2, 2, 2, gamma);
    return { gamma, points: Array.from(embedding, (v) => Number(v.toFixed(4))), eigenvalues: Array.from(eigenvalues), splitAccuracy: bestLinearSplit(embedding, r.labels) };
  });
  const inputSplit = bestLinearSplit(r.x, r.labels);
  console.log(`rings: best straight split on the input ${inputSplit.toFixed(3)}; on kernel PCA's first two components: ${ringPanels.map((p) => `γ ${p.gamma} ${p.splitAccuracy.toFixed(3)}`).join(', ')}`);

  // The grand mean of the digits' kernel, six ways.
  const set = await loadImageSet('digits-8x8');
  const [all] = drawDigits(set, [set.n], 1, 'kernel-pca-figure');
  const { x, n, features } = all!;
  const gamma = 1 / features;
  const k64 = rbfKernel(x, n, features, gamma);
  const k32 = Float32Array.from(k64);
  // The squared distances between distinct digits, read back from the kernel (d² = −ln K / γ): the quantiles say
  // what γ = 1/64 does to them, and the share above 20/256 is the share of pairs whose kernel would be below e^−20 on
  // the raw 0–16 grey levels (every squared distance 16² = 256 times larger).
  const d2: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) d2.push(-Math.log(k64[i * n + j]!) / gamma);
  d2.sort((a, b) => a - b);
  const quantile = (p: number) => d2[Math.floor(p * (d2.length - 1))]!;
  const distances = { p10: quantile(0.1), p50: quantile(0.5), p90: quantile(0.9), rawShareBelowEMinus20: d2.filter((v) => gamma * v * 256 > 20).length / d2.length };
  console.log(`squared distances between digits: 10 % ${distances.p10.toFixed(2)}, median ${distances.p50.toFixed(2)}, 90 % ${distances.p90.toFixed(2)}; on raw grey levels the kernel is below e^−20 for ${(100 * distances.rawShareBelowEMinus20).toFixed(1)} % of pairs`);
  let exact = 0;
  for (let i = 0; i < k32.length; i++) exact += k32[i]!;
  exact /= k32.length;
  const rowSums = Float32Array.from({ length: n }, (_, i) => runningSum(k32, i * n, (i + 1) * n));
  const tf = await useNodeBackend('wasm');
  const tfMean = () => {
    const t = tf.tensor2d(k32, [n, n]);
    const m = tf.mean(t);
    const v = m.dataSync()[0]!;
    tf.dispose([t, m]);
    return v;
  };
  uninstallWasmPatches(tf);
  const stockMean = tfMean();
  installWasmPatches(tf);
  const patchedMean = tfMean();
  const ways = {
    float64: exact,
    float32Running: runningSum(k32) / k32.length,
    float32RowsFirst: f32(runningSum(rowSums) / n / n),
    float32Pairwise: pairwiseSum(k32) / k32.length,
    stockWasmMean: stockMean,
    patchedWasmMean: patchedMean,
  };
  const accumulation = Object.fromEntries(Object.entries(ways).map(([name, v]) => [name, { mean: v, error: v - exact, spuriousEigenvalue: n * Math.abs(v - exact) }]));
  console.log(`digits kernel (${n}×${n} = ${n * n} entries, γ = 1/${features}) grand mean:`);
  for (const [name, a] of Object.entries(accumulation)) console.log(`  ${name.padEnd(18)} ${a.mean.toFixed(7)}  error ${a.error.toExponential(2)}  spurious eigenvalue ${a.spuriousEigenvalue.toFixed(3)}`);

  // Speed.
  const ctx = { seed: 1, backend: 'wasm', rng: undefined as never, report: () => {}, log: () => {} };
  const input = { x, n, features, rows: all!.rows, cols: all!.cols, k: 5 };
  let t0 = performance.now();
  const out = await kernelPca(input, ctx);
  await out.data();
  out.dispose();
  const tfjsSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const ref = kernelPcaReference(x, n, features, 5, gamma);
  const referenceSeconds = (performance.now() - t0) / 1000;
  const [sub] = drawDigits(set, [fullN], 1, 'kernel-pca-figure');
  t0 = performance.now();
  const kc = centreKernel(rbfKernel(sub!.x, fullN, features, gamma), fullN);
  const kernelFullNSeconds = (performance.now() - t0) / 1000;
  // The two eigensolvers on the same centred kernel, timed without building it.
  t0 = performance.now();
  const top = topEigenpairs(kc, fullN, 5);
  const subspaceFullNSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const full = symmetricEigen(new Matrix(Array.from({ length: fullN }, (_, i) => Array.from(kc.subarray(i * fullN, (i + 1) * fullN)))));
  const fullSeconds = (performance.now() - t0) / 1000;
  const topAgree = Math.max(...Array.from(top.values, (v, c) => Math.abs(v - full.values[c]!) / full.values[c]!));
  const speed = { n, k: 5, tfjsSubspaceSeconds: tfjsSeconds, referenceSubspaceSeconds: referenceSeconds, referenceSweeps: ref.sweeps, fullN, kernelAtFullNSeconds: kernelFullNSeconds, subspaceAtFullNSeconds: subspaceFullNSeconds, subspaceSweeps: top.sweeps, fullEigSeconds: fullSeconds, topEigenvalueAgreement: topAgree, loadAverage: load };
  console.log(`speed (load average ${load.toFixed(1)}): tfjs solution on ${n} digits ${tfjsSeconds.toFixed(2)} s; float64 reference ${referenceSeconds.toFixed(2)} s (${ref.sweeps} sweeps); at n = ${fullN}: kernel ${kernelFullNSeconds.toFixed(2)} s, then subspace iteration ${subspaceFullNSeconds.toFixed(2)} s (${top.sweeps} sweeps) against a full ml-matrix eig ${fullSeconds.toFixed(1)} s (top-5 eigenvalues agree to ${topAgree.toExponential(1)})`);

  const figure = {
    provenance: provenance('scripts/autoencoders/kernel-pca-figure.ts', `node scripts/with-node.mjs node scripts/autoencoders/kernel-pca-figure.ts --full-n ${fullN} --out ${values.out}`),
    rings: { ...RINGS, points: Array.from(r.x, (v) => Number(v.toFixed(4))), labels: r.labels, inputSplitAccuracy: inputSplit, panels: ringPanels },
    accumulation: { n, entries: n * n, gamma, ways: accumulation },
    distances,
    speed,
  };
  writeFileSync(values.out!, JSON.stringify(figure) + '\n');
  console.log(`wrote ${values.out}`);
}
