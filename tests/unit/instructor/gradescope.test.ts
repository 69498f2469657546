/**
 * The Gradescope autograder bundle: run_autograder grades an upload in /autograder/submission (here a temp
 * folder through AUTOGRADER_ROOT) and writes results.json in Gradescope's format; instructor/make-autograder-zip.ts packs the bundle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bundleFormat, makeBundle } from '../../../graders/bundle.ts';
import { listExerciseIds, loadExercise } from '../../../graders/exercise-files.ts';
import { blobsId, solutionWith } from '../../helpers/exercise.ts';

/** Runs autograder/run_autograder on `files` (path in the upload → content); returns results.json. */
function runAutograder(files: Record<string, string | Uint8Array>, seed?: string, env: NodeJS.ProcessEnv = {}, prepare?: (root: string) => void) {
  const root = mkdtempSync(path.join(tmpdir(), 'rdl-gradescope-'));
  prepare?.(root);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, 'submission', rel)), { recursive: true });
    writeFileSync(path.join(root, 'submission', rel), content);
  }
  const all: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, AUTOGRADER_ROOT: root, COURSE_DIR: process.cwd(), SECRET_SEED_FILE: path.join(root, 'none'), ...env };
  if (seed) writeFileSync((all.SECRET_SEED_FILE = path.join(root, 'seed.txt')), seed);
  const r = spawnSync('bash', ['autograder/run_autograder'], { env: all, encoding: 'utf8', timeout: 120_000 });
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8'));
}

/** Unix mode of each entry, from the zip's central directory (fflate's reader does not return it). */
function unixModes(zip: Uint8Array): Record<string, number> {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const modes: Record<string, number> = {};
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (v.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = v.getUint16(i + 28, true);
    modes[new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength))] = v.getUint32(i + 38, true) >>> 16;
  }
  return modes;
}

/** The blobs exercise's entry of results.json (exercises are listed by id, so it is not necessarily the first). */
const blobsTest = (results: { tests: { name: string }[] }) => results.tests.find((t) => t.name.includes(blobsId));

describe('Gradescope autograder', () => {
  it("grades the site's zip bundle and writes results.json per Gradescope's spec, the secret seed hidden", () => {
    const zip = makeBundle({ [blobsId]: loadExercise(blobsId).solution }, { format: bundleFormat, version: 1, exportedAt: '', exercises: {} });
    const results = runAutograder({ 'rdl-work-ada.zip': zip }, `rdl-secret-v1:${'9876'.repeat(8)}\n`);
    expect(results).toMatchObject({ score: 1, visibility: 'visible', stdout_visibility: 'hidden' });
    expect(typeof results.execution_time).toBe('number');
    // One test per exercise of the course (no assignment-exercises.txt here); only the submitted one scores.
    expect(results.tests).toHaveLength(listExerciseIds().length);
    const [submitted, ...others] = [...results.tests].sort((a: { name: string }, b: { name: string }) => Number(!a.name.includes(blobsId)) - Number(!b.name.includes(blobsId)));
    for (const t of others) expect(t).toMatchObject({ score: 0, max_score: 1 });
    expect(submitted).toEqual({ name: `${loadExercise(blobsId).meta.title} (${blobsId})`, score: 1, max_score: 1, status: 'passed', output: expect.stringMatching(/PASSED .* secret seed/), visibility: 'visible' });
    expect(JSON.stringify(results)).not.toMatch(/98769876/);
  });

  it('scores a broken upload 0 with the reason, and a missing exercise as not submitted', () => {
    const results = runAutograder({ '01-softmax-blobs.ts': solutionWith(blobsId, 'const model = tf.sequential();', 'throw new Error("nope");') });
    expect(results.score).toBe(0);
    expect(blobsTest(results)).toMatchObject({ score: 0, max_score: 1, status: 'failed', output: expect.stringMatching(/Your code threw Error: nope/) });
    const none = runAutograder({ 'readme.txt': 'hi' });
    expect(none.tests[0]).toMatchObject({ score: 0, status: 'failed', output: expect.stringMatching(/^Not submitted/) });
  });

  it('always leaves a valid results.json with score 0 and a reason: a bad seed file (the seed never shown)', () => {
    const results = runAutograder({ '01-softmax-blobs.ts': 'x' }, 'not-a-seed 8675309\n');
    expect(results).toMatchObject({ score: 0, tests: [], output_format: 'text', output: expect.stringMatching(/^The autograder could not grade this submission: the autograder's settings are invalid \(exit code 2/) });
    expect(JSON.stringify(results)).not.toMatch(/8675309/);
  });

  it('… a grader that cannot start at all (the shell writes it, JSON-escaped, with the exit code and stderr)', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'rdl-nocourse-'));
    const results = runAutograder({ '01-softmax-blobs.ts': 'x' }, '31337\n', { COURSE_DIR: empty }, (root) => {
      // A stale results.json from before must not pass for this run's.
      mkdirSync(path.join(root, 'results'));
      writeFileSync(path.join(root, 'results', 'results.json'), '{"score": 1}');
    });
    expect(results).toMatchObject({ score: 0, tests: [], output: expect.stringMatching(/^The autograder could not grade this submission: the grader failed with exit code 1\.[\s\S]*Cannot find module/) });
    // The grader killed (as by the kernel's OOM killer): no chance to write anything itself.
    const preload = path.join(empty, 'kill.cjs');
    writeFileSync(preload, "process.kill(process.pid, 'SIGKILL');\n");
    const killed = runAutograder({ '01-softmax-blobs.ts': 'x' }, undefined, { NODE_OPTIONS: `--require ${preload}` });
    expect(killed).toMatchObject({ score: 0, tests: [], output: expect.stringMatching(/^The autograder could not grade this submission: the grader was stopped \(exit code 137/) });
  });

  it('grades the rest of a hostile upload: a symlink and a FIFO in it are notes, not hangs', () => {
    const results = runAutograder({ '01-softmax-blobs.ts': 'export const x = 1;\n' }, undefined, {}, (root) => {
      mkdirSync(path.join(root, 'submission'), { recursive: true });
      symlinkSync('/dev/zero', path.join(root, 'submission', 'manifest.json'));
      spawnSync('mkfifo', [path.join(root, 'submission', '02-other.ts')]);
    });
    expect(blobsTest(results)).toMatchObject({ score: 0, output: expect.stringMatching(/must export a function named "train"/) });
    expect(results.output).toMatch(/manifest\.json is a symbolic link \(not followed\); skipped/);
    expect(results.output).toMatch(/02-other\.ts is a named pipe \(FIFO\); skipped/);
  });

  it('make-autograder-zip packs setup.sh and run_autograder (executable) at the root with the grader, seed and exercise list', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rdl-agzip-'));
    writeFileSync(path.join(dir, 'seed.txt'), `# a comment\nrdl-secret-v1:${'42'.repeat(16)}\n`);
    const out = path.join(dir, 'autograder.zip');
    execFileSync(process.execPath, ['instructor/make-autograder-zip.ts', '--seed-file', path.join(dir, 'seed.txt'), '-e', blobsId, '--out', out], { encoding: 'utf8' });
    const bytes = new Uint8Array(readFileSync(out));
    const entries = unzipSync(bytes);
    const modes = unixModes(bytes);
    expect([modes['setup.sh'], modes['run_autograder']]).toEqual([0o100755, 0o100755]);
    for (const f of ['setup.sh', 'run_autograder', 'package.json', 'package-lock.json', '.nvmrc', 'instructor/cli.ts', 'src/runtime/node-child.ts', `exercises/${blobsId}/exercise.yaml`]) expect(Object.keys(entries)).toContain(f);
    expect(new TextDecoder().decode(entries['secret-seed.txt'])).toBe(`# a comment\nrdl-secret-v1:${'42'.repeat(16)}\n`);
    expect(new TextDecoder().decode(entries['assignment-exercises.txt'])).toBe(`${blobsId}\n`);
    expect(Object.keys(entries).some((f) => f.startsWith('tests/') || f.startsWith('node_modules/'))).toBe(false);
  });
});
