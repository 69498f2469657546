/**
 * Debian's Chromium driven by playwright-core. Never downloads a browser. The flags keep Chromium off the
 * network (this machine has none) and the fresh profile keeps runs independent. CHROMIUM_PATH overrides.
 * Also: helpers that drive an exercise on a lesson page (save its code, run it, wait for the result).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumFlags = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors, and uncaught exceptions. */
  errors: string[];
  close(): Promise<void>;
}

/** `javaScript: false` shows the page as a reader without JavaScript sees it. */
export async function launch(opts: { extraArgs?: string[]; javaScript?: boolean } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'rdl-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...chromiumFlags, ...(opts.extraArgs ?? [])],
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: opts.javaScript ?? true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The selector of exercise `id`'s element on its lesson page. */
export const exerciseSelector = (id: string) => `rdl-exercise[data-exercise-id="${id}"]`;

/**
 * Saves `code` as exercise `id`'s code in localStorage, from where the element restores it on the next (re)load:
 * the fastest way to run code without opening the editor. The page must already be on the site's origin.
 */
export async function saveCode(page: Page, id: string, code: string): Promise<void> {
  await page.evaluate(([key, text]) => localStorage.setItem(key!, text!), [`rdl:code:${id}`, code]);
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
