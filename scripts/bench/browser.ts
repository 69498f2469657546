/**
 * `npm run bench -- --browser-only`: the built site in Debian's Chromium, each reference solution run through the
 * page exactly as a learner would, on WASM, WebGL and WebGPU where the browser offers them. A backend that exists
 * only as a software emulation is still measured for WebGL (SwiftShader), but WebGPU's fallback adapter is
 * skipped: it is ~140× slower and would take minutes per run. Needs `npm run build` first.
 */
import { loadExercise } from '../../graders/exercise-files.ts';
import { onBuiltSite } from './built-site.ts';
import { duration, median, printTable } from './format.ts';

export async function benchBrowser(o: { ids: string[]; runs: number }): Promise<void> {
  const rows = [['exercise', 'backend', 'median', 'runs', 'note']];
  const built = await onBuiltSite('Chromium', async (site, b) => {
    for (const id of o.ids) {
      const { meta, solution } = loadExercise(id);
      const url = `${site}/${meta.lesson}/`;
      const sel = `rdl-exercise[data-exercise-id="${id}"]`;
      await b.page.goto(url);
      const adapter = await b.page.evaluate(async () => {
        const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean; architecture?: string } } | null> } }).gpu;
        const a = await gpu?.requestAdapter();
        return a ? { fallback: Boolean(a.info?.isFallbackAdapter), arch: a.info?.architecture ?? '' } : null;
      });
      for (const backend of ['wasm', 'webgl', 'webgpu'] as const) {
        if (backend === 'webgpu' && (!adapter || adapter.fallback)) {
          rows.push([id, backend, '–', '', adapter ? `skipped: only a fallback adapter (${adapter.arch}) is offered` : 'not offered by this browser']);
          continue;
        }
        await b.page.evaluate(
          ([i, code, be]) => {
            localStorage.setItem(`rdl:code:${i}`, code!);
            localStorage.setItem('rdl:backend', be!);
          },
          [id, solution, backend],
        );
        const times: number[] = [];
        let ran = '';
        for (let r = 0; r < o.runs; r++) {
          await b.page.goto(url);
          await b.page.locator(`${sel}[data-ready=true]`).waitFor();
          await b.page.locator(`${sel} [data-role=run]`).click();
          await b.page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: 300_000 });
          const status = await b.page.locator(sel).getAttribute('data-status');
          if (status !== 'passed') throw new Error(`${id} did not pass in Chromium on ${backend}: ${await b.page.locator(`${sel} [data-role=status]`).textContent()}`);
          times.push(Number(await b.page.locator(sel).getAttribute('data-duration-ms')));
          ran = (await b.page.locator(`${sel} [data-role=backend-badge]`).getAttribute('data-backend')) ?? '';
        }
        const renderer = backend === 'webgl' ? await b.page.locator(`${sel} [data-role=backend-info]`).textContent() : '';
        rows.push([id, backend, duration(median(times)), times.map(duration).join(', '), `${ran !== backend ? `(ran on ${ran}) ` : ''}${/SwiftShader/i.test(renderer ?? '') ? 'software GPU (SwiftShader)' : ''}`]);
      }
    }
  }, ['--enable-unsafe-webgpu']);
  if (built) printTable(`Chromium: each reference solution run through the page, median of ${o.runs}`, rows);
}
