/**
 * The bundle a learner downloads from the course's progress page ("Download my work") and the instructor's
 * grader reads: a zip with one `<exercise-id>.ts` per exercise (the same paths as the folder layout
 * `<student>/<exercise-id>.ts`) and a `manifest.json`. Pure TypeScript over bytes (fflate), so the page and
 * the CLI share it.
 */
import { Inflate, strFromU8, strToU8, zipSync, type Zippable } from 'fflate';

/** Written into every manifest; a zip without it is still read (any zip of .ts files works). */
export const bundleFormat = 'runnable-deep-learning/work';
export const bundleVersion = 1;

export interface BundleManifest {
  /** Always `bundleFormat`. */
  format: string;
  /** Format version, for readers that may one day need to tell formats apart. */
  version: number;
  /** Name the learner typed on the progress page (informational: the grader names students by file or folder). */
  student?: string;
  /** ISO time of the download. */
  exportedAt: string;
  /**
   * Per exercise in the course: whether code was saved, and the status in that browser of the code in the zip (its
   * last run). Where the learner's current code had not passed but an earlier version had, the zip holds that
   * version (under a comment that says so): `swapped` says why ("fails": the current code fails; "not-run": it was
   * not run since), with `passedAt`, when it passed.
   */
  exercises: Record<string, { saved: boolean; status: string | null; swapped?: string; passedAt?: string | null }>;
}

/** Largest .ts file and whole bundle the readers accept (a zip bomb stops here, not in the grader's memory). */
export const maxSourceBytes = 512 * 1024;
export const maxBundleBytes = 16 * 1024 * 1024;

/** `<module>/<exercise>.ts` for an exercise id. */
export const bundlePath = (id: string) => `${id}.ts`;

/** Zips the learner's code, one entry per exercise id, plus the manifest. */
export function makeBundle(files: Record<string, string>, manifest: BundleManifest): Uint8Array {
  const entries: Zippable = { 'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const [id, code] of Object.entries(files)) entries[bundlePath(id)] = strToU8(code);
  return zipSync(entries, { level: 6 });
}

export interface ReadBundle {
  manifest: BundleManifest | null;
  /** Every .ts entry: path inside the zip (one common top folder removed, `/` separators) → text. */
  files: Map<string, string>;
  /** What was skipped and why, for the instructor's report. */
  problems: string[];
}

/**
 * Most central-directory entries a zip may list. A bundle holds one entry per exercise plus a manifest; a
 * zip bomb lists thousands of entries that share one huge stream, and each costs an inflate.
 */
export const maxZipEntries = 1000;

/** One central-directory entry, with the byte range of its local header and data. */
interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  claimedSize: number;
  /** [start, end) of the local header + data in the zip. */
  start: number;
  end: number;
  dataStart: number;
}

class ZipError extends Error {}

/**
 * Lists a zip's entries from its central directory, the way fflate finds them, but with the offsets fflate
 * does not expose: a reader needs them to refuse entries that share or overlap their data (the
 * "one 256 MiB stream, 12,000 names" bomb). ZIP64 zips are refused: a bundle is never near 4 GiB.
 */
function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (i: number) => v.getUint16(i, true);
  const u32 = (i: number) => v.getUint32(i, true);
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--)
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipError('no end of central directory record');
  const count = u16(eocd + 10);
  const cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('ZIP64 zips are not read');
  if (count > maxZipEntries) throw new ZipError(`it lists ${count} entries, more than ${maxZipEntries}`);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(p) !== 0x02014b50) throw new ZipError('the central directory is damaged');
    const flags = u16(p + 8);
    const nameLength = u16(p + 28);
    const next = p + 46 + nameLength + u16(p + 30) + u16(p + 32);
    if (next > bytes.length) throw new ZipError('the central directory is damaged');
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise CP437, read as Latin-1 like fflate does (ASCII either way).
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(rawName);
    const start = u32(p + 42);
    if (start + 30 > bytes.length || u32(start) !== 0x04034b50) throw new ZipError(`the local header of ${JSON.stringify(name.slice(0, 100))} is missing`);
    const dataStart = start + 30 + u16(start + 26) + u16(start + 28);
    const compressedSize = u32(p + 20);
    const end = dataStart + compressedSize;
    if (end > bytes.length) throw new ZipError(`${JSON.stringify(name.slice(0, 100))} runs past the end of the zip`);
    entries.push({ name, method: u16(p + 10), compressedSize, claimedSize: u32(p + 24), start, end, dataStart });
    p = next;
  }
  // Each entry must own its bytes: entries that share or overlap local data are a zip bomb, refused whole.
  const byStart = [...entries].sort((a, b) => a.start - b.start);
  for (let i = 1; i < byStart.length; i++)
    if (byStart[i]!.start < byStart[i - 1]!.end) throw new ZipError(`entries ${JSON.stringify(byStart[i - 1]!.name.slice(0, 100))} and ${JSON.stringify(byStart[i]!.name.slice(0, 100))} share their data (a zip bomb?)`);
  return entries;
}

/** Inflates one entry, stopping as soon as it yields more than `limit` bytes (whatever its header claims). */
function inflateEntry(bytes: Uint8Array, e: ZipEntry, limit: number): Uint8Array | null {
  const data = bytes.subarray(e.dataStart, e.end);
  if (e.method === 0) return data.length > limit ? null : data.slice();
  if (e.method !== 8) throw new ZipError(`${JSON.stringify(e.name.slice(0, 100))} uses compression method ${e.method} (only stored and deflate are read)`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > limit) over = true;
    else chunks.push(chunk);
  });
  // 1 KiB of deflate inflates to at most ~1 MiB, so the work done past the limit is bounded by that.
  for (let i = 0; i < data.length && !over; i += 1024) inflater.push(data.subarray(i, i + 1024), i + 1024 >= data.length);
  if (over) return null;
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const wantedEntry = (name: string) =>
  /\.ts$|(^|\/)manifest\.json$/.test(name) && !name.split('/').includes('..') && !name.startsWith('/') && !/(^|\/)__MACOSX\//.test(name);

/**
 * Reads a bundle (or any zip of .ts files). Never throws: a bad zip comes back as a problem. Budgets: the zip's
 * size, the number of entries, each entry's and the total bytes actually inflated (a header's sizes are the
 * zip's claim, not a fact), and no two entries sharing data.
 */
export function readBundle(bytes: Uint8Array): ReadBundle {
  const problems: string[] = [];
  const files = new Map<string, string>();
  let manifest: BundleManifest | null = null;
  if (bytes.length > maxBundleBytes) return { manifest, files, problems: [`the zip is ${Math.round(bytes.length / 1e6)} MB, more than ${maxBundleBytes / 1e6} MB`] };
  const entries = new Map<string, Uint8Array>();
  try {
    let total = 0;
    for (const e of zipEntries(bytes)) {
      // The first of two entries with one name wins (they cannot share data: zipEntries checked).
      if (!wantedEntry(e.name) || entries.has(e.name)) continue;
      const limit = Math.min(maxSourceBytes, maxBundleBytes - total);
      const data = e.claimedSize > limit ? null : inflateEntry(bytes, e, limit);
      if (!data) {
        problems.push(
          `skipped ${e.name}: ${
            e.claimedSize > maxSourceBytes
              ? `${e.claimedSize} bytes is more than ${maxSourceBytes}`
              : e.claimedSize > limit
                ? `the zip's files add up to more than ${maxBundleBytes} bytes`
                : `it inflates to more than ${limit} bytes (its header said ${e.claimedSize})`
          }`,
        );
        continue;
      }
      total += data.length;
      entries.set(e.name, data);
    }
  } catch (e) {
    return { manifest, files, problems: [`not a readable zip file (${(e as Error).message})`] };
  }
  const names = [...entries.keys()];
  // A re-zipped download often wraps everything in one folder ("rdl-work-alice/…"): drop it.
  const top = names.length > 0 && names.every((n) => n.includes('/') && n.split('/')[0] === names[0]!.split('/')[0]) ? `${names[0]!.split('/')[0]}/` : '';
  for (const [name, data] of entries) {
    const rel = name.slice(top.length);
    if (rel === 'manifest.json') {
      try {
        const m = JSON.parse(strFromU8(data)) as BundleManifest;
        manifest = m && typeof m === 'object' ? m : null;
      } catch {
        problems.push('manifest.json is not valid JSON (ignored)');
      }
    } else if (rel.endsWith('.ts')) files.set(rel, strFromU8(data));
  }
  return { manifest, files, problems };
}

/**
 * Which exercise a submitted file is for, from its path relative to the student's folder or zip (without the
 * leading folder): the full id (`04-activation-depth/01-softmax-blobs.ts`), the id at the end of a longer path,
 * or just the exercise's file name (`01-softmax-blobs.ts`, as a Gradescope upload arrives) when only one
 * exercise has that name. Undefined when none matches.
 */
export function matchExercise(relPath: string, ids: readonly string[]): string | undefined {
  const p = relPath.replace(/\\/g, '/').replace(/\.ts$/, '');
  const exact = ids.find((id) => p === id || p.endsWith(`/${id}`));
  if (exact) return exact;
  const base = p.split('/').pop()!;
  const byName = ids.filter((id) => id.split('/').pop() === base);
  return byName.length === 1 ? byName[0] : undefined;
}
