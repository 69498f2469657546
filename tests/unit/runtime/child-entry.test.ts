/**
 * The grading child starts from a JavaScript copy of its code (src/runtime/child-entry.ts), so it never strips
 * TypeScript itself, and its WebAssembly memories are sized to its address-space cap (sandbox.ts
 * wasmMemoryFlags), so V8 never retries a reservation after full garbage collections. Both are start-up time paid
 * once per submission; the tests check what each does, not how fast (that is `npm run bench -- --torch-only`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importGraph, javaScriptEntry } from '../../../src/runtime/child-entry.ts';
import { launcherScript, projectRoot, wasmMemoryFlags } from '../../../src/runtime/sandbox.ts';

const childTs = fileURLToPath(new URL('../../../src/runtime/node-child.ts', import.meta.url));
const roots: string[] = [];

/** A tiny project: main.ts imports a value from lib/b.ts and a type from c.ts. */
function project(b = 'export const b: number = 41;\n'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rdl-child-entry-'));
  roots.push(root);
  mkdirSync(path.join(root, 'lib'));
  writeFileSync(path.join(root, 'main.ts'), "import type { C } from './c.ts';\nimport { b } from './lib/b.ts';\nconst c: C = { n: b + 1 };\nconsole.log(c.n);\n");
  writeFileSync(path.join(root, 'lib', 'b.ts'), b);
  writeFileSync(path.join(root, 'c.ts'), 'export interface C { n: number }\n');
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the grading child as JavaScript', () => {
  it('is written once per version of the sources, runs as they do, and keeps line numbers', () => {
    const root = project();
    const entry = javaScriptEntry(path.join(root, 'main.ts'), root)!;
    expect(entry).toMatch(/node_modules\/\.cache\/rdl-grading-child\/[0-9a-f]{24}\/main\.mjs$/);
    const js = readFileSync(entry, 'utf8');
    expect(js).toContain("from './lib/b.mjs'");
    expect(js).not.toMatch(/\.ts['"]/);
    expect(js.split('\n').length).toBe(readFileSync(path.join(root, 'main.ts'), 'utf8').split('\n').length + 2); // + sourceURL comment
    expect(js).toContain(`//# sourceURL=${path.join(root, 'main.ts')}`);
    const run = spawnSync(process.execPath, [entry], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('42\n');

    const written = statSync(entry).mtimeMs;
    expect(javaScriptEntry(path.join(root, 'main.ts'), root)).toBe(entry);
    expect(statSync(entry).mtimeMs).toBe(written);
    // An edit makes a new version beside the old one (which a running grader may still be using).
    writeFileSync(path.join(root, 'lib', 'b.ts'), 'export const b: number = 1;\n');
    const edited = javaScriptEntry(path.join(root, 'main.ts'), root)!;
    expect(edited).not.toBe(entry);
    expect(spawnSync(process.execPath, [edited], { encoding: 'utf8' }).stdout).toBe('2\n');
    expect(readdirSync(path.join(root, 'node_modules/.cache/rdl-grading-child')).filter((n) => !n.includes('.tmp-'))).toHaveLength(2);
  });

  it('prunes versions unused for a day when it writes a new one', () => {
    const root = project();
    const first = javaScriptEntry(path.join(root, 'main.ts'), root)!;
    const versions = path.join(root, 'node_modules/.cache/rdl-grading-child');
    const firstDir = path.join(versions, path.relative(versions, first).split(path.sep)[0]!);
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    utimesSync(firstDir, twoDaysAgo, twoDaysAgo);
    writeFileSync(path.join(root, 'lib', 'b.ts'), 'export const b: number = 2;\n');
    const second = javaScriptEntry(path.join(root, 'main.ts'), root)!;
    expect(readdirSync(versions)).toEqual([path.relative(versions, second).split(path.sep)[0]]);
  });

  it('is undefined where it cannot be written, and for sources that cannot be read', () => {
    const root = project();
    writeFileSync(path.join(root, 'node_modules'), ''); // a file where the cache folder would go (root ignores mode bits)
    expect(javaScriptEntry(path.join(root, 'main.ts'), root)).toBeUndefined();
    expect(javaScriptEntry(path.join(root, 'missing.ts'), root)).toBeUndefined();
  });

  it('covers every project file node-child.ts loads, and the copy loads no TypeScript', () => {
    const graph = [...importGraph(childTs).keys()].map((f) => path.relative(projectRoot, f));
    expect(graph).toContain('src/runtime/run-learner.ts');
    expect(graph).toContain('src/runtime/wasm-patches/index.ts');
    const entry = javaScriptEntry(childTs, projectRoot)!;
    // The child reads its request from stdin; with none it loads its modules and exits.
    const hook = `data:text/javascript,${encodeURIComponent("import { registerHooks } from 'node:module'; registerHooks({ resolve(s, c, next) { const r = next(s, c); process.stderr.write('resolved ' + r.url + '\\n'); return r; } });")}`;
    const run = spawnSync(process.execPath, ['--import', hook, entry], { input: '', encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const resolved = [...run.stderr.matchAll(/^resolved (\S+)$/gm)].map((m) => m[1]!);
    expect(resolved.some((u) => u.includes('@tensorflow/tfjs-backend-wasm'))).toBe(true);
    expect(resolved.filter((u) => u.endsWith('.ts'))).toEqual([]);
    // Each .mjs it loaded is the copy of a file in the graph.
    const copies = resolved.filter((u) => u.includes('/rdl-grading-child/')).map((u) => u.replace(/.*\/rdl-grading-child\/[0-9a-f]+\//, '').replace(/\.mjs$/, '.ts'));
    expect(copies.length).toBeGreaterThan(10);
    for (const c of copies) expect(graph).toContain(c);
  });
});

describe('WebAssembly memories under the address-space cap', () => {
  it('are capped at the largest of V8’s fallback sizes that leaves 2 GiB of the cap', () => {
    expect(wasmMemoryFlags(4096)).toEqual(['--wasm-max-mem-pages=32768']);
    expect(wasmMemoryFlags(8192)).toEqual(['--wasm-max-mem-pages=65536']);
    expect(wasmMemoryFlags(5120)).toEqual(['--wasm-max-mem-pages=49152']);
    expect(wasmMemoryFlags(3072)).toEqual(['--wasm-max-mem-pages=16384']);
    expect(wasmMemoryFlags(2048)).toEqual([]);
  });

  it('are reserved at the first try: no last-resort garbage collection, where the default 4 GiB maximum needs some', () => {
    // A memory as tfjs-wasm's declares it (16 MiB, growable to 4 GiB), under the grader's default cap.
    const lastResort = (flags: string[]) => {
      const node = [process.execPath, '--trace-gc', ...flags, '-e', 'new WebAssembly.Memory({ initial: 256, maximum: 65536 }).grow(1)'];
      const r = spawnSync('/bin/bash', ['-c', launcherScript(4096 * 1024), ...node], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return (r.stdout.match(/last resort/g) ?? []).length;
    };
    expect(lastResort([])).toBeGreaterThan(0);
    expect(lastResort(wasmMemoryFlags(4096))).toBe(0);
  });
});
