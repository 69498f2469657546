/**
 * The numbers behind the "Log-likelihood done right" lesson and its figure: log p along a line out of the module's
 * two-component mixture (A at (−0.5, −0.5), B at (0.5, 0.5), sd 0.25, equal weights), from B's mean out to 60
 * standard deviations along the diagonal, computed four ways:
 *   - float64, log domain (graders/mixtures/log-density.ts): the truth;
 *   - float32 tfjs on WASM, log domain (tf.logSumExp), the exercise's reference form;
 *   - float32 tfjs on WASM, exp then sum then log (the naive form: −Infinity once every term underflows);
 *   - float64 JavaScript, exp then sum then log (underflows too, only further out).
 * The float32 columns come from the variants the exercise is measured with (log-density-variants.ts), so the figure
 * shows what a learner's tfjs computes. Also the float limits and the worked logsumexp example the page quotes.
 *
 *   node scripts/with-node.mjs node scripts/mixtures/log-likelihood-line.ts
 *       writes src/components/figures/mixtures/log-likelihood/underflow-line.json (provenance first).
 */
import { writeFileSync } from 'node:fs';
import type { DiagonalGmm } from '../../graders/mixtures/gmm.ts';
import { componentLogJoint, gmmLogDensity, logSumExp } from '../../graders/mixtures/log-density.ts';
import type { GmmDensityInput } from '../../graders/problems/mixtures/gmm-log-density.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { logDensityVariants } from './log-density-variants.ts';

const script = 'scripts/mixtures/log-likelihood-line.ts';
const out = 'src/components/figures/mixtures/log-likelihood/underflow-line.json';

/** The module's running example (lesson 1): two round Gaussians, equal weights. */
export const lineMixture: DiagonalGmm = { weights: [0.5, 0.5], means: [[-0.5, -0.5], [0.5, 0.5]], stds: [[0.25, 0.25], [0.25, 0.25]] };
/** Distances from B's mean, in B's standard deviations, along the diagonal away from A. */
const STEP = 0.25, FAR = 60;

/** log Σ_k exp(v_k) the naive way, in float64: exp, sum, log. */
function naiveLogSumExp(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i]!);
  return Math.log(s);
}

/** The first distance whose value is −Infinity, or null if none is. */
function firstUnderflow(distances: number[], values: ArrayLike<number>): number | null {
  const i = Array.from(values).findIndex((v) => v === -Infinity);
  return i < 0 ? null : distances[i]!;
}

/** −Infinity does not survive JSON; null stands for it in the file (the model file reads it back). */
const toJson = (values: ArrayLike<number>) => Array.from(values, (v) => (v === -Infinity ? null : Number(v.toPrecision(7))));

if (import.meta.main) {
  const tf = await useNodeBackend('wasm');
  const distances = Array.from({ length: FAR / STEP + 1 }, (_, i) => i * STEP);
  const g = lineMixture, sd = g.stds[1]![0]!, u = Math.SQRT1_2;
  const x = new Float32Array(distances.flatMap((t) => [0.5 + t * sd * u, 0.5 + t * sd * u]));
  const input: GmmDensityInput = { ...g, x, n: distances.length, d: 2 };
  const n = distances.length;
  const exact = gmmLogDensity(g, x, n);
  const joint = componentLogJoint(g, x, n);
  const naive64 = distances.map((_, i) => naiveLogSumExp(joint.subarray(2 * i, 2 * i + 2)));
  const stable32 = logDensityVariants['logsumexp (right)']!(tf, input);
  const naive32 = logDensityVariants['exp, sum, then log']!(tf, input);
  const at = (d: number | null) => (d === null ? null : exact[distances.indexOf(d)]!);

  // The worked example: two component terms far out, where exp of either is 0 in float32 and in float64.
  const terms = [-1250, -1260];
  const result = {
    provenance: provenance(script, `node scripts/with-node.mjs node ${script}`),
    backend: tf.getBackend(),
    mixture: g,
    direction: 'from B’s mean (0.5, 0.5) along (1, 1)/√2, away from A',
    distances,
    float64: toJson(exact),
    stableFloat32: toJson(stable32),
    naiveFloat32: toJson(naive32),
    naiveFloat64: toJson(naive64),
    underflow: {
      naiveFloat32: { distance: firstUnderflow(distances, naive32), logp: at(firstUnderflow(distances, naive32)) },
      naiveFloat64: { distance: firstUnderflow(distances, naive64), logp: at(firstUnderflow(distances, naive64)) },
      stableFloat32: firstUnderflow(distances, stable32),
    },
    worstStableRelativeError: Math.max(...distances.map((_, i) => Math.abs(stable32[i]! - exact[i]!) / Math.max(Math.abs(exact[i]!), 1))),
    // ln of the smallest positive numbers: below these, exp(v) rounds to 0.
    limits: {
      float32Subnormal: Math.log(2 ** -149),
      float32Normal: Math.log(2 ** -126),
      float64Subnormal: Math.log(Number.MIN_VALUE),
      float32ExpOfMinus104: Math.fround(Math.exp(-104)),
    },
    peak: { logp: exact[0]!, density: Math.exp(exact[0]!) },
    example: { terms, naive: naiveLogSumExp(terms), stable: logSumExp(terms), max: Math.max(...terms) },
  };
  writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
  console.log(`wrote ${out}: naive float32 −Infinity from ${result.underflow.naiveFloat32.distance} sd (log p ${result.underflow.naiveFloat32.logp?.toFixed(2)}), naive float64 from ${result.underflow.naiveFloat64.distance} sd (log p ${result.underflow.naiveFloat64.logp?.toFixed(2)}); stable float32 worst relative error ${result.worstStableRelativeError.toExponential(2)}`);
}
