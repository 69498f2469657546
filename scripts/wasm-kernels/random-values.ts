/**
 * Seeded inputs for the WASM kernel measurements (scripts/wasm-kernels/, measure-wasm-reductions.ts) and their
 * conformance tests (tests/helpers/kernel-conformance.ts re-exports it): the same numbers on every backend and run.
 */
import { makeRng } from '../../graders/rng.ts';

/** `n` seeded values, normal(0, scale) (uniform in [0, scale) with `uniform: true`). */
export function randomValues(n: number, seed: number, { scale = 1, uniform = false } = {}): Float32Array {
  const rng = makeRng(seed, 'kernel-conformance');
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = uniform ? rng.uniform() * scale : rng.normal() * scale;
  return out;
}
