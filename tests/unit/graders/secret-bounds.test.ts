/**
 * Every exercise's bounds against scripts/secret-bounds.json, the record of scripts/validate-secret-bounds.ts
 * (reference solutions and the formulas the pages give away, on ≥ 100 secrets). Fails when a bound in
 * exercise.yaml changed since the record (rerun the script), when the reference fell outside a bound on some
 * secret, or when a formula answer passed on any.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listExerciseIds, loadExercise } from '../../../graders/exercise-files.ts';

interface RunSummary {
  runs: number;
  passed: number;
  metrics: Record<string, { min: number; max: number; bounds: { min?: number; max?: number } }>;
}
const record = JSON.parse(readFileSync('scripts/secret-bounds.json', 'utf8')) as {
  script: string;
  command: string;
  exercises: Record<string, { count: number; fingerprints: string[]; reference?: RunSummary; wrongAnswers: Record<string, RunSummary>; recorded: string }>;
};

const boundsOf = (id: string) => {
  const b: Record<string, { min?: number; max?: number }> = {};
  for (const c of loadExercise(id).meta.checks) b[c.metric] = { ...(c.min !== undefined && { min: c.min }), ...(c.max !== undefined && { max: c.max }) };
  return b;
};

describe('bounds under secret seeds (scripts/secret-bounds.json)', () => {
  it('has provenance and covers every exercise on at least 100 secrets', () => {
    expect(record.script).toBe('scripts/validate-secret-bounds.ts');
    expect(Object.keys(record.exercises).sort()).toEqual(listExerciseIds().sort());
    for (const [id, e] of Object.entries(record.exercises)) {
      expect(e.count, id).toBeGreaterThanOrEqual(100);
      expect(e.recorded, id).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
  });

  describe.each(Object.entries(record.exercises))('%s', (id, e) => {
    const summaries = [...(e.reference ? [['reference', e.reference] as const] : []), ...Object.entries(e.wrongAnswers)];

    it('was recorded with the bounds exercise.yaml has now', () => {
      for (const [, s] of summaries) for (const [metric, m] of Object.entries(s.metrics)) expect(m.bounds, `${id} ${metric}`).toEqual(boundsOf(id)[metric]);
    });

    it('the reference solution passes on every secret, inside every bound', () => {
      expect(e.reference, `${id}: run scripts/validate-secret-bounds.ts -e ${id}`).toBeDefined();
      const ref = e.reference!;
      expect(ref.runs).toBe(e.count);
      expect(ref.passed).toBe(e.count);
      for (const [metric, m] of Object.entries(ref.metrics)) {
        const b = boundsOf(id)[metric]!;
        if (b.min !== undefined) expect(m.min, `${metric} min`).toBeGreaterThanOrEqual(b.min);
        if (b.max !== undefined) expect(m.max, `${metric} max`).toBeLessThanOrEqual(b.max);
      }
    });
  });

  // Only the exercises whose page gives a formula away have wrong answers recorded (docs/instructors.md §4).
  describe.each(Object.entries(record.exercises).filter(([, e]) => Object.keys(e.wrongAnswers).length))('%s', (_id, e) => {
    it('every formula answer from the page fails on every secret', () => {
      for (const [name, w] of Object.entries(e.wrongAnswers)) {
        expect(w.runs, name).toBe(e.count);
        expect(w.passed, name).toBe(0);
      }
    });
  });
});
