import type { Rng } from '../rng.ts';

/** 0 … n−1 in a random order (Fisher–Yates), so generated rows are not sorted by class. */
export function shuffledOrder(n: number, rng: Rng): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
