/**
 * The bundle a learner downloads from the course's progress page ("Download my work") and the instructor's
 * grader reads: a zip with one `<exercise-id>.ts` per exercise (the same paths as the folder layout
 * `<student>/<exercise-id>.ts`) and a `manifest.json`. Pure TypeScript over bytes (fflate), so the page and
 * the CLI share it.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

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
  /** Per exercise in the course: whether code was saved, and the status of the last run in that browser. */
  exercises: Record<string, { saved: boolean; status: string | null }>;
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

/** Reads a bundle (or any zip of .ts files). Never throws: a bad zip comes back as a problem. */
export function readBundle(bytes: Uint8Array): ReadBundle {
  const problems: string[] = [];
  const files = new Map<string, string>();
  let manifest: BundleManifest | null = null;
  if (bytes.length > maxBundleBytes) return { manifest, files, problems: [`the zip is ${Math.round(bytes.length / 1e6)} MB, more than ${maxBundleBytes / 1e6} MB`] };
  let entries: Record<string, Uint8Array>;
  let total = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        const wanted = /\.ts$|(^|\/)manifest\.json$/.test(f.name) && !f.name.split('/').includes('..') && !f.name.startsWith('/') && !/(^|\/)__MACOSX\//.test(f.name);
        if (!wanted) return false;
        total += f.originalSize;
        if (f.originalSize > maxSourceBytes || total > maxBundleBytes) {
          problems.push(`skipped ${f.name}: ${f.originalSize} bytes is more than ${maxSourceBytes}`);
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    return { manifest, files, problems: [`not a readable zip file (${(e as Error).message})`] };
  }
  const names = Object.keys(entries);
  // A re-zipped download often wraps everything in one folder ("rdl-work-alice/…"): drop it.
  const top = names.length > 0 && names.every((n) => n.includes('/') && n.split('/')[0] === names[0]!.split('/')[0]) ? `${names[0]!.split('/')[0]}/` : '';
  for (const [name, data] of Object.entries(entries)) {
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
