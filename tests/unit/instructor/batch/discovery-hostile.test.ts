/**
 * Hostile submission folders that git cannot hold (issue 9, class 4), built in a temp folder at test time:
 * symlinks, a FIFO, /dev/zero, a sparse 3 GiB zip, names that are not UTF-8, an unreadable folder, zip bombs.
 * Discovery is tested directly (fast); one batch CLI run over the same folder, with real sandboxed grading of
 * two honest submissions beside the nasty ones, proves the batch survives and writes every output. Cases that
 * need a normal user (permission bits, which root ignores) run the grader as uid 65534.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFormat, makeBundle, maxBundleBytes, maxZipEntries, readBundle } from '../../../../graders/bundle.ts';
import { discoverSubmissions, readBounded, showName, type StudentSubmission } from '../../../../instructor/batch/discover.ts';
import { loadExercise } from '../../../../graders/exercise-files.ts';
import { blobsId } from '../../../helpers/exercise.ts';

const ids = [blobsId];
const solution = loadExercise(blobsId).solution;
const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

/** A folder others can enter (mkdtemp makes 0700), so a uid-65534 grader can read what it must. */
function tmp(prefix: string): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(d, 0o755);
  return d;
}

/**
 * `n` zero bytes as one fixed-Huffman DEFLATE block: a literal 0, then "copy 258 bytes from 1 back" (13 bits)
 * until done. Built directly because compressing 256 MiB with fflate takes seconds. n must be 1 + 258k.
 */
function zerosDeflate(n: number): Uint8Array {
  const repeats = (n - 1) / 258;
  if (!Number.isInteger(repeats)) throw new Error('n must be 1 + 258k');
  const out = new Uint8Array(Math.ceil((3 + 8 + repeats * 13 + 7) / 8) + 1);
  let bit = 0;
  const put = (value: number, bits: number) => {
    for (let i = 0; i < bits; i++, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  // Huffman codes go most significant bit first.
  const code = (value: number, bits: number) => {
    for (let i = bits - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  put(1, 1); // BFINAL
  put(1, 2); // BTYPE 01: fixed Huffman
  code(0x30, 8); // literal 0
  for (let i = 0; i < repeats; i++) {
    code(0b11000101, 8); // length code 285 = 258
    code(0, 5); // distance code 0 = 1
  }
  code(0, 7); // end of block (256)
  return out.subarray(0, Math.ceil(bit / 8));
}

/**
 * A zip with one local entry ("a.ts": `data` deflated, claiming `claimed` bytes) and `names.length` central-
 * directory entries that all point at it: the overlapping-entries bomb when there are many names.
 */
function bombZip(data: Uint8Array, names: string[], claimed: number): Uint8Array {
  const enc = new TextEncoder();
  const local = new Uint8Array(30 + 4 + data.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, claimed, true);
  lv.setUint16(26, 4, true);
  local.set(enc.encode('a.ts'), 30);
  local.set(data, 34);
  const cds = names.map((name) => {
    const nb = enc.encode(name);
    const c = new Uint8Array(46 + nb.length);
    const v = new DataView(c.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(10, 8, true);
    v.setUint32(20, data.length, true);
    v.setUint32(24, claimed, true);
    v.setUint16(28, nb.length, true);
    v.setUint32(42, 0, true); // every entry: the same local header
    c.set(nb, 46);
    return c;
  });
  const cdSize = cds.reduce((a, c) => a + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, names.length, true);
  ev.setUint16(10, names.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, local.length, true);
  const zip = new Uint8Array(local.length + cdSize + 22);
  zip.set(local, 0);
  let o = local.length;
  for (const c of cds) {
    zip.set(c, o);
    o += c.length;
  }
  zip.set(eocd, o);
  return zip;
}

const bundle = (code: string, student = 'Pia P.') => makeBundle({ [blobsId]: code }, { format: bundleFormat, version: 1, student, exportedAt: '', exercises: {} });
const at = (dir: string, ...parts: (string | Buffer)[]) => Buffer.concat(parts.flatMap((p, i) => [Buffer.from(i ? '/' : ''), Buffer.from(p)]).reduce((acc, b) => [...acc, b], [Buffer.from(dir), Buffer.from('/')] as Buffer[]));
const stream256 = zerosDeflate(1 + 258 * 1_040_400); // 268,423,201 bytes ≈ 256 MiB once inflated

describe('zip budgets', () => {
  it('the DEFLATE helper makes what it says (checked small)', () => {
    expect(inflateSync(zerosDeflate(1 + 258 * 40))).toEqual(new Uint8Array(1 + 258 * 40));
  });

  it(`refuses the 12,000-entries-one-256-MiB-stream bomb in milliseconds (more than ${maxZipEntries} entries)`, () => {
    const zip = bombZip(stream256, Array.from({ length: 12_000 }, (_, i) => `f${i}.ts`), 100);
    expect(zip.length).toBeLessThan(3e6); // 1.7 MB of fixed-Huffman stream + 12,000 directory entries
    const t = performance.now();
    const b = readBundle(zip);
    const ms = performance.now() - t;
    expect(b.files.size).toBe(0);
    expect(b.problems).toEqual([`not a readable zip file (it lists 12000 entries, more than ${maxZipEntries})`]);
    expect(ms).toBeLessThan(500);
  });

  it('refuses entries that share their data even when they are few', () => {
    const t = performance.now();
    const b = readBundle(bombZip(stream256, Array.from({ length: 50 }, (_, i) => `f${i}.ts`), 100));
    expect(b.problems[0]).toMatch(/^not a readable zip file \(entries "f\d+\.ts" and "f\d+\.ts" share their data \(a zip bomb\?\)\)$/);
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('stops inflating an entry whose header lies about its size, after about its limit', () => {
    const t = performance.now();
    const b = readBundle(bombZip(stream256, ['a.ts'], 100));
    expect(b.files.size).toBe(0);
    expect(b.problems).toEqual(['skipped a.ts: it inflates to more than 524288 bytes (its header said 100)']);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('counts the bytes actually inflated against the whole-bundle budget', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`m/e${i}`] = 'x'.repeat(500_000);
    const b = readBundle(makeBundle(files, { format: bundleFormat, version: 1, exportedAt: '', exercises: {} }));
    expect(b.files.size).toBe(Math.floor(maxBundleBytes / 500_000));
    expect(b.problems.length).toBe(40 - b.files.size);
    expect(b.problems.at(-1)).toMatch(/^skipped m\/e\d+\.ts: the zip's files add up to more than 16777216 bytes$/);
  });

  it("still reads the site's own bundles exactly", () => {
    const b = readBundle(bundle(solution));
    expect(b).toEqual({ manifest: expect.objectContaining({ student: 'Pia P.' }), files: new Map([[`${blobsId}.ts`, solution]]), problems: [] });
  });
});

describe('reading files', () => {
  it('showName escapes bytes that are not UTF-8 and control characters, so different names never look the same', () => {
    expect(showName(Buffer.from('Zoë'))).toBe('Zoë');
    expect(showName(Buffer.from([0x61, 0xff, 0x62]))).toBe('a\\xffb');
    expect(showName(Buffer.from([0x61, 0xfe, 0x62]))).toBe('a\\xfeb');
    expect(showName(Buffer.concat([Buffer.from([0xc3]), Buffer.from('é\n')]))).toBe('\\xc3é\\x0a');
    expect(showName(Buffer.from('ada\u202eeve'))).toBe('ada\\u202eeve');
  });

  it('readBounded: regular files only, size checked first, never a device or a pipe', () => {
    const d = tmp('rdl-read-');
    writeFileSync(path.join(d, 'ok'), 'hello');
    symlinkSync('/dev/zero', path.join(d, 'zero'));
    spawnSync('mkfifo', [path.join(d, 'fifo')]);
    expect(readBounded(Buffer.from(path.join(d, 'ok')), 5)).toEqual({ bytes: Buffer.from('hello') });
    expect(readBounded(Buffer.from(path.join(d, 'ok')), 4)).toEqual({ problem: 'is 5 bytes, more than 4 (ignored)' });
    expect(readBounded(Buffer.from(path.join(d, 'zero')), 4)).toEqual({ problem: 'is a symbolic link (not followed); skipped' });
    expect(readBounded(Buffer.from('/dev/zero'), 4)).toEqual({ problem: 'is a device; skipped' });
    expect(readBounded(Buffer.from(path.join(d, 'fifo')), 4)).toEqual({ problem: 'is a named pipe (FIFO); skipped' });
    expect(readBounded(Buffer.from(path.join(d, 'none')), 4)).toEqual({ problem: 'could not be read (ENOENT)' });
  });
});

const made: string[] = [];
afterAll(() => {
  // The unreadable folder first, so the temp folders can go.
  for (const d of made) {
    spawnSync('chmod', ['-R', 'u+rwx', d]);
    rmSync(d, { recursive: true, force: true });
  }
});

/** The nasty folder: two honest students (ada: a folder, pia: the site's zip) beside every hostile case. */
function nastyFolder(): string {
  const dir = tmp('rdl-nasty-');
  made.push(dir);
  const ex = path.join(dir, 'ada', '04-activation-depth');
  mkdirSync(ex, { recursive: true });
  writeFileSync(path.join(ex, '01-softmax-blobs.ts'), solution);
  writeFileSync(path.join(dir, 'pia.zip'), bundle(solution));
  // A student folder and a zip that are symlinks (to honest work): rows that say so.
  symlinkSync(path.join(dir, 'ada'), path.join(dir, 'disc-symlinked'));
  symlinkSync(path.join(dir, 'pia.zip'), path.join(dir, 'disc-symlinked-zip.zip'));
  // manifest.json → /dev/zero, and a FIFO manifest and exercise file.
  mkdirSync(path.join(dir, 'disc-dev-zero'));
  writeFileSync(path.join(dir, 'disc-dev-zero', '01-softmax-blobs.ts'), 'export const nothing = 1;\n');
  symlinkSync('/dev/zero', path.join(dir, 'disc-dev-zero', 'manifest.json'));
  mkdirSync(path.join(dir, 'disc-fifo'));
  spawnSync('mkfifo', [path.join(dir, 'disc-fifo', 'manifest.json'), path.join(dir, 'disc-fifo', '01-softmax-blobs.ts'), path.join(dir, 'disc-fifo-zip.zip')]);
  // A sparse 3 GiB zip: no disk used, but readFileSync would throw ERR_FS_FILE_TOO_LARGE.
  const fd = openSync(path.join(dir, 'disc-sparse.zip'), 'w');
  ftruncateSync(fd, 3 * 1024 ** 3);
  closeSync(fd);
  // Two folder names that are not UTF-8 and would look alike if decoded with replacement characters.
  for (const b of [0xff, 0xfe]) {
    const name = Buffer.concat([Buffer.from('disc-bytes-'), Buffer.from([b])]);
    mkdirSync(at(dir, name));
    writeFileSync(at(dir, name, '01-softmax-blobs.ts'), 'export const x = 1;\n');
  }
  // An unreadable sub-folder next to a readable file (only a normal user is stopped by the mode bits).
  mkdirSync(path.join(dir, 'disc-eacces', 'private'), { recursive: true });
  writeFileSync(path.join(dir, 'disc-eacces', 'private', 'x.ts'), 'x');
  chmodSync(path.join(dir, 'disc-eacces', 'private'), 0o000);
  writeFileSync(path.join(dir, 'disc-eacces', '01-softmax-blobs.ts'), 'export const y = 1;\n');
  writeFileSync(path.join(dir, 'disc-bomb.zip'), bombZip(stream256, Array.from({ length: 12_000 }, (_, i) => `f${i}.ts`), 100));
  return dir;
}

/** The notes each hostile student must get (substrings), shared by the direct and the CLI run. */
const wantNotes: Record<string, RegExp> = {
  'disc-symlinked': /disc-symlinked is a symbolic link \(not followed\); nothing was graded/,
  'disc-symlinked-zip': /disc-symlinked-zip\.zip is a symbolic link \(not followed\); skipped/,
  'disc-dev-zero': /manifest\.json is a symbolic link \(not followed\); skipped/,
  'disc-fifo': /01-softmax-blobs\.ts is a named pipe \(FIFO\); skipped/,
  'disc-fifo-zip': /disc-fifo-zip\.zip is a named pipe \(FIFO\); skipped/,
  'disc-sparse': /disc-sparse\.zip is 3221225472 bytes, more than 16777216 \(ignored\)/,
  'disc-bomb': /disc-bomb\.zip: not a readable zip file \(it lists 12000 entries/,
};

describe('discoverSubmissions on a hostile folder', () => {
  let dir: string;
  let found: { students: StudentSubmission[]; notes: string[] };
  let ms: number;
  beforeAll(() => {
    dir = nastyFolder();
    const t = performance.now();
    found = discoverSubmissions(dir, ids);
    ms = performance.now() - t;
  });
  const get = (name: string) => found.students.find((s) => s.student === name)!;

  it('finds every student, honest ones with their files, each hostile one with a note, in well under a second', () => {
    expect(found.students.map((s) => s.student)).toEqual(['ada', 'disc-bomb', 'disc-bytes-\\xfe', 'disc-bytes-\\xff', 'disc-dev-zero', 'disc-eacces', 'disc-fifo', 'disc-fifo-zip', 'disc-sparse', 'disc-symlinked', 'disc-symlinked-zip', 'pia']);
    expect(get('ada').files.get(blobsId)!.source).toBe(solution);
    expect(get('pia').files.get(blobsId)!.source).toBe(solution);
    for (const [student, note] of Object.entries(wantNotes)) expect(get(student).notes.join('\n'), student).toMatch(note);
    expect(ms).toBeLessThan(1000);
  });

  it('reads folders whose names are not UTF-8, byte-exact', () => {
    expect(get('disc-bytes-\\xff').files.get(blobsId)!.source).toBe('export const x = 1;\n');
    expect(get('disc-bytes-\\xfe').files.get(blobsId)!.source).toBe('export const x = 1;\n');
  });

  it('still grades the file beside a manifest.json that is /dev/zero', () => {
    expect(get('disc-dev-zero').files.get(blobsId)!.source).toBe('export const nothing = 1;\n');
  });
});

/** Runs `node <args>` as uid 65534 (a normal user), in the checkout. */
const asNobody = (args: string[]) => run(process.execPath, args, { uid: 65534, gid: 65534, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }).then(
  (r) => ({ ...r, code: 0 }),
  (e: { code: number; stdout: string; stderr: string }) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }),
);
/** Whether uid 65534 can read the checkout and run Node (else the normal-user cases are skipped, with a reason). */
const nobodyCanRun = isRoot && spawnSync(process.execPath, ['-e', "require('fs').readFileSync('instructor/batch/discover.ts')"], { uid: 65534, gid: 65534 }).status === 0;
if (!nobodyCanRun) console.warn(`Skipping the normal-user cases: ${isRoot ? 'uid 65534 cannot read this checkout or run Node (make it readable by others)' : 'they need root to switch to uid 65534'}.`);

describe.runIf(nobodyCanRun)('the batch CLI as a normal user (uid 65534) over the hostile folder', () => {
  let dir: string;
  let out: string;
  let result: { stdout: string; stderr: string; code: number };
  beforeAll(async () => {
    dir = nastyFolder();
    out = path.join(tmp('rdl-nasty-out-'), 'grades');
    chmodSync(path.dirname(out), 0o777);
    // --no-self-check: the reference solution is graded anyway (ada, pia); jobs 2 keeps it to ~15 s.
    result = await asNobody(['instructor/cli.ts', dir, '--seed', '7', '--jobs', '2', '--exercise', blobsId, '--no-self-check', '--out', out]);
  }, 300_000);

  it('grades everyone, notes every hostile case, writes every output, exit 0', () => {
    expect(result.stderr).not.toMatch(/Error:/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/12 students, 6 submissions graded/);
    const graded = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8')) as { students: { student: string; total: number; notes: string[] }[] };
    const get = (n: string) => graded.students.find((s) => s.student === n)!;
    expect(get('ada').total).toBe(1);
    expect(get('pia').total).toBe(1);
    for (const [student, note] of Object.entries(wantNotes)) expect(get(student).notes.join('\n'), student).toMatch(note);
    // As a normal user, the unreadable folder is a note; the file beside it is still graded.
    expect(get('disc-eacces').notes).toEqual(['could not read the folder private (EACCES); its files were not graded']);
    const csv = readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 12);
    expect(csv).toContain('disc-bytes-\\xff,0,0,"0/1 passed, 1 error",');
    expect(csv).toContain('disc-symlinked,0,0,"0/1 passed, 1 not submitted",disc-symlinked is a symbolic link (not followed); nothing was graded. Copy the student\'s files into a real folder.');
    expect(readdirSync(path.join(out, 'feedback')).sort()).toEqual([...graded.students.map((s) => s.student.replace(/\\/g, '_')).map((s) => `${s}.md`)].sort());
    expect(readFileSync(path.join(out, 'feedback', 'disc-sparse.md'), 'utf8')).toMatch(/## Notes on your submission\n\n- disc-sparse\.zip is 3221225472 bytes/);
  });

  it('fails fast (exit 1, before grading) when --out is a file or a folder it cannot write', async () => {
    const d = tmp('rdl-badout-');
    writeFileSync(path.join(d, 'file'), 'x');
    mkdirSync(path.join(d, 'locked'), { mode: 0o755 });
    const t = performance.now();
    const asFile = await asNobody(['instructor/cli.ts', dir, '--seed', '7', '--exercise', blobsId, '--out', path.join(d, 'file')]);
    expect(asFile.code).toBe(1);
    expect(asFile.stderr).toMatch(new RegExp(`(The output path|Cannot create the output folder) ${path.join(d, 'file')}`));
    const locked = await asNobody(['instructor/cli.ts', dir, '--seed', '7', '--exercise', blobsId, '--out', path.join(d, 'locked')]);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(new RegExp(`Cannot write into the output folder ${path.join(d, 'locked')}: EACCES`));
    expect(locked.stderr).not.toMatch(/Self-check/);
    expect(performance.now() - t).toBeLessThan(20_000);
  });
});

describe('the submissions folder itself unreadable', () => {
  it.runIf(nobodyCanRun)('stops the run with exit 1 and a message naming the folder', async () => {
    const d = tmp('rdl-closed-');
    const closed = path.join(d, 'subs');
    mkdirSync(closed, { mode: 0o700 });
    const out = tmp('rdl-closed-out-');
    chmodSync(out, 0o777);
    const r = await asNobody(['instructor/cli.ts', closed, '--exercise', blobsId, '--no-self-check', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Cannot read the submissions folder ${closed}: EACCES`));
  });
});
