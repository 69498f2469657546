/**
 * The JavaScript a built page loads before anything happens on it: its module scripts (and inline modules' static
 * imports), followed through every static `import` of the chunks Vite emitted, but not through dynamic `import()`
 * (the editor, tfjs, a figure's lazy parts load on demand). Sizes are gzip at the default level, what a server or CDN
 * sends. For the 60 KB budget of issue 15 (tests/e2e/page-weight.test.ts) and `npm run bench -- --bytes-only`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Static import specifiers of a minified ES module: `import{a}from"./x.js"`, `import"./y.js"`, `export*from"./z.js"`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g)) found.add(m[1]!);
  return [...found];
}

/** A page's initial JavaScript files (paths under `dist`) and their total gzip bytes. */
export function initialJs(dist: string, htmlFile: string): { files: string[]; gzipBytes: number } {
  const html = readFileSync(htmlFile, 'utf8');
  const queue: string[] = [];
  const fromRoot = (src: string) => path.join(dist, src.replace(/^\//, ''));
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) queue.push(fromRoot(m[1]!));
  // Inline module scripts count as they are, and their imports are followed.
  let inlineBytes = 0;
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    inlineBytes += gzipSync(m[1]!).length;
    for (const spec of staticImports(m[1]!)) queue.push(fromRoot(spec));
  }
  const seen = new Set<string>();
  let gzipBytes = inlineBytes;
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file);
    gzipBytes += gzipSync(code).length;
    for (const spec of staticImports(code.toString('utf8'))) queue.push(spec.startsWith('/') ? fromRoot(spec) : path.resolve(path.dirname(file), spec));
  }
  return { files: [...seen].map((f) => path.relative(dist, f)), gzipBytes };
}
