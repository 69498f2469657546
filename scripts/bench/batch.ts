/**
 * `npm run bench -- --batch-only`: instructor throughput. A temp folder of `students` who each hand in the
 * reference solution of the softmax-blobs exercise (a small trained model: the typical submission, and the same job
 * as earlier measurements, whichever modules exist), graded like `npm run grade -- <dir>` (sandboxed children, default
 * --jobs = cores); prints submissions graded per minute.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { loadExercise } from '../../graders/exercise-files.ts';
import { discoverSubmissions } from '../../instructor/batch/discover.ts';
import { gradeBatch } from '../../instructor/batch/grade-batch.ts';
import { printTable } from './format.ts';

/** The exercise every bench student hands in. */
export const batchExercise = '04-activation-depth/01-softmax-blobs';

export async function benchBatch(o: { students: number }): Promise<void> {
  const ex = loadExercise(batchExercise);
  const dir = mkdtempSync(path.join(tmpdir(), 'rdl-bench-batch-'));
  try {
    for (let i = 1; i <= o.students; i++) {
      const file = path.join(dir, `student-${String(i).padStart(2, '0')}`, `${ex.meta.id}.ts`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, ex.solution);
    }
    const jobs = availableParallelism();
    const t0 = performance.now();
    const results = await gradeBatch(discoverSubmissions(dir, [ex.meta.id]).students, { exercises: [ex], seed: 1234, jobs });
    const s = (performance.now() - t0) / 1000;
    const passed = results.filter((r) => r.status === 'passed').length;
    printTable('Batch grading (sandboxed children, WASM)', [
      ['exercise', 'submissions', 'jobs', 'wall', 'submissions/min', 'passed'],
      [ex.meta.id, String(o.students), String(jobs), `${s.toFixed(1)} s`, ((o.students / s) * 60).toFixed(1), `${passed}/${o.students}`],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
