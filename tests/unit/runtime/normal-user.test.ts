/**
 * An instructor who grades as a normal user (not root) gets no per-child uid (sandbox.ts `sandboxIdentity`), so
 * the permission model and the disabled built-ins are all that stand between a submission and the checkout the
 * grader runs from. Node 26's `node:sqlite` ignored `--permission`: a submission planted an `.npmrc` in the
 * checkout (code execution at the next `npm run`) and a file at the `--out` path, so the final mkdir failed.
 * Here the grader runs as uid 65534 over a copy of the checkout it owns and can write to, and the perm-
 * fixtures try every such write.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeReport } from '../../../graders/report.ts';
import { blobsId } from '../../helpers/exercise.ts';
import { writeHonestStudents } from '../../helpers/solution-students.ts';
import { runGraderProcess } from '../../helpers/grader-cli.ts';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
let base: string;
let copy: string;
let subs: string;

/** Every path under `dir` except node_modules (hard links to the real one) and `skip`. */
function listing(dir: string, skip: string[] = []): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => !p.startsWith('node_modules') && !skip.some((s) => p.startsWith(s)))
    .sort();
}

/** chown -R to nobody, without following into node_modules (its files are hard links to the real checkout's). */
function chownTree(p: string): void {
  chownSync(p, NOBODY, NOBODY);
  for (const e of readdirSync(p, { withFileTypes: true })) {
    const child = path.join(p, e.name);
    if (e.isDirectory()) chownTree(child);
    else chownSync(child, NOBODY, NOBODY);
  }
}

beforeAll(() => {
  if (!isRoot) return;
  base = mkdtempSync(path.join(tmpdir(), 'rdl-normal-user-'));
  chmodSync(base, 0o755);
  copy = path.join(base, 'checkout');
  mkdirSync(copy);
  for (const p of ['package.json', '.nvmrc', 'tsconfig.json', 'instructor', 'graders', 'src', 'exercises']) if (existsSync(p)) cpSync(p, path.join(copy, p), { recursive: true });
  chownTree(copy);
  // Hard links (same file system): the tree costs seconds, not 700 MB; nobody can read but not write them.
  const cp = spawnSync('cp', ['-al', path.resolve('node_modules'), path.join(copy, 'node_modules')]);
  if (cp.status !== 0) throw new Error(`cp -al failed: ${cp.stderr}`);
  subs = path.join(base, 'subs');
  for (const s of ['perm-writes', 'perm-sqlite']) cpSync(path.resolve('tests/fixtures/submissions', s), path.join(subs, s), { recursive: true });
  writeHonestStudents(subs, ['ada']);
  chownTree(subs);
}, 120_000);

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

describe.runIf(isRoot)('grading as a normal user (uid 65534) over a checkout it can write to', () => {
  it('no submission leaves a file in the checkout, at the --out path or in /tmp; every student is graded', async () => {
    const before = listing(copy);
    const out = path.join(copy, 'graded');
    const { code, stderr } = await runGraderProcess(path.join(copy, 'instructor/cli.ts'), [subs, '--exercise', blobsId, '--seed', '7', '--jobs', '2', '--timeout', '30', '--out', out], {
      cwd: copy,
      uid: NOBODY,
      gid: NOBODY,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(stderr).not.toMatch(/Error:/);
    expect(code).toBe(0);

    expect(existsSync(path.join(copy, '.npmrc'))).toBe(false);
    expect(existsSync('/tmp/perm-writes-was-here')).toBe(false);
    // The only new files are the grader's own outputs.
    expect(listing(copy, ['graded'])).toEqual(before);
    const graded = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8')) as { students: { student: string; reports: Record<string, GradeReport> }[] };
    const report = (s: string) => graded.students.find((x) => x.student === s)!.reports[blobsId]!;
    expect(report('ada').status).toBe('passed');
    expect(report('perm-writes').error?.message).toMatch(/every write failed: fs \.npmrc: Access to this API has been restricted.*fs out: Access.*fs tmp: Access.*sqlite: Cannot read properties of undefined/);
    expect(report('perm-sqlite').error?.message).toContain('node:sqlite is not available');
  }, 180_000);
});
