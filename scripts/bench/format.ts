/**
 * How `npm run bench` prints: durations, medians, ratios and plain left-aligned tables. Every part prints through
 * these, so the sections read alike and a ratio is always "A / B" with both named.
 */

/** Seconds for a second or more, milliseconds below (the truth-table exercises take a few ms, kernels less). */
export const duration = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(2)} ms`);

/** The middle value (upper middle for an even count): one slow or lucky run does not move it. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** "0.42×" for a ratio of two times; "–" when either is missing. */
export const ratio = (a: number | undefined, b: number | undefined): string => (a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/**
 * The median of the run-by-run ratios a[i] / b[i] of interleaved runs ("1.93×"): pairing keeps the ratio
 * meaningful when a shared machine's speed drifts between runs. "–" without pairs.
 */
export const pairedRatio = (a: readonly number[], b: readonly number[]): string => {
  const r = a.map((x, i) => x / b[i]!).filter((x) => Number.isFinite(x));
  return r.length ? `${median(r).toFixed(2)}×` : '–';
};

/** Prints a section heading and a table: the first row is the header, columns padded to their widest cell. */
export function printTable(title: string, rows: readonly (readonly string[])[], note?: string): void {
  console.log(`\n## ${title}`);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  if (note) console.log(note);
}

/**
 * Median wall time of `step` in ms: after `warmup` untimed calls, repeats until `minMs` of timed work or `maxRuns`
 * calls (at least 3), so a 0.1 ms kernel and a 100 ms one both get a stable median without a long bench.
 */
export function timeStep(step: () => void, { warmup = 2, minMs = 300, maxRuns = 50 } = {}): number {
  for (let i = 0; i < warmup; i++) step();
  const times: number[] = [];
  let total = 0;
  while (times.length < 3 || (total < minMs && times.length < maxRuns)) {
    const t0 = performance.now();
    step();
    const t = performance.now() - t0;
    times.push(t);
    total += t;
  }
  return median(times);
}
