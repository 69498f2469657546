/**
 * Descriptors are outside Node's permission model: whatever the grader inherited from *its* parent would be
 * readable and writable from every graded child. The launcher (sandbox.ts `launcherScript`) closes all but
 * 0–3 before it execs Node. Here the grader CLI itself is started with a secret file open on an extra
 * descriptor, and the perm-fd-probe fixture probes 4–255. The secret sits on fd 40: Node 26 does not pass
 * inherited descriptors below about 20 on to its own children (measured: 4, 5, 9 did not arrive, 30 and 251
 * did), so a low number would pass without the launcher too.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launcherScript } from '../../../src/runtime/sandbox.ts';
import { blobsId } from '../../helpers/exercise.ts';
import { runGraderProcess } from '../../helpers/grader-cli.ts';

const SECRET = 'TOP-SECRET-grading-key-4711';
let dir: string;
let secretFd: number;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'rdl-fds-'));
  writeFileSync(path.join(dir, 'secret.txt'), `${SECRET}\n`);
  secretFd = openSync(path.join(dir, 'secret.txt'), 'r+');
});

afterAll(() => {
  closeSync(secretFd);
  rmSync(dir, { recursive: true, force: true });
});

describe('inherited descriptors', () => {
  it('the launcher closes every descriptor but 0–3 before it execs the program', () => {
    // /bin/ls lists the descriptors the exec'd program holds (its own directory handle on /proc/self/fd included).
    const r = spawnSync('/bin/bash', ['-c', launcherScript(4 * 1024 * 1024), '/bin/ls', '/proc/self/fd'], { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe', secretFd, 'pipe', ...Array<'ignore'>(33).fill('ignore'), secretFd], encoding: 'utf8' });
    expect(r.status).toBe(0);
    const fds = r.stdout.trim().split('\n').map(Number).sort((a, b) => a - b);
    expect(fds.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(fds.length).toBeLessThanOrEqual(5); // 0–3 and ls's own handle on the directory it lists
    expect(fds).not.toContain(5);
    expect(fds).not.toContain(6);
    expect(fds).not.toContain(40);
  });

  it('a grader started with a secret on fd 40 gives no child access to it', async () => {
    const subs = path.join(dir, 'subs');
    cpSync(path.resolve('tests/fixtures/submissions/perm-fd-probe'), path.join(subs, 'perm-fd-probe'), { recursive: true });
    const out = path.join(dir, 'out');
    const stdio: ('ignore' | 'pipe' | number)[] = ['ignore', 'pipe', 'pipe', ...Array<'ignore'>(37).fill('ignore'), secretFd];
    const { code, stderr } = await runGraderProcess('instructor/cli.ts', [subs, '--exercise', blobsId, '--seed', '7', '--jobs', '1', '--timeout', '30', '--out', out], { stdio });
    expect(stderr).not.toMatch(/Error:/);
    expect(code).toBe(0);
    const graded = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8')) as { students: { reports: Record<string, { error: { message: string } }> }[] };
    const message = graded.students[0]!.reports[blobsId]!.error.message;
    expect(message).toContain('descriptors open besides 0-3: none');
    expect(message).not.toContain(SECRET);
    // The secret file is untouched (the probe would have appended to it).
    expect(readFileSync(path.join(dir, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
  }, 120_000);
});
