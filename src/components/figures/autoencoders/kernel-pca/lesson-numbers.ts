/**
 * Every number the kernel PCA lesson quotes, computed here from: the rings, the float32 accumulation and the speed
 * measurements (kernel-pca-figure.json, from scripts/autoencoders/kernel-pca-figure.ts), the exercise's variants
 * graded on WASM (kernel-pca-variants.json, from scripts/autoencoders/kernel-pca-variants.ts), and scikit-learn's
 * re-run of the source (reference/results/exp7_digits.json). The page and its test (tests/unit/lessons/kernel-pca.test.ts)
 * read the same values. No tfjs, no DOM.
 */
import original from '../../../../../reference/results/exp7_digits.json';
import variantsFile from './kernel-pca-variants.json';
import { kernelPcaFigure as figure } from './kernel-pca-data.ts';
import { variantRange, type VariantsFile } from '../variant-ranges.ts';

const variants = variantsFile as unknown as VariantsFile;
const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
const sci = (v: number) => v.toExponential(1).replace(/-/g, '−');
const angle = (v: number) => (v < 0.01 ? sci(v) : v.toFixed(1));
const plain = (v: number) => (v < 0.01 ? sci(v) : v.toFixed(2));
const span = ([a, b]: [number, number], f: (v: number) => string) => `${f(a)} to ${f(b)}`;
const deg = (name: string) => span(variantRange(variants, name, 'maxAngleDeg'), angle);
const scale = (name: string) => span(variantRange(variants, name, 'scaleError'), plain);
const ways = figure.accumulation.ways;
const [small, mid, large] = figure.rings.panels;

export const kernelPcaNumbers = {
  /** The rings figure. */
  ringsInput: pct(figure.rings.inputSplitAccuracy),
  gammaSmall: small!.gamma,
  gammaMid: mid!.gamma,
  gammaLarge: large!.gamma,
  splitSmall: pct(small!.splitAccuracy),
  splitMid: pct(mid!.splitAccuracy),
  splitLarge: pct(large!.splitAccuracy),
  /** Squared distances between digits: the middle 80 % of pairs, and the raw grey levels' share of pairs below e^−20. */
  distanceP10: figure.distances.p10.toFixed(0),
  distanceP90: figure.distances.p90.toFixed(0),
  rawBelow: pct(figure.distances.rawShareBelowEMinus20),
  /** The digits' kernel: entries, the float64 grand mean, the errors and the spurious eigenvalues they add. */
  n: figure.accumulation.n,
  entries: `${(figure.accumulation.entries / 1e6).toFixed(1)} million`,
  grandMean: ways.float64.mean.toFixed(4),
  stockError: sci(Math.abs(ways.stockWasmMean.error)),
  stockSpurious: ways.stockWasmMean.spuriousEigenvalue.toFixed(1),
  runningError: sci(Math.abs(ways.float32Running.error)),
  rowsFirstError: sci(Math.abs(ways.float32RowsFirst.error)),
  rowsFirstSpurious: ways.float32RowsFirst.spuriousEigenvalue.toFixed(3),
  patchedError: sci(Math.abs(ways.patchedWasmMean.error)),
  /** Speed, each timed once on a shared, loaded machine (load average recorded): ratios are what to read. */
  speedN: figure.speed.n,
  tfjsSeconds: figure.speed.tfjsSubspaceSeconds.toFixed(1),
  referenceSeconds: figure.speed.referenceSubspaceSeconds.toFixed(1),
  referenceSweeps: figure.speed.referenceSweeps,
  fullN: figure.speed.fullN,
  kernelAtFullN: figure.speed.kernelAtFullNSeconds.toFixed(1),
  subspaceAtFullN: figure.speed.subspaceAtFullNSeconds.toFixed(2),
  subspaceSweeps: figure.speed.subspaceSweeps,
  fullEigSeconds: figure.speed.fullEigSeconds.toFixed(0),
  fullOverSubspace: (figure.speed.fullEigSeconds / figure.speed.subspaceAtFullNSeconds).toFixed(0),
  loadAverage: figure.speed.loadAverage.toFixed(0),
  /** scikit-learn's KernelPCA time on all 1797 digits in the source's pipeline (50 components). */
  sklearnKpcaSeconds: original.summary.all10_pipe_kpca_time_s.mean.toFixed(2),
  /** The exercise's variants (seeds of kernel-pca-variants.json). */
  seeds: `${variants.seeds[0]}–${variants.seeds.at(-1)}`,
  referenceAngle: deg('reference (RBF γ = 1/64, centred, 200 sweeps)'),
  referenceScale: scale('reference (RBF γ = 1/64, centred, 200 sweeps)'),
  notCentredAngle: deg('kernel not centred'),
  rowsOnlyAngle: deg('only the rows centred (K − 1K)'),
  gammaLargeAngle: deg('γ 10× too large'),
  gammaSmallAngle: deg('γ 10× too small'),
  linearAngle: deg('linear kernel (plain PCA)'),
  linearScale: scale('linear kernel (plain PCA)'),
  unscaledScale: scale('eigenvectors not scaled'),
  lambdaScale: scale('scaled by λ, not √λ'),
  oneShotAngle: deg('grand mean in one float32 sum'),
  sweeps20Angle: deg('20 sweeps'),
} as const;
