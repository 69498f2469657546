/**
 * `npm run dev` serves a working course: the lesson renders and the reference solution passes on WebAssembly
 * (dev mode bundles workers and wasm differently from the build, so it gets its own check).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { expectNoPageErrorsAfterEach, runAndWait, saveCode } from './browser.ts';
import { startAstro, type AstroServer } from '../../scripts/lib/astro-server.ts';

const id = '04-activation-depth/01-softmax-blobs';
const sel = `rdl-exercise[data-exercise-id="${id}"]`;
let server: AstroServer;
let base = '';
let b: Browser;

beforeAll(async () => {
  server = await startAstro('dev');
  base = server.url;
  // The first request waits for Vite to pre-bundle dependencies; make sure that is over before the browser comes.
  for (let i = 0; i < 90; i++) {
    const r = await fetch(`${base}/activation-depth/softmax-blobs/`).catch(() => null);
    if (r?.ok && (await r.text()).includes('katex')) break;
    await new Promise((res) => setTimeout(res, 1000));
  }
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  server?.stop();
});
expectNoPageErrorsAfterEach(() => [b]);

describe('dev server', () => {
  it('serves the lesson, and the solution passes on WebAssembly', async () => {
    const { page } = b;
    const { solution } = loadExercise(id);
    const resp = await page.goto(`${base}/activation-depth/softmax-blobs/`);
    expect(resp?.status()).toBe(200);
    await page.locator('.katex-display').first().waitFor({ timeout: 60_000 }).catch(async () => {
      throw new Error(`no KaTeX on the dev page; it shows: ${(await page.locator('body').textContent())?.slice(0, 500)}`);
    });
    expect(await page.locator('.katex-display').count()).toBeGreaterThan(4);
    // Run the saved code without opening the editor: the fastest path through the runner.
    await saveCode(page, id, solution);
    await page.reload();
    expect(await runAndWait(page, id, 180_000)).toMatch(/^Passed/);
    expect(await page.locator(`${sel} [data-role=backend-badge]`).getAttribute('data-backend')).toBe('wasm');
  });
});
