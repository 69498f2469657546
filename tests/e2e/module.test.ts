/**
 * Smoke test of every lesson of every module that has lessons, against the built site in Debian's Chromium:
 * each page renders (title, math rendered at build time, no page errors) with no serious or critical axe finding in
 * the light and the dark theme, each figure shows something without JavaScript (its build-time SVG or table), one
 * exercise per lesson passes when its solution runs, and on a 390 px phone no lesson scrolls sideways (wide formulas
 * and tables scroll in their own focusable boxes). Also the
 * runtime's browser-only paths: live decision regions, live frames the learner computes (a validation curve, a
 * scatter plot and a grid of images), and ctx.rng drawing in the worker what it draws in Node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listExerciseIds, loadExercise } from '../../graders/exercise-files.ts';
import { STARTER_UNCHANGED } from '../../graders/format.ts';
import { learnerRng } from '../../src/runtime/learner-context.ts';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { clickRun, colourRules, exerciseSelector, expectNoPageErrorsAfterEach, openWithSavedCode, runAndWait, saveCode, seriousA11yViolations, setTheme } from './browser.ts';

const docs = 'src/content/docs';
/** Lesson slugs ("activation-depth/spiral") of every module folder, skipping module index pages. */
const lessons = readdirSync(docs, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(docs, d.name)).filter((f) => f.endsWith('.mdx') && f !== 'index.mdx').map((f) => `${d.name}/${f.replace(/\.mdx$/, '')}`));
const firstExercise = (lesson: string) => listExerciseIds().find((id) => loadExercise(id).meta.lesson === lesson);
const mdx = (lesson: string) => readFileSync(path.join(docs, `${lesson}.mdx`), 'utf8');
const title = (lesson: string) => /^title:\s*"?(.+?)"?\s*$/m.exec(mdx(lesson))![1]!.replace(/\\"/g, '"');
/**
 * How many figures the lesson's MDX places: its uses (`<Name`) of the components it imports from
 * src/components/figures/, each of which renders one `figure.rdl-figure`. Read from the source, so a page that
 * lost its figures fails rather than passing with nothing to check.
 */
const figuresPlaced = (lesson: string) => {
  const source = mdx(lesson);
  const names = [...source.matchAll(/^import\s+(\w+)\s+from\s+['"][^'"]*\/components\/figures\/[^'"]+\.astro['"]/gm)].map((m) => m[1]!);
  return names.reduce((n, name) => n + (source.match(new RegExp(`<${name}\\b`, 'g'))?.length ?? 0), 0);
};

let b: Browser;
let noJs: Browser;
beforeAll(async () => {
  [b, noJs] = await Promise.all([launch(), launch({ javaScript: false })]);
  // Puts the page on the site's origin, where saveCode can reach localStorage before a lesson's first visit.
  await b.page.goto(`${inject('baseUrl')}/`);
});
afterAll(async () => {
  await Promise.all([b?.close(), noJs?.close()]);
});
expectNoPageErrorsAfterEach(() => [b, noJs]);

/** launch()'s viewport, restored after each lesson's phone check, and the phone's. */
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };

/** Checks the lesson's <h1> against its front matter's title and that KaTeX rendered some math at build time. */
async function expectTitleAndMath(page: Page, lesson: string): Promise<void> {
  expect(await page.locator('h1').textContent()).toBe(title(lesson));
  expect(await page.locator('.katex').count()).toBeGreaterThan(0);
}

/**
 * Waits until the page's scripts have run and it is laid out: each of the course's custom elements (`rdl-*`: the
 * exercise, the figures' controls) is defined, so its module has loaded and run and an error it throws is logged,
 * and KaTeX's fonts are in, so formulas that scroll have their tab stop (scroll-regions.ts). Not `networkidle`:
 * that also sat out 500 ms of quiet per visit, for requests no check depends on. (Starlight's own markers, such as
 * sl-sidebar-restore, are never defined, so "every element with a hyphen" would wait forever.)
 */
async function pageSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => ![...document.querySelectorAll(':not(:defined)')].some((e) => e.localName.startsWith('rdl-')), undefined, { timeout: 120_000 });
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Expects no serious or critical axe finding in Starlight's light theme, then none of the colour rules' in its dark
 * theme (contrast among them): the theme changes colours only, so the other rules would find the same again.
 */
async function expectNoSeriousA11yInBothThemes(page: Page): Promise<void> {
  await setTheme(page, 'light');
  expect(await seriousA11yViolations(page), 'axe, light theme').toEqual([]);
  await setTheme(page, 'dark');
  expect(await seriousA11yViolations(page, colourRules), 'axe, dark theme').toEqual([]);
}

/**
 * Narrows the open page to a 390 px phone and expects no sideways scroll: display formulas wider than their box
 * scroll in it with a tab stop, Markdown tables in a named, focusable region. Restores the desktop viewport after.
 * Returns how many formulas scroll, so the caller can check the loop did not pass with nothing to scroll.
 * A resize rather than a visit of its own: scroll-regions.ts re-marks on every resize, as on a rotated phone.
 */
async function expectFitsPhone(page: Page, lesson: string): Promise<number> {
  await page.setViewportSize(phone);
  try {
    await page.waitForFunction((w) => innerWidth === w, phone.width);
    // The resize event comes at the start of a frame and scroll-regions.ts re-marks in that frame's animation
    // callbacks: two frames later both are done.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const seen = await page.evaluate(() => ({
      width: document.scrollingElement!.scrollWidth,
      viewport: innerWidth,
      formulas: [...document.querySelectorAll<HTMLElement>('.katex-display')]
        .filter((f) => f.scrollWidth > f.clientWidth + 1)
        .map((f) => ({ overflowX: getComputedStyle(f).overflowX, tabindex: f.getAttribute('tabindex') })),
      // Markdown's tables: a component's own (a figure's, in .not-content) has its own wrapper or none.
      tables: [...document.querySelectorAll('.sl-markdown-content table:not(.not-content table)')].map((t) => {
        const box = t.parentElement!;
        return { box: box.className, tabindex: box.getAttribute('tabindex'), role: box.getAttribute('role'), named: (box.getAttribute('aria-label') ?? '').length > 0 };
      }),
    }));
    expect(seen.width, `${lesson}: the page's width at 390 px`).toBeLessThanOrEqual(seen.viewport);
    for (const f of seen.formulas) expect(f, `${lesson}: a display formula wider than its box`).toEqual({ overflowX: 'auto', tabindex: '0' });
    for (const t of seen.tables) expect(t, `${lesson}: a Markdown table's box`).toEqual({ box: 'rdl-table-scroll', tabindex: '0', role: 'region', named: true });
    return seen.formulas.length;
  } finally {
    await page.setViewportSize(desktop);
  }
}

/** Runs exercise `id` on the open page, whose saved code is its reference solution, and expects every check to pass. */
async function expectSolutionPasses(page: Page, id: string): Promise<void> {
  const sel = exerciseSelector(id);
  const status = await runAndWait(page, id, 240_000);
  expect(await page.locator(sel).getAttribute('data-status'), status).toBe('passed');
  expect(await page.locator(`${sel} [data-role=checks] li.pass`).count()).toBe(loadExercise(id).meta.checks.length);
}

/** Lessons checked at 390 px so far, and the display formulas that scrolled in their box in them. */
const phoneChecks = { lessons: 0, scrollingFormulas: 0 };

describe.each(lessons)('lesson %s', (lesson) => {
  const url = () => `${inject('baseUrl')}/${lesson}/`;
  const id = firstExercise(lesson);

  // One visit for every check that needs JavaScript. Loading a lesson (its chunks, KaTeX's fonts, the custom
  // elements) was paid three times per lesson before (desktop, exercise, phone); the checks only need it once.
  // Lessons without an exercise (activation functions, width vs depth) skip the run rather than the test.
  it(`renders its title and math, passes axe in both themes and fits a 390 px phone${id ? `; its exercise ${id} passes with the reference solution` : ''}`, async () => {
    const { page } = b;
    // The saved-code path: the element restores the solution from localStorage on this visit, as after a reload.
    if (id) await saveCode(page, id, loadExercise(id).solution);
    await page.goto(url());
    await expectTitleAndMath(page, lesson);
    // Errors are checked after each test (expectNoPageErrorsAfterEach), once the page's scripts have run.
    await pageSettled(page);
    await expectNoSeriousA11yInBothThemes(page);
    phoneChecks.scrollingFormulas += await expectFitsPhone(page, lesson);
    phoneChecks.lessons++;
    if (id) await expectSolutionPasses(page, id);
  }, 300_000);

  it('shows every figure without JavaScript', async () => {
    await noJs.page.goto(url());
    const figures = noJs.page.locator('figure.rdl-figure');
    expect(await figures.count(), 'figures on the page, against the figure components its MDX places').toBeGreaterThanOrEqual(figuresPlaced(lesson));
    for (let i = 0; i < (await figures.count()); i++) {
      const f = figures.nth(i);
      expect(await f.locator('svg, table, img').count(), `figure ${i + 1}: ${await f.locator('figcaption').textContent()}`).toBeGreaterThan(0);
      expect(await f.locator('svg, table, img').first().isVisible()).toBe(true);
    }
  });
});

describe('on a 390 px phone', () => {
  // Guards the lessons' phone checks against passing with nothing to scroll: at 390 px some formulas are wider
  // than the column. Only meaningful once every lesson was checked (not when a test is picked with -t).
  it('some lesson has a formula that scrolls in its own box (so "fits a 390 px phone" cannot pass on nothing)', (ctx) => {
    if (phoneChecks.lessons < lessons.length) ctx.skip();
    expect(phoneChecks.scrollingFormulas).toBeGreaterThan(0);
  });
});

/** The lesson page that holds exercise `id`. */
const lessonUrl = (id: string) => `${inject('baseUrl')}/${loadExercise(id).meta.lesson}/`;

describe('the figure check', () => {
  it('finds the figure components the lessons place (so "shows every figure" cannot pass on none)', () => {
    expect(lessons.some((l) => figuresPlaced(l) > 0)).toBe(true);
  });
});

/**
 * Waits until exercise `sel` shows its regions figure while its run is still going (drawn live from the model the
 * learner passes to ctx.report, not only at the end), and returns what the figure shows in that same frame (whose
 * points it plots, its caption), so a run that ends right after cannot change what is read. `polling`: ms between
 * checks (default: every animation frame).
 */
async function regionsShownWhileRunning(page: Page, sel: string, polling?: number): Promise<{ points: string | null; caption: string | null }> {
  const shown = await page.waitForFunction((s) => {
    const e = document.querySelector(s) as HTMLElement | null;
    const fig = e?.querySelector<HTMLElement>('[data-role=regions-figure]');
    if (e?.dataset.running !== 'true' || !fig || fig.hidden) return null;
    return { points: fig.querySelector('canvas')?.getAttribute('data-points') ?? null, caption: fig.querySelector('figcaption')?.textContent ?? null };
  }, sel, { timeout: 120_000, ...(polling !== undefined && { polling }) });
  return (await shown.jsonValue())!;
}

describe('live decision regions', () => {
  it('the spiral solution redraws its regions while it trains (it passes its model to ctx.report)', async () => {
    const id = '04-activation-depth/05-spiral';
    const sel = exerciseSelector(id);
    const { page } = b;
    await openWithSavedCode(page, lessonUrl(id), id, loadExercise(id).solution);
    await clickRun(page, id);
    // While it trains, the plot shows the training points the regions are fitted to, as its caption says.
    const { points, caption } = await regionsShownWhileRunning(page, sel);
    expect(points).toBe('training');
    expect(caption).toMatch(/^While it trains: the training points/);
    // Stop it if it is still training. On a busy machine it may finish first (and pass), and then there is no Stop
    // to click: that click's failure is expected, the status below is what is checked.
    if ((await page.locator(sel).getAttribute('data-running')) === 'true') await page.locator(`${sel} [data-role=stop]`).click({ timeout: 10_000 }).catch(() => undefined);
    await page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: 120_000 });
    expect(await page.locator(sel).getAttribute('data-status')).toMatch(/^(error|passed)$/);
  }, 180_000);
});

describe('live class regions of the mixture classifier', () => {
  it('its solution redraws the class regions while K is chosen (it reports its { predict } object as model)', async () => {
    const id = '01-mixtures/05-classifier';
    const sel = exerciseSelector(id);
    const { page } = b;
    await openWithSavedCode(page, lessonUrl(id), id, loadExercise(id).solution);
    await clickRun(page, id);
    // Polled every 10 ms: this run lasts only a second or two.
    await regionsShownWhileRunning(page, sel, 10);
    await page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: 120_000 });
    expect(await page.locator(sel).getAttribute('data-status')).toBe('passed');
  }, 180_000);
});

describe('live frames the learner computes', () => {
  it('a validation loss adds a second series to the loss chart, a scatter frame is drawn, and console.log reaches the log panel', async () => {
    const id = '04-activation-depth/01-softmax-blobs';
    const sel = exerciseSelector(id);
    const { page } = b;
    // Reports a few points with valLoss and a scatter frame, then returns nothing (the run ends with that error;
    // the chart and the plot stay).
    const code = `export async function train(_data: unknown, ctx: any) {
  for (let step = 0; step < 5; step++) {
    ctx.report({ step, loss: 1 / (step + 1), valLoss: 1.5 / (step + 1), plots: [{ kind: 'scatter', points: [[0, 0], [1, 1], [2, 0.5]], labels: [0, 1, 7] }] });
    console.log('step', step, [step, 2 * step]);
    await new Promise((r) => setTimeout(r, 50));
  }
  console.warn({ done: true });
}`;
    await openWithSavedCode(page, lessonUrl(id), id, code);
    expect(await runAndWait(page, id, 120_000)).toMatch(/train\(\) returned undefined/);
    // uPlot's legend has a row per series: the x axis, the training loss and the validation loss.
    expect(await page.locator(`${sel} .uplot .u-legend .u-series`).allTextContents()).toEqual([expect.stringMatching(/^epoch/), expect.stringMatching(/^loss/), expect.stringMatching(/^validation/)]);
    expect(await page.locator(`${sel} [data-role=scatter-figure]`).isVisible()).toBe(true);
    // The learner's console output is the run's log, as in the grading child (tests/unit/runtime/console-log.test.ts).
    expect(await page.locator(`${sel} [data-role=logs]`).textContent()).toContain('step 4 [4, 8]\n{"done":true}');
    const painted = await page.locator(`${sel} canvas[data-role=scatter]`).evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(0);
    expect(await page.locator(`${sel} [data-role=logs]`).textContent()).not.toMatch(/ctx\.report/);
  }, 180_000);

  it('an images frame (digits over reconstructions) is drawn by the image-grid renderer', async () => {
    const id = '03-autoencoders/05-dense-autoencoder';
    const sel = exerciseSelector(id);
    const { page } = b;
    const code = `export async function train(data: any, ctx: any) {
  const original = data.x.subarray(0, 4 * data.features);
  const blurred = Array.from(original, (v: number) => 0.5 * v + 0.25);
  ctx.report({ step: 0, loss: 0.1, plots: [{ kind: 'images', rows: data.rows, cols: data.cols, strips: [{ label: 'digits', images: original }, { label: 'reconstructions', images: blurred }] }] });
}`;
    await openWithSavedCode(page, lessonUrl(id), id, code);
    expect(await runAndWait(page, id, 120_000)).toMatch(/returned undefined/);
    expect(await page.locator(`${sel} [data-role=images-figure]`).isVisible()).toBe(true);
    const painted = await page.locator(`${sel} canvas[data-role=images]`).evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && data[i]! < 200) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(0);
    expect(await page.locator(`${sel} [data-role=logs]`).textContent()).not.toMatch(/ctx\.report/);
  }, 180_000);
});

describe('runs that explain themselves', () => {
  it('an unchanged starter says so first; a check message shows its `code` spans as code', async () => {
    const id = '04-activation-depth/07-gradient-norms';
    const sel = exerciseSelector(id);
    const { page } = b;
    // The starter as shipped, with Windows line endings: still the starter (whitespace aside).
    await openWithSavedCode(page, lessonUrl(id), id, loadExercise(id).starter.replace(/\n/g, '\r\n'));
    const status = await runAndWait(page, id, 120_000);
    expect(status).toBe(`${STARTER_UNCHANGED} Not yet: 1 check failed. See below.`);
    // The tooHigh message quotes `net.activation`: a <code> element, not backticks.
    const message = page.locator(`${sel} [data-role=checks] li.fail p`).first();
    expect(await message.locator('code').allTextContents()).toContain('net.activation');
    expect(await message.textContent()).not.toContain('`');
  }, 180_000);

  it('a model.fit that was not awaited is named as the reason, and its orphaned failure reaches the log, not the page', async () => {
    const id = '04-activation-depth/01-softmax-blobs';
    const { page } = b;
    await openWithSavedCode(page, lessonUrl(id), id, loadExercise(id).solution.replace('await model.fit(', 'model.fit('));
    expect(await runAndWait(page, id, 120_000)).toMatch(/^Error: train\(\) returned its model while model\.fit was still running/);
  }, 180_000);
});

describe('a second run', () => {
  it('starts a fresh worker that instantiates the first run\'s compiled WebAssembly instead of compiling it again', async () => {
    const id = '04-activation-depth/07-gradient-norms';
    const sel = exerciseSelector(id);
    const { page } = b;
    await openWithSavedCode(page, lessonUrl(id), id, loadExercise(id).solution);
    const badge = page.locator(`${sel} [data-role=backend-badge]`);
    const served: (string | null)[] = [];
    for (let run = 0; run < 2; run++) {
      expect(await runAndWait(page, id, 120_000)).toMatch(/^Passed/);
      served.push(await badge.getAttribute('data-wasm-module'));
    }
    // Headless Chromium here has no hardware GPU: the exercise runs on WebAssembly (where one is, there is nothing to hand over).
    if ((await badge.getAttribute('data-backend')) === 'wasm') expect(served).toEqual(['compiled', 'cached']);
    else expect(served).toEqual(['none', 'none']);
  }, 180_000);
});

describe('ctx.rng in the browser worker', () => {
  it('draws the same stream as in Node for the run\'s seed', async () => {
    const id = '04-activation-depth/01-softmax-blobs';
    const sel = exerciseSelector(id);
    const { page } = b;
    // Logs its seed and three draws, then returns nothing (the run ends with that error; the log line stays).
    const code = `export function train(_data: unknown, ctx: any) {
  ctx.log(['rng', ctx.seed, ctx.rng.uniform(), ctx.rng.normal(), ctx.rng.categorical([0.2, 0.8])].join(' '));
}`;
    await openWithSavedCode(page, lessonUrl(id), id, code);
    expect(await runAndWait(page, id, 120_000)).toMatch(/train\(\) returned undefined/);
    const line = (await page.locator(`${sel} [data-role=logs]`).textContent())!.split('\n').find((l) => l.startsWith('rng '))!;
    const [seed, ...drawn] = line.split(' ').slice(1).map(Number);
    const rng = learnerRng(seed!);
    expect(drawn).toEqual([rng.uniform(), rng.normal(), rng.categorical([0.2, 0.8])]);
  }, 180_000);
});
