/**
 * Finds the submissions in an instructor's folder (Node only). Two layouts, mixable:
 *
 *   submissions/alice/04-activation-depth/01-softmax-blobs.ts   folder per student (also read: zips inside it)
 *   submissions/bob.zip                                         the bundle from "Download my work", named by student
 *
 * A student's name is the folder's or the zip's name (what the instructor or the LMS export chose); the name in
 * the bundle's manifest is kept as information only. Files that match no exercise are listed, not graded.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { matchExercise, maxSourceBytes, readBundle } from '../bundle.ts';

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

/** Loose .ts files and zips under `dir` (relative paths, `/` separators), skipping dot-folders. */
function walk(dir: string, rel = '', depth = 0): { ts: string[]; zips: string[] } {
  const out = { ts: [] as string[], zips: [] as string[] };
  if (depth > MAX_DEPTH) return out;
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || e.name === '__MACOSX' || e.name === 'node_modules') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const sub = walk(dir, r, depth + 1);
      out.ts.push(...sub.ts);
      out.zips.push(...sub.zips);
    } else if (e.isFile() && e.name.endsWith('.ts')) out.ts.push(r);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.zip')) out.zips.push(r);
  }
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

function addZip(s: StudentSubmission, zipPath: string, label: string, ids: readonly string[]): void {
  const bundle = readBundle(new Uint8Array(readFileSync(zipPath)));
  for (const p of bundle.problems) s.notes.push(`${label}: ${p}`);
  if (bundle.manifest?.student && !s.displayName) s.displayName = String(bundle.manifest.student).slice(0, 200);
  // Loose files were added first, so they win over a zip's copy of the same exercise.
  for (const [rel, source] of bundle.files) {
    const id = matchExercise(rel, ids);
    if (id) addFile(s, id, source, `${label}:${rel}`);
    else s.notes.push(`${label}:${rel} matches no exercise (ignored)`);
  }
}

/** Reads one student's submission from a folder (its .ts files and any zip in it). Gradescope uses this. */
export function readStudentFolder(dir: string, student: string, ids: readonly string[]): StudentSubmission {
  const s: StudentSubmission = { student, files: new Map(), notes: [] };
  const { ts, zips } = walk(dir);
  for (const rel of ts) {
    const file = path.join(dir, rel);
    const id = matchExercise(rel, ids);
    if (!id) {
      s.notes.push(`${rel} matches no exercise (ignored)`);
      continue;
    }
    if (statSync(file).size > maxSourceBytes) {
      s.notes.push(`${rel} is larger than ${maxSourceBytes} bytes (ignored)`);
      continue;
    }
    addFile(s, id, readFileSync(file, 'utf8'), rel);
  }
  for (const rel of zips) addZip(s, path.join(dir, rel), rel, ids);
  // An unzipped download keeps its manifest.json: take the learner's name from it, as from a zip.
  try {
    const name = (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { student?: unknown }).student;
    if (typeof name === 'string' && name && !s.displayName) s.displayName = name.slice(0, 200);
  } catch {
    // no manifest, or not JSON: the folder's name is enough
  }
  return s;
}

/** Every student in a submissions folder, sorted by name. Throws only if `dir` itself cannot be read. */
export function discoverSubmissions(dir: string, ids: readonly string[]): { students: StudentSubmission[]; notes: string[] } {
  const notes: string[] = [];
  const byName = new Map<string, StudentSubmission>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === '__MACOSX') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) byName.set(e.name, readStudentFolder(full, e.name, ids));
    else if (e.isFile() && e.name.toLowerCase().endsWith('.zip')) {
      const student = e.name.replace(/\.zip$/i, '');
      const s = byName.get(student) ?? { student, files: new Map(), notes: [] };
      addZip(s, full, e.name, ids);
      byName.set(student, s);
    } else if (e.isFile() && e.name.endsWith('.ts'))
      notes.push(`${e.name} is directly in the submissions folder: put each student's files in a folder named after the student (ignored)`);
  }
  // A folder and a zip with the same name are one student (folder first, so its loose files win).
  const students = [...byName.values()].sort((a, b) => a.student.localeCompare(b.student));
  return { students, notes };
}
