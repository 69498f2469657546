/** The one rule for "each row is a probability distribution", shared by the runtime and the parent's re-check. */

/** Largest |row sum − 1| accepted: float32 softmax rows of a few classes sum to 1 within far less. */
export const PROBABILITY_TOLERANCE = 1e-2;

/** The first row (of `classes` values each) with a negative value or a sum off 1, or undefined if there is none. */
export function firstNonDistribution(values: ArrayLike<number>, classes: number): { row: number; sum: number } | undefined {
  for (let i = 0; i < values.length / classes; i++) {
    let sum = 0;
    let negative = false;
    for (let j = 0; j < classes; j++) {
      const p = values[i * classes + j]!;
      sum += p;
      negative ||= p < 0;
    }
    if (negative || Math.abs(sum - 1) > PROBABILITY_TOLERANCE) return { row: i, sum };
  }
  return undefined;
}
