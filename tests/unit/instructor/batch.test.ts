/**
 * `npm run grade -- <submissions-dir>` end to end on the hostile fixture set (tests/fixtures/submissions), with
 * real sandboxed child processes and real tfjs-WASM: every outcome against its golden entry in expected.json,
 * the files written, and that no submission reached the network or another student's grade.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFormat, makeBundle } from '../../../graders/bundle.ts';
import type { GradeReport } from '../../../graders/report.ts';
import { blobsId } from '../../helpers/exercise.ts';
import { writeAttackStudents, writeFrameWriterStudents, writeHonestStudents, writeMistakeStudents } from '../../helpers/solution-students.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';

const fixtures = path.resolve('tests/fixtures/submissions');
const expected = JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as {
  seed: number;
  students: Record<string, { status: GradeReport['status']; kind?: string; message?: string }>;
};
const run = promisify(execFile);
const grade = (...args: string[]) => run(process.execPath, ['instructor/cli.ts', ...args], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 }).then(
  (r) => ({ ...r, code: 0 }),
  (e: { code: number; stdout: string; stderr: string }) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }),
);
const gradeSync = (...args: string[]) => spawnSync(process.execPath, ['instructor/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

interface Graded {
  student: string;
  displayName?: string;
  reports: Record<string, GradeReport>;
  total: number;
  status: string;
  notes: string[];
}

let dir: string;
let out: string;
let result: { stdout: string; stderr: string; code: number };
let graded: { seed: number; students: Graded[] };
let server: Server | null = null;
const requests: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rdl-subs-'));
  cpSync(fixtures, dir, { recursive: true });
  // ada and sam-flat hand in the current reference solution, four attackers wrap it and five students make one
  // classic mistake in it (none stored, so they cannot go stale); three forge frames after one shared preamble.
  writeHonestStudents(dir);
  writeAttackStudents(dir);
  writeMistakeStudents(dir);
  writeFrameWriterStudents(dir);
  // pia hands in the zip from the site's "Download my work", dropped in the folder as <student>.zip.
  writeFileSync(
    path.join(dir, 'pia.zip'),
    makeBundle({ [blobsId]: loadExercise(blobsId).solution }, { format: bundleFormat, version: 1, student: 'Pia P.', exportedAt: new Date().toISOString(), exercises: { [blobsId]: { saved: true, status: 'passed' } } }),
  );
  // kat-network POSTs here; nothing may arrive. (If the port is taken, the fetch still must fail: see its golden.)
  server = await new Promise<Server | null>((resolve) => {
    const s = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.end('ok');
    });
    s.once('error', () => resolve(null));
    s.listen(18765, '127.0.0.1', () => resolve(s));
  });
  out = path.join(dir, 'out');
  // --timeout 20: the endless loop costs 20 s; honest solutions take 2–12 s here even with other tests running.
  // --exercise: the fixtures are all for the blobs exercise; the other columns would only add self-check time.
  result = await grade(dir, '--seed', String(expected.seed), '--jobs', '2', '--timeout', '20', '--exercise', blobsId, '--out', out);
  graded = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8'));
}, 600_000);

afterAll(() => {
  server?.close();
});

describe('batch grading of the hostile fixture set', () => {
  it('runs to the end with exit code 0, a summary table and a throughput line', () => {
    expect(result.stderr).not.toMatch(/Error:|Self-check failed/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/│ student\s+│ 01-softmax-blobs │ total │ status\s+│/);
    expect(result.stdout).toMatch(/│ ada\s+│ ✓ 1\s+│ 1\/1\s+│ passed/);
    expect(result.stdout).toMatch(/40 students, 39 submissions graded in [\d.]+ s \([\d.]+\/min, 2 jobs, secret seed\)/);
  });

  it('has a golden entry for every student and nothing else', () => {
    expect(graded.students.map((s) => s.student).sort()).toEqual(Object.keys(expected.students).sort());
  });

  it.each(Object.entries(expected.students))('%s: %j', (student, want) => {
    const s = graded.students.find((x) => x.student === student)!;
    const r = s.reports[blobsId]!;
    expect(r.status).toBe(want.status);
    expect(r.score).toBe(want.status === 'passed' ? 1 : 0);
    expect(r.seed).toBe(expected.seed);
    if (want.kind) expect(r.error?.kind).toBe(want.kind);
    if (want.message) expect(r.error?.message ?? r.checks.find((c) => !c.passed)?.message).toContain(want.message);
  });

  it('no request reached the network', () => {
    if (server) expect(requests).toEqual([]);
  });

  it("hostile neighbours change nobody's grade: every honest copy of the solution gets identical metrics", () => {
    const values = ['ada', 'pia', 'sam-flat'].map((n) => graded.students.find((s) => s.student === n)!.reports[blobsId]!.checks.map((c) => c.value));
    expect(values[1]).toEqual(values[0]);
    expect(values[2]).toEqual(values[0]);
  });

  it('keeps only the first few hundred lines a submission prints', () => {
    const logs = graded.students.find((s) => s.student === 'qin-log-flood')!.reports[blobsId]!.logs;
    expect(logs.length).toBeLessThanOrEqual(302);
    expect(logs.at(-1)).toBe('… (further output dropped)');
  });

  it('prints values String() cannot print as placeholders, and grades the run honestly', () => {
    const r = graded.students.find((s) => s.student === 'chan-log-objects')!.reports[blobsId]!;
    // console.log writes a plain object as JSON (its throwing toString, a function, is left out, as JSON does);
    // ctx.log takes text, and a value String() throws on becomes Object.prototype.toString's.
    expect(r.logs.slice(0, 4)).toEqual(['{}', 'Symbol(s) {}', '[unprintable value]', '[object Object]']);
  });

  it('clips an enormous printed line and error message before they reach the grader', () => {
    const r = graded.students.find((s) => s.student === 'uma-huge-output')!.reports[blobsId]!;
    expect(r.logs[0]).toMatch(/^x{1960}… \(49998040 more characters\)$/);
    expect(r.error!.message.length).toBeLessThan(2200);
    expect(r.error!.message).toContain('more characters)');
  });

  it('writes grades.csv with student, one column per exercise, total, status and notes', () => {
    const lines = readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(`student,${blobsId},total,status,notes`);
    expect(lines).toHaveLength(1 + Object.keys(expected.students).length);
    expect(lines).toContain('ada,1,1,passed,');
    expect(lines).toContain('fay-endless,0,0,"0/1 passed, 1 error",');
    expect(lines).toContain('ray-nothing,0,0,"0/1 passed, 1 not submitted",scratch.ts matches no exercise (ignored)');
  });

  it('writes grades.json with every GradeReport, the options and the manifest name of a bundle', () => {
    expect(graded.seed).toBe(expected.seed);
    for (const s of graded.students) expect(Object.keys(s.reports[blobsId]!).sort()).toEqual(['backend', 'checks', 'durationMs', 'error', 'exerciseId', 'logs', 'maxScore', 'score', 'seed', 'status']);
    expect(graded.students.find((s) => s.student === 'pia')!.displayName).toBe('Pia P.');
    expect(graded.students.find((s) => s.student === 'ray-nothing')!.notes).toEqual(['scratch.ts matches no exercise (ignored)']);
  });

  it('writes a feedback file per student that explains the grade without revealing the seed', () => {
    const files = readdirSync(path.join(out, 'feedback')).sort();
    expect(files).toEqual(Object.keys(expected.students).map((s) => `${s}.md`).sort());
    const mia = readFileSync(path.join(out, 'feedback', 'mia-hardcoded.md'), 'utf8');
    expect(mia).toMatch(/^# Feedback for mia-hardcoded\n\nScore: 0\/1/);
    expect(mia).toMatch(/Test accuracy is 0\.\d+, below 0\.83/);
    expect(mia).toMatch(/FAILED .* secret seed/);
    for (const f of files) expect(readFileSync(path.join(out, 'feedback', f), 'utf8')).not.toMatch(new RegExp(`seed ${expected.seed}\\b`));
    expect(readFileSync(path.join(out, 'feedback', 'ray-nothing.md'), 'utf8')).toMatch(/Not submitted.*\n[\s\S]*scratch\.ts matches no exercise/);
  });

  it('shows student-controlled text in feedback as text: no heading, link, image or HTML of theirs survives', () => {
    for (const student of ['out-hostile-text', 'out-zip-names']) {
      const md = readFileSync(path.join(out, 'feedback', `${student}.md`), 'utf8');
      // Outside code fences (whose opening run of backticks is longer than any inside), only our own headings.
      const outside = md.split('\n').filter((_, i, lines) => {
        let open = '';
        for (const l of lines.slice(0, i)) {
          const m = /^(`{3,})/.exec(l);
          if (m && (!open || m[1] === open)) open = open ? '' : m[1]!;
        }
        return !open && !/^`{3,}/.test(lines[i]!);
      });
      for (const line of outside) {
        expect(line, student).not.toMatch(/<img|<script|\]\(javascript|\x1b/);
        if (line.startsWith('#')) expect(line, student).toMatch(/^# Feedback for |^## /);
      }
      expect(md).not.toContain('\x1b');
    }
    const text = readFileSync(path.join(out, 'feedback', 'out-hostile-text.md'), 'utf8');
    expect(text).toContain('# Feedback for out-hostile-text \\(\\`\\`\\` ⏎ \\# A\\+ &lt;img src=x onerror=alert\\(1\\)&gt; \\[x\\]\\(javascript:alert\\(1\\)\\)\\\\x1b\\[31m\\)\n');
    expect(text).toMatch(/\n`{6}text\n[^`]*Your code threw Error: ``` \n/);
    const zipNotes = graded.students.find((s) => s.student === 'out-zip-names')!.notes;
    expect(zipNotes).toContain('out-zip-names.zip:<img src=x onerror=alert(1)>.ts matches no exercise (ignored)');
  });
});

describe('the grading seed', () => {
  it('hard-coded outputs pass on the public seed only: --seed changes the hidden data', () => {
    const mia = path.join(fixtures, 'mia-hardcoded', `${blobsId}.ts`);
    const pub = gradeSync('-e', blobsId, '-f', mia, '--json');
    expect(JSON.parse(pub.stdout)).toMatchObject({ status: 'passed', seed: 42 });
    // The batch above graded ada (the reference solution) on seed 7; on the public seed its test accuracy is 0.881.
    const ada = graded.students.find((s) => s.student === 'ada')!.reports[blobsId]!;
    expect(ada.seed).toBe(expected.seed);
    expect(ada.checks[0]!.value).not.toBeCloseTo(0.881, 3);
  });

  it('reads a secret seed from --seed-file; the self-check catches settings the reference cannot pass', async () => {
    const seedFile = path.join(dir, 'secret-seed.txt');
    const secretHex = '0123456789abcdef'.repeat(4);
    writeFileSync(seedFile, `rdl-secret-v1:${secretHex}\n`);
    const r = await grade(fixtures, '--seed-file', seedFile, '--timeout', '0.5', '--out', path.join(dir, 'never'));
    expect(r.stderr).toMatch(/Self-check failed: the reference solution does not pass[\s\S]*timeout|Stopped after/);
    expect(r.stderr).toMatch(/secret seed/);
    expect(r.stderr + r.stdout).not.toContain(secretHex.slice(0, 16));
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, 'never', 'grades.csv'))).toBe(false);
  });
});

describe('batch usage errors exit with code 2', () => {
  it.each([
    [['/no/such/dir'], /No such submissions folder: \/no\/such\/dir/],
    [[fixtures, '--seed', 'abc'], /--seed must be an integer from 0 to 9007199254740991/],
    [[fixtures, '--seed', '1', '--seed-file', 'x'], /Give --seed or --seed-file, not both/],
    [[fixtures, '--seed-file', '/no/seed.txt'], /No such seed file/],
    [[fixtures, '--seed-file', 'package.json'], /The seed file package.json has [0-9]+ lines besides comments; it must hold one secret/],
    [[fixtures, '--seed-file', '.nvmrc'], /The seed file .nvmrc holds an integer seed, the old format/],
    [[fixtures, '--jobs', '0'], /--jobs must be a positive integer/],
    [[fixtures, '--memory', '512'], /--memory must be a positive integer ≥ 1536/],
    [[fixtures, '--exercise', 'no/such'], /Unknown exercise "no\/such"/],
    [[fixtures, '--solution'], /leave them out when grading a folder/],
    [['-e', blobsId, '--solution', '--out', 'x'], /--out is for grading a folder/],
  ])('%j', (args, message) => {
    const r = gradeSync(...args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage:/);
    expect(r.status).toBe(2);
  });

  it('--help documents batch mode', () => {
    const r = gradeSync('--help');
    for (const flag of ['<submissions-dir>', '--out', '--jobs', '--timeout', '--memory', '--seed-file', '--new-seed-file', '--gradescope', 'grades.csv']) expect(r.stdout).toContain(flag);
    expect(r.status).toBe(0);
  });
});
