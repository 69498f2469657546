/**
 * Each exercise's reference solution on a WebGL backend that stores 16-bit floats, in headless Chromium against the
 * built site: what a learner whose GPU has no float32 render targets would see if they chose WebGL in the menu.
 * The page's test-only flags (src/runtime/debug-flags.ts) make tfjs render in half floats (force-f16) and let the
 * menu pick SwiftShader's WebGL (software-gpu). An exercise that fails here with a correct answer needs
 * `precision: { needs: float32 }` in its exercise.yaml (docs/backends.md). Prints one line per exercise; asserts nothing.
 *
 * Run: npm run build, then node scripts/with-node.mjs node scripts/half-float-browser.ts [--exercise ID]…
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { listExerciseIds, loadExercise } from '../graders/exercise-files.ts';
import { startAstro } from './lib/astro-server.ts';
import { launch } from './lib/chromium.ts';

const { values: args } = parseArgs({ options: { exercise: { type: 'string', multiple: true } } });
if (!existsSync('dist/index.html')) throw new Error('Run `npm run build` first: this uses the built site.');
const ids = listExerciseIds().filter((id) => !args.exercise || args.exercise.includes(id));

const server = await startAstro('preview');
const b = await launch();
try {
  for (const id of ids) {
    const { meta, solution } = loadExercise(id);
    const url = `${server.url}/${meta.lesson}/?rdl-debug=force-f16,software-gpu`;
    await b.page.goto(url);
    await b.page.evaluate(([key, code]) => {
      localStorage.setItem(key!, code!);
      localStorage.setItem('rdl:backend', 'webgl');
    }, [`rdl:code:${id}`, solution]);
    await b.page.goto(url);
    const sel = `rdl-exercise[data-exercise-id="${id}"]`;
    await b.page.locator(`${sel}[data-ready=true]`).waitFor();
    await b.page.locator(`${sel} [data-role=run]`).click();
    await b.page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: meta.timeoutMs + 30_000 });
    const checks = await b.page.locator(`${sel} [data-role=checks] > li`).evaluateAll((items) =>
      items.map((li) => `${li.className === 'pass' ? '✓' : '✗'} ${li.querySelector('strong')?.textContent}${li.childNodes[2]?.textContent ?? ''}`.trim()),
    );
    const badge = await b.page.locator(`${sel} [data-role=backend-badge]`).textContent();
    const status = await b.page.locator(sel).getAttribute('data-status');
    const detail = checks.length ? checks.join('; ') : await b.page.locator(`${sel} [data-role=status]`).textContent();
    console.log(`${id.padEnd(40)} ${status} (${badge}) ${detail}`);
  }
} finally {
  if (b.errors.length) console.log('page errors:', b.errors);
  await b.close();
  server.stop();
}
