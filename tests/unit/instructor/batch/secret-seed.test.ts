/**
 * Grading with a secret (docs/instructors.md §4): `--new-seed-file`, reading and validating `--seed-file`, the
 * fingerprint in place of the secret everywhere, and formula answers that pass on the page's task but fail under
 * a secret, while the reference solution passes. Real CLI processes, real sandboxed children, real tfjs-WASM.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSeedFile, readSeedFile, UsageError } from '../../../../instructor/batch/cli-batch.ts';
import { loadExercise } from '../../../../graders/exercise-files.ts';
import { SecretSeed } from '../../../../graders/rng.ts';
import { blobsId, gradeInProcess } from '../../../helpers/exercise.ts';
import { writeHonestStudents } from '../../../helpers/solution-students.ts';

const cubicId = '04-activation-depth/06-cubic';
const fixtures = path.resolve('tests/fixtures/submissions');
const cli = (...args: string[]) => spawnSync(process.execPath, ['instructor/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
const run = promisify(execFile);
const cubicFormula = "import * as tf from '@tensorflow/tfjs';\nexport async function train() {\n  return (x: tf.Tensor) => tf.add(tf.pow(x, 3), 0.15);\n}\n";
const hexOf = (file: string) => /rdl-secret-v1:([0-9a-f]+)/.exec(readFileSync(file, 'utf8'))![1]!;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'rdl-secret-'));
});

describe('seed files', () => {
  it('--new-seed-file writes a 256-bit secret, mode 0600, and never overwrites', () => {
    const file = path.join(dir, 'new-secret.txt');
    const r = cli('--new-seed-file', file);
    expect(r.status).toBe(0);
    const fp = /fingerprint ([0-9a-f]{12})/.exec(r.stdout)![1]!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(hexOf(file)).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stdout + r.stderr).not.toContain(hexOf(file));
    expect(readSeedFile(file).fingerprint).toBe(fp);
    const before = readFileSync(file, 'utf8');
    const again = cli('--new-seed-file', file);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists; --new-seed-file never overwrites/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    // Two new files are two different secrets.
    cli('--new-seed-file', path.join(dir, 'other.txt'));
    expect(readSeedFile(path.join(dir, 'other.txt')).fingerprint).not.toBe(fp);
  });

  it.each([
    ['', /is empty\. Make a new one with: npm run grade -- --new-seed-file/],
    ['# only a comment\n\n', /is empty/],
    ['12345\n', /holds an integer seed, the old format\. Integer seeds are no longer accepted for marks.*--new-seed-file.*To reproduce grades made with the old file, pass its number with --seed/],
    ['hunter2hunter2hunter2hunter2hunter2\n', /is not a grading secret: it must hold one line "rdl-secret-v1:" followed by hex digits/],
    [`rdl-secret-v1:${'ab'.repeat(15)}\n`, /holds a 120-bit secret; a grading secret needs at least 128 bits \(32 hex digits\)/],
    [`rdl-secret-v1:${'ab'.repeat(16)}zz\n`, /has characters other than hex digits/],
    [`rdl-secret-v1:${'ab'.repeat(16)}a\n`, /odd number of hex digits \(33\)/],
    [`rdl-secret-v1:${'ab'.repeat(16)}\nrdl-secret-v1:${'cd'.repeat(16)}\n`, /has 2 lines besides comments/],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseSeedFile(text, 'seed.txt')).toThrow(UsageError);
    expect(() => parseSeedFile(text, 'seed.txt')).toThrow(message);
    // The message names the file and never echoes its content.
    try {
      parseSeedFile(text, 'seed.txt');
    } catch (e) {
      expect((e as Error).message).toContain('seed.txt');
      if (text.trim()) expect((e as Error).message).not.toContain(text.trim().split('\n').at(-1)!.slice(-20));
    }
  });

  it('accepts comments, upper case and CRLF; 128 bits is enough', () => {
    const a = parseSeedFile(`# mine\r\nRDL-SECRET-V1:${'AB'.repeat(16)}\r\n`, 'f');
    expect(a.fingerprint).toBe(SecretSeed.fromKey(new Uint8Array(16).fill(0xab)).fingerprint);
  });

  it('names a missing, unreadable or oversized file, and the CLI exits 2 with usage', () => {
    expect(() => readSeedFile(path.join(dir, 'none.txt'))).toThrow(/No such seed file: .*none\.txt/);
    expect(() => readSeedFile(dir)).toThrow(/is not a file/);
    const big = path.join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(10_000));
    expect(() => readSeedFile(big)).toThrow(/is 10000 bytes; a seed file is one line/);
    const int = path.join(dir, 'int.txt');
    writeFileSync(int, '987654321012345\n');
    const r = cli('-e', blobsId, '--solution', '--seed-file', int);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds an integer seed, the old format/);
    expect(r.stderr).not.toContain('987654321012345');
    expect(r.stderr).toMatch(/Usage:/);
  });

  it('npm run autograder refuses an integer seed file before packing it', () => {
    const int = path.join(dir, 'old-seed.txt');
    writeFileSync(int, '281474976710655\n');
    const r = spawnSync(process.execPath, ['instructor/make-autograder-zip.ts', '--seed-file', int, '--out', path.join(dir, 'never.zip')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds an integer seed, the old format/);
    expect(existsSync(path.join(dir, 'never.zip'))).toBe(false);
  });

  it('an unreadable file (another user, mode 0600) is named with the reason', () => {
    // As root every file is readable, so the CLI runs as nobody (uid 65534) on a root-owned 0600 file.
    const secret = path.join(dir, 'root-only.txt');
    writeFileSync(secret, `rdl-secret-v1:${'ab'.repeat(32)}\n`, { mode: 0o600 });
    chmodSync(dir, 0o755);
    const r = spawnSync(process.execPath, ['instructor/cli.ts', '-e', blobsId, '--solution', '--seed-file', secret], { encoding: 'utf8', uid: 65534, gid: 65534, timeout: 60_000 });
    expect(r.stderr).toMatch(/Cannot read the seed file .*root-only\.txt: EACCES/);
    expect(r.status).toBe(2);
  });
});

describe('06-cubic under a secret', () => {
  it('the reference passes and the page formula x³ + 0.15 fails (which passes on the public seed)', async () => {
    const { solution } = loadExercise(cubicId);
    expect((await gradeInProcess(cubicId, cubicFormula)).status).toBe('passed');
    for (let i = 0; i < 2; i++) {
      const secret = SecretSeed.fromKey(new Uint8Array(16).fill(100 + i));
      const ref = await gradeInProcess(cubicId, solution, secret);
      expect(ref.status, `reference on ${secret}`).toBe('passed');
      expect(ref.seed).toBe(`secret ${secret.fingerprint}`);
      const formula = await gradeInProcess(cubicId, cubicFormula, secret);
      expect(formula.status, `formula on ${secret}`).toBe('failed');
      expect(formula.checks[0]!.value).toBeGreaterThan(0.015);
    }
  }, 60_000);
});

describe('one file graded with --seed-file', () => {
  it('reports the fingerprint and fails the page formula', () => {
    const seedFile = path.join(dir, 'one-file-secret.txt');
    cli('--new-seed-file', seedFile);
    const formula = path.join(dir, 'formula.ts');
    writeFileSync(formula, cubicFormula);
    const r = cli('-e', cubicId, '-f', formula, '--seed-file', seedFile, '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', seed: `secret ${readSeedFile(seedFile).fingerprint}` });
    expect(r.stdout + r.stderr).not.toContain(hexOf(seedFile).slice(0, 16));
    const text = cli('-e', cubicId, '-f', formula, '--seed-file', seedFile);
    expect(text.stdout).toMatch(new RegExp(`^FAILED ${cubicId} — .*, secret seed ${readSeedFile(seedFile).fingerprint}$`, 'm'));
  });
});

describe('a class graded with --seed-file', () => {
  it('grades formula answers 0 and the reference 1, and no output holds the secret', async () => {
    const subs = path.join(dir, 'subs');
    for (const s of ['sec-page-formula', 'sec-seed-hunt']) cpSync(path.join(fixtures, s), path.join(subs, s), { recursive: true });
    writeHonestStudents(subs, ['ada']);
    mkdirSync(path.join(subs, 'ada', '04-activation-depth'), { recursive: true });
    writeFileSync(path.join(subs, 'ada', cubicId + '.ts'), loadExercise(cubicId).solution);
    mkdirSync(path.join(subs, 'sec-cubic-formula', '04-activation-depth'), { recursive: true });
    writeFileSync(path.join(subs, 'sec-cubic-formula', cubicId + '.ts'), cubicFormula);
    const seedFile = path.join(dir, 'class-secret.txt');
    expect(cli('--new-seed-file', seedFile).status).toBe(0);
    const hex = hexOf(seedFile);
    const fp = readSeedFile(seedFile).fingerprint;
    const out = path.join(dir, 'out');
    const r = await run(process.execPath, ['instructor/cli.ts', subs, '--seed-file', seedFile, '--jobs', '2', '--exercise', `${blobsId},${cubicId}`, '--out', out], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stdout).toMatch(new RegExp(`4 students, 5 submissions graded in .*secret seed ${fp}\\)`));

    const graded = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8'));
    expect(graded.seed).toBe(`secret ${fp}`);
    const report = (student: string, id: string) => graded.students.find((s: { student: string }) => s.student === student).reports[id];
    expect(report('ada', blobsId).status).toBe('passed');
    expect(report('ada', cubicId).status).toBe('passed');
    expect(report('sec-page-formula', blobsId).status).toBe('failed');
    expect(report('sec-cubic-formula', cubicId).status).toBe('failed');
    expect(report('sec-seed-hunt', blobsId).status).toBe('failed');
    expect(report('ada', cubicId).seed).toBe(`secret ${fp}`);
    expect(readFileSync(path.join(out, 'feedback', 'ada.md'), 'utf8')).toMatch(/PASSED .* secret seed$/m);

    // Everything the run wrote or printed, including what the seed hunter printed, against the secret's hex
    // (whole, in either case, and any 16-digit piece of it) and its bytes as decimal numbers.
    const texts = [r.stdout, r.stderr];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : texts.push(readFileSync(path.join(d, e.name), 'utf8'));
    };
    walk(out);
    expect(texts.length).toBeGreaterThanOrEqual(2 + 2 + 4);
    const all = texts.join('\n');
    expect(all).toContain('ctx.seed ');
    for (let i = 0; i + 16 <= hex.length; i += 8) {
      expect(all).not.toContain(hex.slice(i, i + 16));
      expect(all).not.toContain(hex.slice(i, i + 16).toUpperCase());
    }
    expect(all).not.toContain(Array.from(hex.slice(0, 16).match(/../g)!, (h) => parseInt(h, 16)).join(','));
  }, 300_000);
});
