/**
 * `npm run bench -- --startup-only`: how long a run takes to start in Chromium (Run clicked → the worker has a
 * backend and says so), first run and later runs of the same page, with the first worker's compiled WebAssembly
 * handed to each later worker (src/runtime/wasm-module-cache.ts) and without (`?rdl-debug=no-wasm-cache`: every
 * worker compiles tfjs's WebAssembly again). Each run is a fresh worker either way. Needs `npm run build`.
 */
import { loadExercise } from '../../graders/exercise-files.ts';
import { onBuiltSite } from './built-site.ts';
import { duration, median, printTable } from './format.ts';

export async function benchStartup(o: { ids: string[]; runs: number }): Promise<void> {
  const rows = [['exercise', 'hand-over', 'first run', 'later runs (median)', 'later runs', 'WebAssembly in later runs']];
  const built = await onBuiltSite('Run start-up', async (url, b) => {
    for (const id of o.ids) {
      const { meta, solution } = loadExercise(id);
      const sel = `rdl-exercise[data-exercise-id="${id}"]`;
      const badge = b.page.locator(`${sel} [data-role=backend-badge]`);
      for (const cached of [false, true]) {
        await b.page.goto(`${url}/${meta.lesson}/${cached ? '' : '?rdl-debug=no-wasm-cache'}`);
        await b.page.evaluate(([i, code]) => localStorage.setItem(`rdl:code:${i}`, code!), [id, solution]);
        await b.page.reload();
        await b.page.locator(`${sel}[data-ready=true]`).waitFor();
        const times: number[] = [];
        const served: string[] = [];
        for (let r = 0; r <= o.runs; r++) {
          // Cleared first, so the wait below sees this run's worker report its backend.
          await badge.evaluate((e) => e.removeAttribute('data-wasm-module'));
          const t0 = Date.now();
          await b.page.locator(`${sel} [data-role=run]`).click();
          await b.page.locator(`${sel} [data-role=backend-badge][data-wasm-module]`).waitFor({ timeout: 120_000 });
          times.push(Date.now() - t0);
          served.push((await badge.getAttribute('data-wasm-module')) ?? '');
          await b.page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: 300_000 });
        }
        const later = times.slice(1);
        rows.push([id, cached ? 'on' : 'off (no-wasm-cache)', duration(times[0]!), duration(median(later)), later.map(duration).join(', '), [...new Set(served.slice(1))].join(', ')]);
      }
    }
  });
  if (built) printTable('Run start-up in Chromium: Run clicked → the worker has its backend (a fresh worker each run)', rows);
}
