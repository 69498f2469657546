/**
 * The "How we measured" boxes (src/components/HowWeMeasured.astro) on a built lesson: closed by default, opened by
 * their summary with JavaScript off (a native <details>), readable at 390 px (no box wider than the screen, long
 * script paths wrap), and, open, free of serious axe findings (contrast included) in the light and the dark theme.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { expectNoPageErrorsAfterEach, setTheme } from './browser.ts';

const url = () => `${inject('baseUrl')}/autoencoders/kernel-pca/`;
const box = 'details.rdl-measured';

// One reader without JavaScript (the box must work for them); one with it (axe runs as a script in the page).
let noJs: Browser, b: Browser;
beforeAll(async () => {
  [noJs, b] = await Promise.all([launch({ javaScript: false }), launch()]);
});
afterAll(async () => {
  await Promise.all([noJs?.close(), b?.close()]);
});
expectNoPageErrorsAfterEach(() => [b]);

describe('How we measured', () => {
  it('is closed by default and opens from its summary without JavaScript', async () => {
    const { page } = noJs;
    await page.goto(url());
    const boxes = page.locator(box);
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    expect(await boxes.evaluateAll((ds) => ds.map((d) => (d as HTMLDetailsElement).open))).toEqual([false, false]);
    expect(await boxes.first().locator('summary').textContent()).toBe('How we measured');
    expect(await boxes.first().locator('code').first().isVisible()).toBe(false);
    await boxes.first().locator('summary').click();
    expect(await boxes.first().evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await boxes.first().locator('code', { hasText: 'scripts/autoencoders/kernel-pca-figure.ts' }).isVisible()).toBe(true);
  });

  it('fits a 390 px screen, open', async () => {
    const { page } = b;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url());
    for (const s of await page.locator(`${box} summary`).all()) await s.click();
    const sizes = await page.locator(box).evaluateAll((ds) => ds.map((d) => ({ right: d.getBoundingClientRect().right, scroll: d.scrollWidth, client: d.clientWidth })));
    for (const s of sizes) {
      expect(s.right).toBeLessThanOrEqual(390);
      expect(s.scroll).toBeLessThanOrEqual(s.client);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('has no serious axe findings, open, in either theme', async () => {
    const { page } = b;
    await page.goto(url());
    for (const s of await page.locator(`${box} summary`).all()) await s.click();
    const { AxeBuilder } = await import('@axe-core/playwright');
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      const { violations } = await new AxeBuilder({ page }).include(box).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious, theme).toEqual([]);
    }
  });
});
