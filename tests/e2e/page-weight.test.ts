/**
 * Issue 15, "speed you can feel": no lesson page loads more than 60 KB (gzip) of JavaScript before the learner does
 * anything. The editor, tfjs and a figure's lazy parts come later, through dynamic import(). Reads the site the e2e
 * setup built (dist/); scripts/lib/page-js.ts follows each page's static imports. `npm run bench -- --bytes-only`
 * prints the same numbers with what loads after the editor opens and after the first run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialJs, staticImports } from '../../scripts/lib/page-js.ts';

const BUDGET = 60 * 1024;
const docs = 'src/content/docs';
/** Every lesson's built page: dist/<module>/<lesson>/index.html. */
const pages = readdirSync(docs, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(docs, d.name)).filter((f) => f.endsWith('.mdx') && f !== 'index.mdx').map((f) => `${d.name}/${f.replace(/\.mdx$/, '')}`));

describe('caching of the built site', () => {
  it('marks the hashed assets immutable for static hosts (dist/_headers, from public/_headers)', () => {
    const headers = readFileSync('dist/_headers', 'utf8');
    expect(headers).toMatch(/^\/_astro\/\*\n\s+Cache-Control: public, max-age=31536000, immutable$/m);
    // Every script a page loads is under /_astro/ with a content hash in its name, so the rule covers them all.
    const { files } = initialJs('dist', 'dist/activation-depth/softmax-blobs/index.html');
    for (const f of files) expect(f).toMatch(/^_astro\/.+\.[\w-]{5,}\.js$/);
  });
});

describe('initial JavaScript of a lesson page', () => {
  it('finds static imports in minified chunks, not dynamic ones', () => {
    expect(staticImports('import{a as b}from"./x.js";import"./y.js";export*from"./z.js";const m=()=>import("./lazy.js")')).toEqual(['./x.js', './y.js', './z.js']);
  });

  it(`is at most ${BUDGET / 1024} KB gzip on every lesson page`, () => {
    expect(pages.length).toBeGreaterThan(20);
    const sizes = pages.map((p) => ({ page: p, ...initialJs('dist', path.join('dist', p, 'index.html')) }));
    // Guards the measurement itself: an exercise page loads the exercise element's script and what it imports.
    const exercisePage = sizes.find((s) => s.page === 'activation-depth/softmax-blobs')!;
    expect(exercisePage.files.some((f) => f.includes('Exercise.astro'))).toBe(true);
    expect(exercisePage.files.length).toBeGreaterThan(3);
    for (const s of sizes) expect(s.gzipBytes, `${s.page}: ${s.files.join(', ')}`).toBeLessThanOrEqual(BUDGET);
  });
});
