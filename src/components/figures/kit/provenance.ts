/**
 * Where a figure's measured numbers come from. A figure that shows numbers too slow to compute at build time (a
 * training run, a sweep over seeds) reads them from a JSON file beside it, and every such file starts with one
 * `provenance` record in this shape: the script that wrote it, the exact command that was run, and the day it was
 * run. The script writes the record itself (with `provenance` below), so rerunning the command refreshes the
 * numbers and their provenance together; the lesson can cite the script from the record.
 */

/** The first key of every measured JSON file under src/components/figures/. */
export interface Provenance {
  /** The script that wrote the file, from the repository root, e.g. "scripts/measure-spiral.ts". */
  script: string;
  /** The command that was run, from the repository root, flags included: running it again rewrites the file. */
  command: string;
  /** The day the measurement ran, as YYYY-MM-DD (UTC). */
  measured: string;
}

/** The record for a measurement that `script` runs now, with `command`. */
export function provenance(script: string, command: string, now: Date = new Date()): Provenance {
  return { script, command, measured: now.toISOString().slice(0, 10) };
}
