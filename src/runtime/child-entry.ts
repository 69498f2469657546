/**
 * The grading child's code as plain JavaScript (Node only): node-child.ts and every project file it imports,
 * with their types stripped once by the grader, so that a child starts without stripping TypeScript itself.
 *
 * Why: Node strips a .ts file's types with amaro, a WebAssembly build of swc, instantiated in every process that
 * loads TypeScript. Under the child's address-space limit (sandbox.ts) V8 cannot reserve the 4 GiB that amaro's
 * WebAssembly memory declares as its maximum, and it retries after full garbage collections before it settles
 * for less: measured in a sandboxed child, amaro cost about 0.35 s of CPU per submission (its compile, its
 * stripping, 8 last-resort collections) out of the 1.4 s before the learner's first line ran. Node's own compile
 * cache, which also caches stripped TypeScript, is no way round it: Node uses it only where the process may write
 * to the cache directory, and a child may write nowhere (a cache that one student's child can write is a cache it
 * can poison for the next).
 *
 * So the grader writes the stripped files itself, into a folder named by a hash of their sources (and of Node's
 * version, whose stripper made them), under node_modules/.cache, which children may read but not write (the
 * permission model gives them no write access at all; as root they also run under another uid). A folder is
 * written under a temporary name and renamed into place whole, and never changed afterwards, so a child never
 * sees a half-written or mixed set. Each file keeps its original line and column positions (strip mode blanks the
 * types out) and names its .ts source in a sourceURL comment, so stack traces read as before. Where the folder
 * cannot be written (a read-only checkout) the child starts from the TypeScript sources as before.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';

/**
 * A relative specifier ending in .ts after `from`, `import` or `import(`: the project's own imports (its
 * tsconfig requires the extension). Type-only imports match too, so a file's hash covers its type imports' files
 * as well; those are copied and never loaded.
 */
const relativeTs = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.\.?\/[^'"\n]*?)\.ts\2/g;

/** Every project file `entry` imports, directly or not (type-only imports included), with its source. */
export function importGraph(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const source = readFileSync(file, 'utf8');
    files.set(file, source);
    for (const m of source.matchAll(relativeTs)) visit(path.resolve(path.dirname(file), `${m[3]}.ts`));
  };
  visit(entry);
  return files;
}

/** The JavaScript that Node would run for `source` (its types blanked out), importing .mjs siblings instead of .ts. */
export function toJavaScript(source: string, file: string): string {
  // stripTypeScriptTypes warns once per process that it is experimental; the grader's output is no place for that.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String((warning as Error)?.message ?? warning).includes('stripTypeScriptTypes')) (emitWarning as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    const js = stripTypeScriptTypes(source, { mode: 'strip', sourceUrl: file });
    return js.replace(relativeTs, (_all, before: string, quote: string, rel: string) => `${before}${quote}${rel}.mjs${quote}`);
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** How long a folder of another version is kept after its last use (a grader started before an edit may still use it). */
const KEEP_OLD_MS = 24 * 3600 * 1000;

/** Removes folders of other versions not touched for a day; the cache must not grow with every edit. */
function pruneOld(cacheDir: string, keep: string): void {
  try {
    for (const name of readdirSync(cacheDir)) {
      const dir = path.join(cacheDir, name);
      if (name !== keep && Date.now() - statSync(dir).mtimeMs > KEEP_OLD_MS) rmSync(dir, { recursive: true, force: true });
    }
  } catch {
    // Pruning is housekeeping: a failure costs disk space, not a grade.
  }
}

/**
 * The path of a JavaScript copy of `entry` (a TypeScript file under `root`) and of the project files it imports,
 * written under `<root>/node_modules/.cache/rdl-grading-child/` unless an identical copy is there already;
 * undefined where it cannot be written. Reading and hashing the sources is all a warm call costs (about 40 small
 * files).
 */
export function javaScriptEntry(entry: string, root: string): string | undefined {
  try {
    const files = importGraph(entry);
    const hash = createHash('sha256').update(process.version);
    for (const [file, source] of [...files].sort(([a], [b]) => a.localeCompare(b))) hash.update(`\0${path.relative(root, file)}\0${source}`);
    const key = hash.digest('hex').slice(0, 24);
    const cacheDir = path.join(root, 'node_modules', '.cache', 'rdl-grading-child');
    const dir = path.join(cacheDir, key);
    const out = (file: string, base: string) => path.join(base, path.relative(root, file).replace(/\.ts$/, '.mjs'));
    if (!existsSync(dir)) {
      // Readable by every user: a child of a grader running as root runs under its own uid (sandbox.ts).
      mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
      const tmp = `${dir}.tmp-${randomUUID()}`;
      try {
        for (const [file, source] of files) {
          const target = out(file, tmp);
          mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
          writeFileSync(target, toJavaScript(source, file), { mode: 0o644 });
        }
        chmodSync(tmp, 0o755);
        renameSync(tmp, dir);
      } catch (e) {
        rmSync(tmp, { recursive: true, force: true });
        // Another grader renamed the same version into place first: use that one.
        if (!existsSync(dir)) throw e;
      }
      pruneOld(cacheDir, key);
    } else {
      // Marks the version as in use, so another checkout state's grader does not prune it (best effort).
      try {
        utimesSync(dir, new Date(), new Date());
      } catch {
        // Not ours to touch (another user's grader made it): it is read all the same.
      }
    }
    return out(entry, dir);
  } catch {
    return undefined;
  }
}
