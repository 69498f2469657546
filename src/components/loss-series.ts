/**
 * The data behind the live loss chart (loss-chart.ts), kept apart from uPlot so it is tested without a DOM: one
 * point per step, the training loss, and the validation loss where the learner reported one (null elsewhere, so
 * uPlot leaves a gap or, with spanGaps, joins the points a learner reports every few epochs).
 */
export class LossSeries {
  readonly steps: number[] = [];
  readonly losses: number[] = [];
  readonly valLosses: (number | null)[] = [];
  /** Whether any validation loss has arrived (the chart adds its second series then, not before). */
  hasValidation = false;

  /**
   * Adds a point. Steps increase: a point for the last step replaces it (the runtime re-sends the newest point
   * with a held-back live frame), and one for an earlier step, which a late live frame can carry, is ignored.
   * Returns whether the series changed.
   */
  push(step: number, loss: number, valLoss?: number): boolean {
    const last = this.steps.length - 1;
    if (last >= 0 && step < this.steps[last]!) return false;
    const val = valLoss ?? null;
    if (val !== null) this.hasValidation = true;
    if (last >= 0 && step === this.steps[last]) {
      this.losses[last] = loss;
      this.valLosses[last] = val ?? this.valLosses[last]!;
      return true;
    }
    this.steps.push(step);
    this.losses.push(loss);
    this.valLosses.push(val);
    return true;
  }

  /** uPlot's data: x, the training loss, and the validation loss once there is one. */
  data(): [number[], ...(number | null)[][]] {
    return this.hasValidation ? [this.steps, this.losses, this.valLosses] : [this.steps, this.losses];
  }
}

/**
 * The loss axis's range: the data's, widened to take in every reference line (so a noise floor under the curve
 * shows), padded by 5 % (linear) or a factor 1.3 (log; references at 0 or below are left out there).
 */
export function lossRange(min: number, max: number, references: readonly { value: number }[], log: boolean): [number, number] {
  const values = references.map((r) => r.value).filter((v) => !log || v > 0);
  const lo = Math.min(min, ...values), hi = Math.max(max, ...values);
  if (log) return [lo / 1.3, hi * 1.3];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}
