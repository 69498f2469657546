/**
 * The parts of batch grading that need no grading run: the site's bundle format, finding submissions in a
 * folder, and the files written for the LMS and Gradescope.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bundleFormat, makeBundle, matchExercise, maxSourceBytes, readBundle, type BundleManifest } from '../../../../graders/bundle.ts';
import { discoverSubmissions } from '../../../../instructor/batch/discover.ts';
import { notSubmittedReport, pool, studentStatus, type StudentResult } from '../../../../instructor/batch/grade-batch.ts';
import { feedbackText, gradescopeResults, gradesCsv, safeFileName, type BatchInfo } from '../../../../instructor/batch/outputs.ts';
import { loadExercise } from '../../../../graders/exercise-files.ts';
import type { GradeReport } from '../../../../graders/report.ts';
import { blobsId } from '../../../helpers/exercise.ts';

const manifest = (student = 'Ada L.'): BundleManifest => ({ format: bundleFormat, version: 1, student, exportedAt: '2025-01-01T00:00:00.000Z', exercises: { [blobsId]: { saved: true, status: 'passed' } } });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'rdl-batch-'));
const ids = [blobsId, '02-mdn/03-train-mdn', '02-mdn/01-mixtures'];

describe('bundle format (Download my work)', () => {
  it('round-trips code and manifest', () => {
    const b = readBundle(makeBundle({ [blobsId]: 'export const a = 1;\n' }, manifest()));
    expect(b.problems).toEqual([]);
    expect(b.manifest).toMatchObject({ format: bundleFormat, version: 1, student: 'Ada L.' });
    expect([...b.files]).toEqual([[`${blobsId}.ts`, 'export const a = 1;\n']]);
  });

  it('drops one wrapping folder, ignores path traversal, other files and oversized entries', () => {
    const zip = zipSync({
      'rdl-work-ada/04-activation-depth/01-softmax-blobs.ts': strToU8('ok'),
      'rdl-work-ada/../../evil.ts': strToU8('no'),
      'rdl-work-ada/readme.txt': strToU8('no'),
      'rdl-work-ada/big.ts': new Uint8Array(maxSourceBytes + 1),
    });
    const b = readBundle(zip);
    expect([...b.files.keys()]).toEqual([`${blobsId}.ts`]);
    expect(b.problems.join()).toMatch(/skipped rdl-work-ada\/big\.ts/);
  });

  it('reports a file that is not a zip instead of throwing', () => {
    expect(readBundle(strToU8('not a zip')).problems[0]).toMatch(/not a readable zip/);
  });

  it.each([
    ['04-activation-depth/01-softmax-blobs.ts', blobsId],
    ['work/04-activation-depth/01-softmax-blobs.ts', blobsId],
    ['01-softmax-blobs.ts', blobsId],
    ['03-train-mdn.ts', '02-mdn/03-train-mdn'],
    ['softmax-blobs.ts', undefined],
    ['02-mdn/99-nope.ts', undefined],
  ])('matches %s to %s', (p, id) => {
    expect(matchExercise(p, ids)).toBe(id);
  });

  it('does not match a bare file name that two exercises share', () => {
    expect(matchExercise('01-a.ts', ['m1/01-a', 'm2/01-a'])).toBeUndefined();
  });
});

describe('discoverSubmissions', () => {
  it('reads student folders and zips, names students by folder or zip, and notes what it skipped', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'alice', '04-activation-depth'), { recursive: true });
    writeFileSync(path.join(dir, 'alice', '04-activation-depth', '01-softmax-blobs.ts'), 'alice');
    writeFileSync(path.join(dir, 'alice', 'notes.ts'), 'x');
    writeFileSync(path.join(dir, 'alice', 'manifest.json'), JSON.stringify(manifest('Alice A.')));
    writeFileSync(path.join(dir, 'bob.zip'), makeBundle({ [blobsId]: 'bob' }, manifest('Bob B.')));
    mkdirSync(path.join(dir, 'cy'));
    writeFileSync(path.join(dir, 'cy', '01-softmax-blobs.ts'), 'cy loose');
    writeFileSync(path.join(dir, 'cy', 'rdl-work.zip'), makeBundle({ [blobsId]: 'cy zipped' }, manifest('Cy')));
    writeFileSync(path.join(dir, 'stray.ts'), 'x');
    writeFileSync(path.join(dir, 'broken.zip'), 'not a zip');

    const { students, notes } = discoverSubmissions(dir, ids);
    expect(students.map((s) => s.student)).toEqual(['alice', 'bob', 'broken', 'cy']);
    const [alice, bob, broken, cy] = students;
    expect(alice!.files.get(blobsId)!.source).toBe('alice');
    expect(alice!.notes).toEqual(['notes.ts matches no exercise (ignored)']);
    expect(alice!.displayName).toBe('Alice A.'); // an unzipped download keeps its manifest
    expect(bob!.files.get(blobsId)).toEqual({ source: 'bob', origin: `bob.zip:${blobsId}.ts` });
    expect(bob!.displayName).toBe('Bob B.');
    expect(broken!.files.size).toBe(0);
    expect(broken!.notes[0]).toMatch(/broken\.zip: not a readable zip/);
    // A loose file wins over a zip's copy, and the duplicate is reported.
    expect(cy!.files.get(blobsId)!.source).toBe('cy loose');
    expect(cy!.notes[0]).toMatch(/two submissions for .*: graded 01-softmax-blobs\.ts, ignored rdl-work\.zip/);
    expect(notes[0]).toMatch(/stray\.ts is directly in the submissions folder/);
  });
});

describe('outputs', () => {
  const ex = loadExercise(blobsId);
  const passed: GradeReport = { exerciseId: blobsId, status: 'passed', score: 1, maxScore: 1, seed: 123456, backend: 'wasm', durationMs: 1500, checks: [], error: null, logs: [] };
  const student = (name: string, r: GradeReport): StudentResult => ({ student: name, reports: { [blobsId]: r }, total: r.score, maxTotal: 1, status: studentStatus([r]), notes: [] });
  const info: BatchInfo = { exercises: [ex], seed: 123456, secretSeed: true, jobs: 2, memoryMb: 4096, backend: 'wasm', durationMs: 4200, notes: [] };

  it('grades.csv has student, a column per exercise, total, status and notes; quotes and defuses odd names', () => {
    const csv = gradesCsv([student('ada', passed), student('=HYPERLINK("x"), Bob', notSubmittedReport(ex, 1, 'wasm'))], [ex]);
    expect(csv.split('\n')).toEqual([`student,${blobsId},total,status,notes`, 'ada,1,1,passed,', `"'=HYPERLINK(""x""), Bob",0,0,"0/1 passed, 1 not submitted",`, '']);
    // Notes (last column): one line per row, formula-safe like every cell.
    const noted = gradesCsv([{ ...student('cy', passed), notes: ['=cmd|x', 'two\nlines'] }], [ex]);
    expect(noted.split('\n')[1]).toBe(`cy,1,1,passed,'=cmd|x | two ⏎ lines`);
  });

  it('feedback and Gradescope output never show a secret seed', () => {
    const fb = feedbackText(student('ada', passed), info);
    expect(fb).toMatch(/secret seed/);
    expect(fb).not.toMatch(/123456/);
    const gs = gradescopeResults(student('ada', passed), info);
    expect(JSON.stringify(gs)).not.toMatch(/123456/);
    expect(gs).toMatchObject({ score: 1, execution_time: 4, visibility: 'visible', tests: [{ name: `${ex.meta.title} (${blobsId})`, score: 1, max_score: 1, status: 'passed', visibility: 'visible' }] });
    expect(gs.tests[0]!.output).toMatch(/PASSED .* secret seed/);
  });

  it('status counts each outcome; file names are safe', () => {
    const failed = { ...passed, status: 'failed' as const, score: 0 };
    const error = { ...passed, status: 'error' as const, score: 0 };
    expect(studentStatus([passed, failed, error, notSubmittedReport(ex, 1, 'wasm')])).toBe('1/4 passed, 1 failed, 1 error, 1 not submitted');
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileName('Zoë Ñ/x')).toBe('Zoë_Ñ_x');
  });

  it('pool runs at most `jobs` tasks at once and keeps order', async () => {
    let running = 0;
    let peak = 0;
    const tasks = Array.from({ length: 7 }, (_, i) => async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return i;
    });
    expect(await pool(tasks, 3)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(3);
  });
});
