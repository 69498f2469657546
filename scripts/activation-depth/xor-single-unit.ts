/**
 * The neuron lesson's claim that no single sigmoid unit computes XOR, checked by brute force over a grid of
 * weights. Only the unit tests use it (it is far too slow for the page), so it lives outside
 * src/components/figures/.
 */
import { corners, unitOutput, type Unit } from '../../src/components/figures/activation-depth/neuron/neuron-model.ts';

/**
 * The best a single sigmoid unit can do on XOR over a grid of weights and biases: the smallest worst-corner error
 * max |σ(z) − XOR| and where it is reached. The lesson proves it can never be below 0.5.
 */
export function bestSingleUnitXor(range = 30, step = 0.5): { error: number; unit: Unit } {
  const xor = [0, 1, 1, 0];
  let best = { error: Infinity, unit: { w1: 0, w2: 0, b: 0 } };
  const n = Math.round((2 * range) / step);
  for (let i = 0; i <= n; i++)
    for (let j = 0; j <= n; j++)
      for (let k = 0; k <= n; k++) {
        const u = { w1: -range + i * step, w2: -range + j * step, b: -range + k * step };
        let error = 0;
        for (let c = 0; c < 4; c++) error = Math.max(error, Math.abs(unitOutput(u, corners[c]![0], corners[c]![1]) - xor[c]!));
        if (error < best.error) best = { error, unit: u };
      }
  return best;
}
