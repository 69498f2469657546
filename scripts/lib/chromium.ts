/**
 * Debian's Chromium driven by playwright-core. Never downloads a browser. The flags keep Chromium off the
 * network (this machine has none) and the fresh profile keeps runs independent. CHROMIUM_PATH overrides.
 * Shared by the e2e tests and `npm run bench` (scripts may not import tests/: tests/unit/architecture.test.ts).
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

