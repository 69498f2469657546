/**
 * Vite plugin: `import files from 'virtual:tfjs-types'` gives the .d.ts files the editor needs so `tf.`
 * autocompletes: every declaration file reachable from `@tensorflow/tfjs`'s types entry, plus a package.json per
 * package so the editor's TypeScript worker resolves `@tensorflow/tfjs-core` the way Node does.
 *
 * Why collect instead of hand-writing a declaration bundle: the types stay exactly those of the installed
 * tfjs version. Following imports (instead of globbing dist/**) keeps the download to what is reachable.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:tfjs-types';
const RESOLVED = '\0' + VIRTUAL;

export interface DtsFile {
  /** Path as the editor sees it, e.g. node_modules/@tensorflow/tfjs-core/dist/index.d.ts */
  path: string;
  content: string;
}

/** Drops each file's repeated Apache licence header and source-map line: ~a third of the bytes, no types. */
function stripNoise(text: string): string {
  return text.replace(/^\/\*\*?\s*\n\s*\*\s*@license[\s\S]*?\*\/\s*/, '').replace(/^\/\/# sourceMappingURL=.*$/m, '');
}

/** Collects the declaration files reachable from `entryPackage`'s types, within `@tensorflow/*` packages. */
export function collectTfjsTypes(root: string, entryPackage = '@tensorflow/tfjs'): DtsFile[] {
  const nm = path.join(root, 'node_modules');
  const files = new Map<string, string>();
  const packages = new Set<string>();
  const typesEntry = (pkg: string): string | null => {
    const pj = path.join(nm, pkg, 'package.json');
    if (!existsSync(pj)) return null;
    const meta = JSON.parse(readFileSync(pj, 'utf8')) as { types?: string; typings?: string };
    packages.add(pkg);
    return path.join(nm, pkg, meta.types ?? meta.typings ?? 'index.d.ts');
  };
  const resolve = (spec: string, from: string): string | null => {
    let base: string;
    if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
    else {
      const m = /^(@tensorflow\/[^/]+)(\/.*)?$/.exec(spec);
      if (!m) return null; // other packages (seedrandom, @webgpu/types…) are left out; their types become any
      if (!m[2]) return typesEntry(m[1]!);
      typesEntry(m[1]!);
      base = path.join(nm, m[1]!, m[2]);
    }
    for (const c of [base.replace(/\.js$/, '') + '.d.ts', path.join(base, 'index.d.ts')]) if (existsSync(c)) return c;
    return null;
  };
  const entry = typesEntry(entryPackage);
  const queue = entry ? [entry] : [];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const m of text.matchAll(/(?:from\s+|import\s+|import\(\s*|require\(\s*|<reference\s+path=)['"]([^'"]+)['"]/g)) {
      const target = resolve(m[1]!, file);
      if (target && !files.has(target)) queue.push(target);
    }
  }
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const out: DtsFile[] = [...files].map(([f, content]) => ({ path: rel(f), content: stripNoise(content) }));
  for (const pkg of packages) {
    const meta = JSON.parse(readFileSync(path.join(nm, pkg, 'package.json'), 'utf8')) as { name: string; version: string; types?: string; typings?: string };
    out.push({ path: `node_modules/${pkg}/package.json`, content: JSON.stringify({ name: meta.name, version: meta.version, types: meta.types ?? meta.typings }) });
  }
  return out;
}

export function tfjsTypes(root: string): Plugin {
  return {
    name: 'rdl:tfjs-types',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      return `export default ${JSON.stringify(collectTfjsTypes(root))};`;
    },
  };
}
