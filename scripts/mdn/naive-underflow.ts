/**
 * Where the original post's MDN loss breaks, measured in real float32 tfjs: −log Σ_k π_k N(y | μ_k, σ_k) computed
 * as written (the density exp(−½ z²) / (σ √2π), times π, summed, then −log) against the log-domain form
 * (−logSumExp of log π + log N) and the float64 truth (graders/mdn/conditional-mixture.ts), for one component at
 * distances z = |y − μ| / σ from 0 to 20 in steps of 0.01, for several σ and weights π. For each it records the
 * first z where the original's form gives Infinity, the true NLL there, and the log-domain form's worst relative
 * error over the whole scan. The "The mixture density network" lesson quotes these numbers and its test checks them.
 *
 *   node scripts/with-node.mjs node scripts/mdn/naive-underflow.ts [--cpu]
 *       writes src/components/figures/mdn/the-mdn/naive-underflow.json (provenance first; --cpu writes nothing,
 *       it prints the same table on the CPU backend for comparison).
 */
import { writeFileSync } from 'node:fs';
import { mixtureLogDensity, type ConditionalMixture } from '../../graders/mdn/conditional-mixture.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { nllVariants, runVariant } from './mdn-nll-variants.ts';

const script = 'scripts/mdn/naive-underflow.ts';
const out = 'src/components/figures/mdn/the-mdn/naive-underflow.json';

/** Distances scanned, in standard deviations. */
const STEP = 0.01, FAR = 20;
/** The settings measured: the original's ordinary case (π = 1, σ = 1), collapsed σ, and a small weight. */
export const settings = [
  { pi: 1, sigma: 1 },
  { pi: 1, sigma: 1e-2 },
  { pi: 1, sigma: 1e-6 },
  { pi: 1e-10, sigma: 1 },
] as const;

export interface UnderflowRow {
  pi: number;
  sigma: number;
  /** The first scanned z at which the original's form is not finite (null: finite all the way to FAR). */
  firstInfiniteZ: number | null;
  /** The float64 NLL at that z (nats, ½ log 2π included). */
  trueNllThere: number | null;
  /** The log-domain float32 form's worst relative error (against max(|NLL|, 1)) over the whole scan. */
  stableMaxRelativeError: number;
}

/** One setting scanned on `tf`: n rows of one component at μ = 0, y = z σ. */
export function scan(tf: Parameters<typeof runVariant>[0], pi: number, sigma: number): UnderflowRow {
  const z = Array.from({ length: Math.round(FAR / STEP) + 1 }, (_, i) => Number((i * STEP).toFixed(2)));
  const n = z.length;
  const input = { pi: z.map(() => [Math.fround(pi)]), mu: z.map(() => [0]), sigma: z.map(() => [Math.fround(sigma)]), y: z.map((t) => Math.fround(t * Math.fround(sigma))), n, k: 1 };
  const m: ConditionalMixture = { n, k: 1, pi: Float64Array.from(input.pi.flat()), mu: new Float64Array(n), sigma: Float64Array.from(input.sigma.flat()) };
  const truth = mixtureLogDensity(m, input.y).map((v) => -v);
  const naive = runVariant(tf, nllVariants['exp, sum, then log (the original)']!, input);
  const stable = runVariant(tf, nllVariants['logsumexp (right)']!, input);
  const first = naive.findIndex((v) => !Number.isFinite(v));
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(stable[i]! - truth[i]!) / Math.max(Math.abs(truth[i]!), 1));
  return { pi, sigma, firstInfiniteZ: first < 0 ? null : z[first]!, trueNllThere: first < 0 ? null : Number(truth[first]!.toFixed(3)), stableMaxRelativeError: Number(worst.toPrecision(3)) };
}

if (import.meta.main) {
  const cpu = process.argv.includes('--cpu');
  const tf = await useNodeBackend(cpu ? 'cpu' : 'wasm');
  const rows = settings.map((s) => scan(tf, s.pi, s.sigma));
  for (const r of rows) console.log(`π ${r.pi}, σ ${r.sigma}: Infinity from z = ${r.firstInfiniteZ} (true NLL ${r.trueNllThere}); log-domain worst relative error ${r.stableMaxRelativeError}`);
  if (!cpu) {
    const command = `node scripts/with-node.mjs node ${script}`;
    writeFileSync(out, JSON.stringify({ provenance: provenance(script, command), backend: tf.getBackend(), step: STEP, far: FAR, rows }, null, 1) + '\n');
    console.log(`wrote ${out}`);
  }
}
