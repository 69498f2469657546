/**
 * The Mixture density networks module's browser-only parts, in Debian's Chromium against the built site: the
 * forward-MLP exercise's two-panel plot (sized to its container) and the not-graded note line under its checks,
 * the training exercise's density plot and its note, and the MDN density figure's sliders and toggle.
 * (module.test.ts already renders every lesson and passes one exercise per lesson; this checks what those runs draw.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { exerciseSelector, expectNoPageErrorsAfterEach, openWithSavedCode, runAndWait } from './browser.ts';

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});
expectNoPageErrorsAfterEach(() => [b]);

const lessonUrl = (id: string) => `${inject('baseUrl')}/${loadExercise(id).meta.lesson}/`;

/** How many pixels of canvas `selector` are painted (alpha > 0). */
const paintedPixels = (page: Page, selector: string) =>
  page.locator(selector).evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

describe('02-mdn/01-forward-mlp after a run', () => {
  const id = '02-mdn/01-forward-mlp';
  const sel = exerciseSelector(id);

  it('draws the forward and inverse fits side by side inside the plots’ row, and the inverse MSE as a note under the checks', async () => {
    const { page } = b;
    // A narrow window: the two panels must shrink to the plots' row instead of overflowing it.
    await page.setViewportSize({ width: 700, height: 900 });
    await openWithSavedCode(page, lessonUrl(id), id, loadExercise(id).solution);
    expect(await runAndWait(page, id, 240_000)).toMatch(/pass/i);
    const figure = page.locator(`${sel} [data-role=curve-panels-figure]`);
    expect(await figure.isVisible()).toBe(true);
    expect(await paintedPixels(page, `${sel} canvas[data-role=curve-panels]`)).toBeGreaterThan(1000);
    const [canvasWidth, rowWidth] = await page.locator(`${sel} canvas[data-role=curve-panels]`).evaluate((c) => [c.getBoundingClientRect().width, c.closest('.rdl-plots')!.getBoundingClientRect().width]);
    expect(canvasWidth).toBeLessThanOrEqual(rowWidth! + 0.5);
    const note = page.locator(`${sel} [data-role=checks] li.note`);
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toMatch(/Inverse problem MSE.*\(not graded\).*E\[x \| y\]/s);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 300_000);
});

describe('02-mdn/03-train-mdn after a run', () => {
  const id = '02-mdn/03-train-mdn';
  const sel = exerciseSelector(id);

  it('draws the predicted density with the held-out points, and the held-out NLL as a note', async () => {
    const { page } = b;
    await openWithSavedCode(page, lessonUrl(id), id, loadExercise(id).solution);
    expect(await runAndWait(page, id, 240_000)).toMatch(/pass/i);
    expect(await page.locator(`${sel} [data-role=mixture-density-figure]`).isVisible()).toBe(true);
    expect(await paintedPixels(page, `${sel} canvas[data-role=mixture-density]`)).toBeGreaterThan(5000);
    expect(await page.locator(`${sel} [data-role=checks] li.pass`).count()).toBe(2);
    expect(await page.locator(`${sel} [data-role=checks] li.note`).textContent()).toMatch(/Held-out NLL.*\(not graded\).*true density scores 1\.\d+/s);
  }, 300_000);
});

describe('the MDN density figure (mixture-density-networks/the-mdn)', () => {
  it('redraws the density, its legend and the summary as the sliders and the toggle move', async () => {
    const { page } = b;
    await page.goto(`${inject('baseUrl')}/mixture-density-networks/the-mdn/`);
    const fig = page.locator('rdl-mdn-density');
    await fig.scrollIntoViewIfNeeded();
    const summary = () => fig.locator('[data-role=summary]').textContent();
    const chart = () => fig.locator('[data-role=chart]').innerHTML();
    const before = [await summary(), await chart()];
    // One component left: weights 2 and 3 to 0.
    await fig.locator('input[data-param=w1]').fill('0');
    await fig.locator('input[data-param=w2]').fill('0');
    await page.waitForFunction(() => /π = \(1\.00, 0\.00, 0\.00\)/.test(document.querySelector('rdl-mdn-density [data-role=summary]')?.textContent ?? ''));
    expect(await summary()).toMatch(/has 1 peak\./);
    expect(await chart()).not.toBe(before[1]);
    // Hiding the weighted sum drops its line from the summary and its entry from the legend.
    const legendEntries = await fig.locator('[data-role=legend] li').count();
    await fig.locator('[data-role=show-sum]').uncheck();
    await page.waitForFunction(() => !/π₁X₁ \+ π₂X₂/.test(document.querySelector('rdl-mdn-density [data-role=summary]')?.textContent ?? ''));
    expect(await fig.locator('[data-role=legend] li').count()).toBe(legendEntries - 1);
    // A wider σ₁ redraws again.
    const narrow = await chart();
    await fig.locator('input[data-param=s0]').fill('3');
    await page.waitForFunction((old) => document.querySelector('rdl-mdn-density [data-role=chart]')?.innerHTML !== old, narrow);
  });
});
