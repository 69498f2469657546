/**
 * Reading the module's variant measurements (the JSON that scripts/autoencoders/*-variants.ts write with --json):
 * the min and max of one metric of one variant over the seeds, for the lesson numbers and their tests. No DOM.
 */

/** What a variants JSON holds after its provenance record. */
export interface VariantsFile {
  seeds: number[];
  variants: Record<string, { seed: number; status: string; seconds: number; metrics: Record<string, number | null> }[]>;
}

/** [min, max] of `metric` for the variant named `name` over the seeds (a missing or non-finite value is Infinity). */
export function variantRange(file: VariantsFile, name: string, metric: string): [number, number] {
  const rows = file.variants[name];
  if (!rows) throw new Error(`no variant "${name}" in the measurements (${Object.keys(file.variants).join(', ')})`);
  const values = rows.map((r) => r.metrics[metric] ?? Infinity).map((v) => (Number.isFinite(v) ? v : Infinity));
  return [Math.min(...values), Math.max(...values)];
}
