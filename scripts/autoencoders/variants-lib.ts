/**
 * What the module's variant scripts share: grade every named variant of an exercise's solution on each seed (WASM in
 * Node, the exercise's own generator and checks), print min … max of each metric per variant, and optionally write
 * every number after a provenance record, so an exercise.yaml's derivation or a lesson can quote them.
 */
import { writeFileSync } from 'node:fs';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { gradeOnWasm, seedRange, variantOfSolution, type Edit } from '../measure-lib.ts';

/** One variant's grading on one seed. */
export interface VariantRow {
  seed: number;
  status: string;
  seconds: number;
  metrics: Record<string, number>;
  /** The run's error message, when it did not finish (a shape error, say). */
  error?: string;
}

/** Grades each variant on each seed and prints (and with `json`, writes) the results. */
export async function measureVariants(o: {
  exerciseId: string;
  script: string;
  variants: Record<string, Edit[]>;
  metrics: string[];
  seeds: string;
  only?: string;
  json?: string;
}): Promise<Record<string, VariantRow[]>> {
  const seeds = seedRange(o.seeds);
  const names = o.only ? o.only.split('|') : Object.keys(o.variants);
  const out: Record<string, VariantRow[]> = {};
  const range = (v: number[]) => `${fmt(Math.min(...v))} … ${fmt(Math.max(...v))}`;
  console.log(`${o.exerciseId} on seeds ${o.seeds} (WASM in Node); min … max over seeds`);
  for (const name of names) {
    const source = variantOfSolution(o.exerciseId, name, o.variants[name]!);
    const rows: VariantRow[] = [];
    for (const seed of seeds) {
      const { report, seconds, metrics } = await gradeOnWasm(o.exerciseId, source, seed);
      rows.push({ seed, status: report.status, seconds, metrics, ...(report.error ? { error: report.error.message } : {}) });
    }
    out[name] = rows;
    if (o.json) {
      const args = `--seeds ${o.seeds}${o.only ? ` --only '${o.only}'` : ''} --json ${o.json}`;
      writeFileSync(o.json, JSON.stringify({ provenance: provenance(o.script, `node scripts/with-node.mjs node ${o.script} ${args}`), seeds, variants: out }, null, 1) + '\n');
    }
    const cols = o.metrics.map((m) => `${m} ${range(rows.map((r) => r.metrics[m] ?? Infinity))}`).join('  ');
    const err = rows.find((r) => r.error)?.error;
    console.log(`  ${name.padEnd(44)} ${cols}  passed ${rows.filter((r) => r.status === 'passed').length}/${rows.length}  ${range(rows.map((r) => r.seconds))} s${err ? `\n      error: ${err.slice(0, 200)}` : ''}`);
  }
  return out;
}

/** A metric as the summary prints it: 3 significant digits, small ones in exponent form. */
function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : Number(v.toPrecision(3)).toString();
}
