/**
 * Helpers that drive an exercise on a lesson page in the e2e tests (save its code, run it, wait for the result).
 * Launching Chromium itself is scripts/lib/chromium.ts.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';

/** The selector of exercise `id`'s element on its lesson page. */
export const exerciseSelector = (id: string) => `rdl-exercise[data-exercise-id="${id}"]`;

/**
 * Saves `code` as exercise `id`'s code in localStorage, from where the element restores it on the next (re)load:
 * the fastest way to run code without opening the editor. The page must already be on the site's origin.
 */
export async function saveCode(page: Page, id: string, code: string): Promise<void> {
  await page.evaluate(([key, text]) => localStorage.setItem(key!, text!), [`rdl:code:${id}`, code]);
}

/**
 * Opens `url` with `code` saved as exercise `id`'s code: a first load puts the page on the site's origin (saveCode
 * needs it), the second lets the element restore the code, as after a reload.
 */
export async function openWithSavedCode(page: Page, url: string, id: string, code: string): Promise<void> {
  await page.goto(url);
  await saveCode(page, id, code);
  await page.goto(url);
}

/** Waits until exercise `id`'s element is ready, then presses its Run button. */
export async function clickRun(page: Page, id: string): Promise<void> {
  const sel = exerciseSelector(id);
  await page.locator(`${sel}[data-ready=true]`).waitFor();
  await page.locator(`${sel} [data-role=run]`).click();
}

/** Runs exercise `id` (clickRun) and waits up to `timeoutMs` for the run to end; returns its status line. */
export async function runAndWait(page: Page, id: string, timeoutMs: number): Promise<string> {
  const sel = exerciseSelector(id);
  await clickRun(page, id);
  await page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: timeoutMs });
  return (await page.locator(`${sel} [data-role=status]`).textContent()) ?? '';
}

/**
 * Registers, for every test of the calling file, a check that the browsers `browsers()` returns logged no page
 * errors during that test, then forgets what they logged. An `afterEach` rather than a last "logged no errors" test,
 * so a test run alone (`-t`) is still checked and a failure names the test that logged the error.
 * Browsers not launched yet (undefined) are skipped.
 */
export function expectNoPageErrorsAfterEach(browsers: () => (Browser | undefined)[]): void {
  afterEach(() => {
    const logged = browsers().flatMap((b) => b?.errors.splice(0) ?? []);
    expect(logged, 'page errors logged during this test').toEqual([]);
  });
}

/**
 * One Chromium for the calling test file: launched before its tests, closed after them, and checked after each test
 * for page errors (expectNoPageErrorsAfterEach). Returns a getter for it.
 */
export function browserForFile(): () => Browser {
  let b: Browser | undefined;
  beforeAll(async () => {
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
  });
  expectNoPageErrorsAfterEach(() => [b]);
  return () => b!;
}

/**
 * What axe may not check, each for a reason outside this project's markup:
 * - Starlight's search button: its text is "Search" plus the "Ctrl K" shortcut, its aria-label only "Search", which
 *   axe reports as a label/content mismatch. The markup is Starlight's own (components/Search.astro).
 * - Monaco's own DOM (.monaco-editor and its overflow widgets): an editor widget that axe reads as form fields and
 *   text with its own colour themes; the page around it (toolbar, status, checks, plots) is still checked.
 */
export const axeExclusions = ['site-search button[data-open-modal]', '.monaco-editor', '.monaco-aria-container'];

/**
 * The axe rules whose outcome depends on colours, the only thing Starlight's theme changes (its `data-theme`
 * picks colour variables; src/styles/course.css and chart-ink.ts follow it, nothing shows or hides per theme).
 * A second theme needs only these: every other rule sees the same DOM and finds the same in both.
 */
export const colourRules = ['color-contrast', 'link-in-text-block'];

let belowSerious: Promise<string[]> | undefined;
/**
 * The axe rules that can only ever report minor or moderate findings, which seriousA11yViolations drops anyway:
 * axe gives each finding its rule's declared impact (axe-core's finalizeRuleResult), so skipping them changes no
 * result and saves about a third of axe's time on a long lesson. Read from the axe-core that @axe-core/playwright
 * injects; a rule that declares no impact is kept.
 */
function rulesBelowSerious(): Promise<string[]> {
  belowSerious ??= (async () => {
    const require = createRequire(import.meta.resolve('@axe-core/playwright'));
    const axe = require('axe-core') as { _audit: { rules: { id: string; impact?: string }[] } };
    return axe._audit.rules.filter((r) => r.impact === 'minor' || r.impact === 'moderate').map((r) => r.id);
  })();
  return belowSerious;
}

/**
 * Runs axe on the page as it is now and returns its serious and critical violations as readable lines (empty when
 * there are none), so a failure names each rule and the first elements it found. `rules`: only these axe rules
 * (e.g. colourRules, for a second theme); by default every rule that can report a serious or critical finding.
 */
export async function seriousA11yViolations(page: Page, rules?: string[]): Promise<string[]> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  let builder = new AxeBuilder({ page });
  for (const sel of axeExclusions) builder = builder.exclude(sel);
  builder = rules ? builder.withRules(rules) : builder.disableRules(await rulesBelowSerious());
  // Only violations are read: axe then reports one node per pass instead of building a selector for each of the
  // thousands of elements a lesson's KaTeX and figures pass with (a quarter of a full run on a long lesson).
  builder = builder.options({ resultTypes: ['violations'] });
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Switches Starlight's theme as its theme picker does (the `data-theme` attribute on <html>), without a reload. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t;
  }, theme);
}
