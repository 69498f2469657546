/**
 * `npm run bench -- --bytes-only`: what each exercise's lesson page makes the learner download, in JavaScript (gzip,
 * the default level a server uses): before anything is clicked, after "Edit code" opens Monaco, and after the first
 * Run (the worker, tfjs, its WebAssembly). Chromium records every request of the page and of its worker; each
 * file's size is read from dist/ and gzipped here (`astro preview` serves uncompressed). The first column is what
 * tests/e2e/page-weight.test.ts holds under 60 KB; the WebAssembly binary is counted apart. Needs `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadExercise } from '../../graders/exercise-files.ts';
import { onBuiltSite } from './built-site.ts';
import { printTable } from './format.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** gzip bytes of the built files behind `urls` (those under dist/; anything else is not ours). */
function gzipOf(urls: Iterable<string>): number {
  let total = 0;
  for (const u of urls) {
    const file = path.join('dist', decodeURIComponent(new URL(u).pathname));
    if (existsSync(file)) total += gzipSync(readFileSync(file)).length;
  }
  return total;
}

export async function benchBytes(o: { ids: string[] }): Promise<void> {
  const rows = [['lesson (first exercise)', 'before the editor', '+ editor open', '+ first run', 'WebAssembly (first run)']];
  const built = await onBuiltSite('Page weight', async (url, b) => {
    const lessons = new Map<string, string>();
    for (const id of o.ids) {
      const lesson = loadExercise(id).meta.lesson;
      if (!lessons.has(lesson)) lessons.set(lesson, id);
    }
    for (const [lesson, id] of lessons) {
      const requested = new Set<string>();
      const context = b.page.context();
      const onRequest = (r: { url(): string }) => requested.add(r.url());
      context.on('request', onRequest);
      const js = () => [...requested].filter((u) => /\.m?js(\?|$)/.test(u));
      const wasm = () => [...requested].filter((u) => /\.wasm(\?|$)/.test(u));
      const sel = `rdl-exercise[data-exercise-id="${id}"]`;
      // A fresh start: no cache, no saved code (the starter runs, which loads everything a run needs).
      await context.clearCookies();
      await b.page.goto('about:blank');
      const cdp = await context.newCDPSession(b.page);
      await cdp.send('Network.clearBrowserCache');
      await b.page.goto(`${url}/${lesson}/`);
      await b.page.evaluate(() => localStorage.clear());
      await b.page.reload();
      await b.page.locator(`${sel}[data-ready=true]`).waitFor();
      const before = gzipOf(js());
      await b.page.locator(`${sel} [data-role=edit]`).click();
      await b.page.locator(`${sel}[data-editor=ready]`).waitFor({ timeout: 120_000 });
      const editor = gzipOf(js());
      await b.page.locator(`${sel} [data-role=run]`).click();
      await b.page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: 300_000 });
      rows.push([lesson, kb(before), kb(editor - before), kb(gzipOf(js()) - editor), kb(gzipOf(wasm()))]);
      context.off('request', onRequest);
      await cdp.detach();
    }
  });
  if (built) printTable('Page weight: JavaScript (gzip) a learner downloads on each exercise page', rows, '"Before the editor" includes what a figure loads after the page (the MDN training figure\'s snapshots); the 60 KB budget (tests/e2e/page-weight.test.ts) is the page\'s own scripts and their static imports.');
}
