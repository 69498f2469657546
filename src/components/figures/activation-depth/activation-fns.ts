/**
 * The scalar activation functions several figures compute with (the activation explorer, the gate explorer, the
 * universal-approximation charts). A module of its own, with no imports, so using them pulls no chart code into a
 * figure's browser bundle.
 */

/** The logistic sigmoid σ(z) = 1 / (1 + e^−z), written so that neither branch overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ReLU(z) = max(0, z). */
export const relu = (z: number): number => (z > 0 ? z : 0);
