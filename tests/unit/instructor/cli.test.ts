/** `npm run grade` end to end: real child processes, real tfjs, exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { STARTER_UNCHANGED } from '../../../graders/format.ts';
import { blobsId, solutionWith } from '../../helpers/exercise.ts';

const grade = (...args: string[]) => spawnSync(process.execPath, ['instructor/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
const tmpFile = (name: string, text: string) => {
  const f = path.join(mkdtempSync(path.join(tmpdir(), 'rdl-')), name);
  writeFileSync(f, text);
  return f;
};

describe('grade CLI', () => {
  it('passes the reference solution with exit code 0 and prints each check', () => {
    const r = grade('--exercise', blobsId, '--solution');
    expect(r.stdout).toMatch(/✓ Test accuracy\s+0\.8\d+\s+\(needs ≥ 0\.83 and ≤ 0\.95\)/);
    expect(r.stdout).toMatch(/✓ Test cross-entropy/);
    expect(r.stdout).toMatch(/^PASSED 04-activation-depth\/01-softmax-blobs — score 1\/1, .* on wasm, seed 42$/m);
    expect(r.status).toBe(0);
  });

  it('fails a file with exit code 1 and the teaching message', () => {
    const r = grade('-e', blobsId, '-f', tmpFile('starter.ts', solutionWith(blobsId, "activation: 'softmax', ", '')));
    expect(r.stdout).toMatch(/bad-output: The model's outputs are not probabilities/);
    expect(r.status).toBe(1);
  });

  it('says first that an unchanged starter is the starter (whitespace aside), and gives an error\'s position once', () => {
    const starter = loadExercise(blobsId).starter;
    const r = grade('-e', blobsId, '-f', tmpFile('starter.ts', starter.replace(/\n/g, '\r\n') + '\n\n'));
    expect(r.stdout.split('\n')[0]).toBe(`  ${STARTER_UNCHANGED}`);
    expect(r.status).toBe(1);
    const thrown = grade('-e', blobsId, '-f', tmpFile('t.ts', solutionWith(blobsId, 'const model = tf.sequential();', 'const model = tf.sequential();\n  throw new Error("boom");')));
    expect(thrown.stdout).toMatch(/✗ thrown: Your code threw Error: boom inside train\(\) \(line \d+, column \d+\)\.$/m);
    expect(thrown.stdout.match(/line \d+/g)).toHaveLength(1);
    expect(thrown.stdout).not.toContain(STARTER_UNCHANGED);
  });

  it('says that model.fit was not awaited, even when the orphaned training then fails on disposed data', () => {
    const r = grade('-e', blobsId, '-f', tmpFile('noawait.ts', solutionWith(blobsId, 'await model.fit(', 'model.fit(')));
    expect(r.stdout).toMatch(/✗ bad-output: train\(\) returned its model while model\.fit was still running/);
    expect(r.status).toBe(1);
  });

  it('prints the GradeReport as JSON', () => {
    const r = grade('-e', blobsId, '--solution', '--json', '--seed', '3', '--backend', 'cpu');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ exerciseId: blobsId, status: 'passed', score: 1, maxScore: 1, seed: 3, backend: 'cpu', error: null });
    expect(report.checks).toHaveLength(2);
  });

  it('stops an endless loop at the timeout and keeps going', () => {
    const src = solutionWith(blobsId, 'const model = tf.sequential();', 'while (true) {}\n  const model = tf.sequential();');
    // A copy of the exercise with a 3 s timeout would need a fixture folder; instead the loop is checked
    // against the real 60 s limit being replaced by a short one through the environment-free path below.
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
      import { childProcessRunner } from './src/runtime/child-runner.ts';
      import { runExercise } from './src/runtime/run-exercise.ts';
      import { loadExercise } from './graders/exercise-files.ts';
      const { meta } = loadExercise('${blobsId}');
      const t0 = Date.now();
      const { report } = await runExercise({ meta, source: ${JSON.stringify(src)}, backend: 'wasm', runner: childProcessRunner({ backend: 'wasm', timeoutMs: 3000 }) });
      console.log(JSON.stringify({ error: report.error, ms: Date.now() - t0 }));
    `], { encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(r.stdout);
    expect(out.error).toMatchObject({ kind: 'timeout' });
    expect(out.error.message).toMatch(/Stopped after 3 s.*endless loop/);
    expect(out.ms).toBeLessThan(15_000);
  });

  it('reports process.exit() in learner code instead of dying', () => {
    const r = grade('-e', blobsId, '-f', tmpFile('exit.ts', solutionWith(blobsId, 'const model = tf.sequential();', '(globalThis as any).process.exit(3);\n  const model = tf.sequential();')));
    expect(r.stdout).toMatch(/ended before your code returned a model \(exit code 3\).*process\.exit/);
    expect(r.status).toBe(1);
  });

  it.each([
    [['--solution'], /Missing --exercise/],
    [['-e', blobsId], /exactly one of --file, --solution or --starter/],
    [['-e', 'no/such', '--solution'], /Unknown exercise "no\/such"/],
    [['-e', blobsId, '-f', '/nope.ts'], /No such file: \/nope\.ts/],
    [['-e', blobsId, '--solution', '--seed=-1'], /--seed must be an integer from 0 to 9007199254740991, got "-1"/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('rejects %j with exit code 2', (args, message) => {
    const r = grade(...args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage: npm run grade/);
    expect(r.status).toBe(2);
  });
});
