/** Plain-text rendering of a GradeReport for terminals (the CLI); the browser renders the same report as HTML. */
import { boundText, errorText, fmt, secondsText, STARTER_UNCHANGED } from '../graders/format.ts';
import type { GradeReport } from '../graders/report.ts';

export function formatReport(r: GradeReport, opts: { color?: boolean } = {}): string {
  const paint = (code: number, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = r.starterUnchanged ? [`  ${STARTER_UNCHANGED}`] : [];
  for (const c of r.checks) {
    lines.push(`  ${c.passed ? paint(32, '✓') : paint(31, '✗')} ${c.label.padEnd(22)} ${fmt(c.value).padStart(7)}  (needs ${boundText(c)})`);
    if (!c.passed) lines.push(`      ${c.message}`, ...(c.details ?? []).map((d) => `        ${d}`));
  }
  // Shown, not graded: a number with what it means (e.g. the same code on a problem no model of its kind solves).
  for (const n of r.notes ?? []) lines.push(`  · ${n.label.padEnd(22)} ${fmt(n.value).padStart(7)}  (not graded)`, `      ${n.message}`);
  if (r.error) lines.push(`  ${paint(31, '✗')} ${r.error.kind}: ${errorText(r.error)}`);
  const verdict = r.status === 'passed' ? paint(32, 'PASSED') : r.status === 'failed' ? paint(31, 'FAILED') : paint(31, 'ERROR');
  lines.push(`${verdict} ${r.exerciseId} — score ${r.score}/${r.maxScore}, ${secondsText(r.durationMs)} on ${r.backend}, ${typeof r.seed === 'number' ? `seed ${r.seed}` : r.seed.replace(/^secret /, 'secret seed ')}`);
  return lines.join('\n');
}
