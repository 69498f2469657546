/**
 * Finds the submissions in an instructor's folder (Node only). Two layouts, mixable:
 *
 *   submissions/alice/04-activation-depth/01-softmax-blobs.ts   folder per student (also read: zips inside it)
 *   submissions/bob.zip                                         the bundle from "Download my work", named by student
 *
 * A student's name is the folder's or the zip's name (what the instructor or the LMS export chose); the name in
 * the bundle's manifest is kept as information only. Files that match no exercise are listed, not graded.
 *
 * The folder is hostile input too (an LMS export, or a student's own upload on Gradescope): every entry is
 * `lstat`ed and no symlink is followed; only regular files are opened, after a size check, and read with a
 * bound (a file that grows, `/dev/zero` or a FIFO can neither hang nor exhaust the grader); names are read as
 * bytes, so a name that is not valid UTF-8 still reaches its student's row. Whatever is skipped becomes a note
 * in that student's row and feedback, never silence and never an exception.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { matchExercise, maxBundleBytes, maxSourceBytes, readBundle } from '../../graders/bundle.ts';

export interface StudentSubmission {
  /** Folder or zip name: the key of the student's row in grades.csv. */
  student: string;
  /** Name from the bundle's manifest, if one was read. */
  displayName?: string;
  /** Exercise id → source text and where it came from. */
  files: Map<string, { source: string; origin: string }>;
  /** Skipped files, duplicates, unreadable zips: shown in the report and the feedback file. */
  notes: string[];
}

const MAX_DEPTH = 5;
/** Entries looked at per student (a folder of a million files must not stall discovery). */
const maxEntriesPerStudent = 5000;
/** Largest manifest.json read from an unzipped download (the site writes well under 10 KB). */
export const maxManifestBytes = 64 * 1024;

/**
 * A file or folder name as people read it: the UTF-8 text when the bytes are valid UTF-8, else each invalid
 * byte as `\xNN` (so two different byte names never show the same). Control characters and bidirectional
 * overrides are escaped too.
 */
export function showName(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = '';
    for (let i = 0; i < bytes.length; ) {
      // Decode the longest valid UTF-8 sequence at i, else escape one byte.
      let ok = false;
      for (let n = 4; n >= 1 && !ok; n--) {
        if (i + n > bytes.length) continue;
        try {
          text += new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + n));
          i += n;
          ok = true;
        } catch {
          // not a whole character of n bytes
        }
      }
      if (!ok) text += `\\x${bytes[i++]!.toString(16).padStart(2, '0')}`;
    }
  }
  // Bidirectional overrides too: a name must not display as another student's.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

const join = (dir: Buffer, name: Buffer) => Buffer.concat([dir, Buffer.from('/'), name]);
const why = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** What kind of thing a non-regular, non-folder entry is, for a note. */
function kindOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link (not followed)';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Reads a regular file of at most `limit` bytes without following a symlink and without blocking: checked by
 * `lstat` first, opened with O_NOFOLLOW | O_NONBLOCK (a FIFO swapped in after the check cannot hang the
 * open), checked again on the open descriptor, and read to at most limit + 1 bytes even if it grows meanwhile.
 * Returns the bytes, or a reason to put in a note.
 */
export function readBounded(file: Buffer, limit: number): { bytes: Buffer } | { problem: string } {
  let st: Stats;
  try {
    st = lstatSync(file);
  } catch (e) {
    return { problem: `could not be read (${why(e)})` };
  }
  if (!st.isFile()) return { problem: `is ${kindOf(st)}; skipped` };
  if (st.size > limit) return { problem: `is ${st.size} bytes, more than ${limit} (ignored)` };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: `could not be read (${why(e)})` };
  }
  try {
    const now = fstatSync(fd);
    if (!now.isFile() || now.ino !== st.ino || now.dev !== st.dev) return { problem: 'changed while it was being read; skipped' };
    // One byte more than lstat said: a file that grows meanwhile is noticed without reading on for ever.
    const want = Math.min(limit, now.size) + 1;
    const buf = Buffer.alloc(want);
    let n = 0;
    for (let got = 1; got > 0 && n < want; n += got) got = readSync(fd, buf, n, want - n, null);
    if (n >= want) return { problem: 'grew while it was being read; skipped' };
    return { bytes: buf.subarray(0, n) };
  } catch (e) {
    return { problem: `could not be read (${why(e)})` };
  } finally {
    closeSync(fd);
  }
}

/** Loose .ts files and zips under `dir` (paths relative to it as shown in notes, and byte-exact), skipping dot-folders. */
function walk(dir: Buffer, notes: string[]): { ts: [string, Buffer][]; zips: [string, Buffer][] } {
  const out = { ts: [] as [string, Buffer][], zips: [] as [string, Buffer][] };
  let seen = 0;
  const visit = (abs: Buffer, rel: string, depth: number) => {
    let names: Buffer[];
    try {
      names = readdirSync(abs, { encoding: 'buffer' });
    } catch (e) {
      notes.push(`could not read the folder ${rel || '.'} (${why(e)}); its files were not graded`);
      return;
    }
    const entries = names.map((b) => ({ b, name: showName(b) })).sort((a, b) => a.name.localeCompare(b.name));
    for (const { b, name } of entries) {
      if (name.startsWith('.') || name === '__MACOSX' || name === 'node_modules') continue;
      const r = rel ? `${rel}/${name}` : name;
      if (++seen > maxEntriesPerStudent) {
        if (seen === maxEntriesPerStudent + 1) notes.push(`more than ${maxEntriesPerStudent} files and folders: the rest were not looked at`);
        return;
      }
      const full = join(abs, b);
      let st: Stats;
      try {
        st = lstatSync(full);
      } catch (e) {
        notes.push(`${r} could not be read (${why(e)})`);
        continue;
      }
      if (st.isDirectory()) {
        if (depth >= MAX_DEPTH) notes.push(`${r} is nested more than ${MAX_DEPTH} folders deep (not looked into)`);
        else visit(full, r, depth + 1);
      } else if (!st.isFile()) notes.push(`${r} is ${kindOf(st)}; skipped`);
      else if (name.endsWith('.ts')) out.ts.push([r, full]);
      else if (name.toLowerCase().endsWith('.zip')) out.zips.push([r, full]);
    }
  };
  visit(dir, '', 0);
  return out;
}

function addFile(s: StudentSubmission, id: string, source: string, origin: string): void {
  const had = s.files.get(id);
  if (had) {
    s.notes.push(`two submissions for ${id}: graded ${had.origin}, ignored ${origin}`);
    return;
  }
  s.files.set(id, { source, origin });
}

function addZip(s: StudentSubmission, zipPath: Buffer, label: string, ids: readonly string[]): void {
  // The size is checked before reading: a sparse 3 GiB file must become a note, not ERR_FS_FILE_TOO_LARGE.
  const read = readBounded(zipPath, maxBundleBytes);
  if ('problem' in read) {
    s.notes.push(`${label} ${read.problem}`);
    return;
  }
  const bundle = readBundle(new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.length));
  for (const p of bundle.problems) s.notes.push(`${label}: ${p}`);
  if (typeof bundle.manifest?.student === 'string' && bundle.manifest.student && !s.displayName) s.displayName = bundle.manifest.student.slice(0, 200);
  // Loose files were added first, so they win over a zip's copy of the same exercise.
  for (const [rel, source] of bundle.files) {
    const id = matchExercise(rel, ids);
    if (id) addFile(s, id, source, `${label}:${rel}`);
    else s.notes.push(`${label}:${rel} matches no exercise (ignored)`);
  }
}

function readFolder(s: StudentSubmission, dir: Buffer, ids: readonly string[]): void {
  const { ts, zips } = walk(dir, s.notes);
  for (const [rel, file] of ts) {
    const id = matchExercise(rel, ids);
    if (!id) {
      s.notes.push(`${rel} matches no exercise (ignored)`);
      continue;
    }
    const read = readBounded(file, maxSourceBytes);
    if ('problem' in read) s.notes.push(`${rel} ${read.problem}`);
    else addFile(s, id, read.bytes.toString('utf8'), rel);
  }
  for (const [rel, file] of zips) addZip(s, file, rel, ids);
  // An unzipped download keeps its manifest.json: take the learner's name from it, as from a zip. Read like
  // any other file (a manifest.json that is /dev/zero, a FIFO or a symlink is a note, not a hang).
  const manifest = join(dir, Buffer.from('manifest.json'));
  let st: Stats | undefined;
  try {
    st = lstatSync(manifest);
  } catch {
    return; // no manifest: the folder's name is enough
  }
  if (st.isDirectory()) return;
  const read = readBounded(manifest, maxManifestBytes);
  if ('problem' in read) {
    s.notes.push(`manifest.json ${read.problem}`);
    return;
  }
  try {
    const name = (JSON.parse(read.bytes.toString('utf8')) as { student?: unknown } | null)?.student;
    if (typeof name === 'string' && name && !s.displayName) s.displayName = name.slice(0, 200);
  } catch {
    // not JSON: the folder's name is enough
  }
}

/** Reads one student's submission from a folder (its .ts files and any zip in it). Gradescope uses this. */
export function readStudentFolder(dir: string | Buffer, student: string, ids: readonly string[]): StudentSubmission {
  const s: StudentSubmission = { student, files: new Map(), notes: [] };
  readFolder(s, typeof dir === 'string' ? Buffer.from(dir) : dir, ids);
  return s;
}

/**
 * Every student in a submissions folder, sorted by name. Throws only if `dir` itself cannot be read; anything
 * wrong below it (a symlinked or unreadable student folder, a FIFO named like a zip) is a note in that
 * student's row.
 */
export function discoverSubmissions(dir: string, ids: readonly string[], opts: { outDir?: string } = {}): { students: StudentSubmission[]; notes: string[] } {
  const notes: string[] = [];
  // The output folder may sit inside the submissions folder (it exists before discovery): not a student.
  const outDir = opts.outDir === undefined ? undefined : path.resolve(opts.outDir);
  const byName = new Map<string, StudentSubmission>();
  const root = Buffer.from(dir);
  // Byte name (hex, without .zip) → row name. Shown names can coincide (a literal "a\\xff" and the bytes
  // 61 ff); such a second name gets a suffix, so no two byte names share a row or a feedback file.
  const rowOf = new Map<string, string>();
  const student = (bytes: Buffer, name: string) => {
    const key = bytes.toString('hex');
    let row = rowOf.get(key);
    if (row === undefined) {
      row = name;
      for (let i = 2; [...rowOf.values()].includes(row); i++) row = `${name} (${i})`;
      rowOf.set(key, row);
    }
    const s: StudentSubmission = byName.get(row) ?? { student: row, files: new Map(), notes: [] };
    if (row !== name && !byName.has(row)) s.notes.push(`named "${row}" because another folder or zip shows as "${name}" too`);
    byName.set(row, s);
    return s;
  };
  const zipStem = (b: Buffer) => b.subarray(0, b.length - 4);
  const names = readdirSync(root, { encoding: 'buffer' }).map((b) => ({ b, name: showName(b) }));
  for (const { b, name } of names.sort((x, y) => x.name.localeCompare(y.name))) {
    if (name.startsWith('.') || name === '__MACOSX') continue;
    if (outDir !== undefined && path.resolve(dir, name) === outDir) {
      notes.push(`${name} is the output folder (--out), not a student (skipped)`);
      continue;
    }
    const full = join(root, b);
    const isZip = name.toLowerCase().endsWith('.zip');
    let st: Stats;
    try {
      st = lstatSync(full);
    } catch (e) {
      (isZip ? student(zipStem(b), name.replace(/\.zip$/i, '')) : student(b, name)).notes.push(`${name} could not be read (${why(e)}); nothing was graded`);
      continue;
    }
    if (st.isDirectory()) readFolder(student(b, name), full, ids);
    else if (isZip) addZip(student(zipStem(b), name.replace(/\.zip$/i, '')), full, name, ids);
    else if (name.endsWith('.ts') && st.isFile())
      notes.push(`${name} is directly in the submissions folder: put each student's files in a folder named after the student (ignored)`);
    else if (st.isFile()) notes.push(`${name} is not a folder or a .zip (ignored)`);
    // A symlink, FIFO, socket or device where a student's folder should be: a row that says so, not silence.
    else student(b, name).notes.push(`${name} is ${kindOf(st)}; nothing was graded. Copy the student's files into a real folder.`);
  }
  // A folder and a zip with the same name are one student (folder first in the sort, so its loose files win).
  const students = [...byName.values()].sort((a, b) => a.student.localeCompare(b.student));
  return { students, notes };
}
