/**
 * The softmax-blobs lesson in Debian's Chromium against the built site: math rendered at build time, the starter
 * coloured before any editor loads, the editor loads on demand with tfjs types and uses the main pane's width, the
 * solution passes (the status region announces the result, not each epoch; axe finds nothing serious in either
 * theme after the run, and the charts follow the theme), code survives a reload, Stop ends an endless loop, and
 * the plain text editor can stand in for Monaco (remembered; the default on a touch screen).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { blobsLoop, spiralLoop, trainingLoop } from '../../src/components/figures/activation-depth/softmax-blobs/training-loop.ts';
import { wasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { colourRules, exerciseSelector, expectNoPageErrorsAfterEach, runAndWait, seriousA11yViolations, setTheme } from './browser.ts';

const id = '04-activation-depth/01-softmax-blobs';
const url = () => `${inject('baseUrl')}/activation-depth/softmax-blobs/`;
const exercise = exerciseSelector(id);

let b: Browser;
beforeAll(async () => {
  b = await launch();
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});
afterAll(async () => {
  await b?.close();
});
expectNoPageErrorsAfterEach(() => [b]);

/** Opens the editor and replaces its whole text by pasting, as a learner would (typing would auto-indent). */
async function typeCode(code: string): Promise<void> {
  const { page } = b;
  if ((await page.locator(`${exercise}[data-editor=ready]`).count()) === 0) await page.locator(`${exercise} [data-role=edit]`).click();
  await page.locator(`${exercise}[data-editor=ready]`).waitFor({ timeout: 60_000 });
  await page.locator(`${exercise} .monaco-editor .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(
    ([sel, text]) => (document.querySelector(sel!) as HTMLElement & { code: string }).code === text,
    [exercise, code] as const,
  );
}

/**
 * WCAG contrast ratios, as the page resolves the colours, of the canvas charts' ink (course.css `--rdl-chart-*`,
 * which chart-ink.ts hands to the canvas) on the exercise's background, in the theme the page shows now.
 */
const chartInkContrast = () =>
  b.page.locator(exercise).evaluate((ex) => {
    const rgb = (css: string): number[] => {
      const probe = document.createElement('span');
      probe.style.color = css;
      ex.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c.match(/[\d.]+/g)!.slice(0, 3).map(Number);
    };
    const channel = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    const ratio = (x: number[], y: number[]) => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const style = getComputedStyle(ex);
    const bg = rgb(style.backgroundColor);
    return { text: ratio(rgb(style.getPropertyValue('--rdl-chart-text')), bg), axis: ratio(rgb(style.getPropertyValue('--rdl-chart-axis')), bg) };
  });

const editorCode = () => b.page.locator(exercise).evaluate((e) => (e as HTMLElement & { code: string }).code);

describe('softmax-blobs lesson', () => {
  it('renders the math at build time and ships no math or editor JavaScript up front', async () => {
    const { page } = b;
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(url());
    expect(await page.locator('h1').textContent()).toBe('Softmax, cross-entropy and argmax: classifying blobs');
    expect(await page.locator('.katex-display').count()).toBeGreaterThan(4);
    expect(await page.locator('.katex .mfrac').count()).toBeGreaterThan(0);
    await page.locator(`${exercise}[data-ready=true]`).waitFor();
    expect(scripts.filter((s) => /katex|monaco|editor\.api|ts\.worker/i.test(s))).toEqual([]);
    // Monaco's stylesheets come with the editor (src/integrations/lazy-monaco-css.ts), not in the head.
    const sheets = await page.locator('link[rel=stylesheet]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href));
    expect(sheets.filter((h) => /monaco|editor/i.test(h))).toEqual([]);
    expect(await page.locator('style[data-monaco-css]').count()).toBe(0);
    // Readable without the editor: the starter is on the page as text, coloured at build time (Shiki, both themes).
    // (Shiki drops the file's final newline; the editor starts from the file itself.)
    expect(await page.locator(`${exercise} [data-role=code]`).textContent()).toBe(loadExercise(id).starter.replace(/\n$/, ''));
    const keyword = page.locator(`${exercise} [data-role=code] span`, { hasText: /^export$/ }).first();
    const colour = () => keyword.evaluate((e) => getComputedStyle(e).color);
    const light = await colour();
    await setTheme(page, 'dark');
    expect(await colour()).not.toBe(light);
    await setTheme(page, 'light');
    // The help for Monaco's Tab trap is on the page, shown once Monaco opens.
    expect(await page.locator(`${exercise} [data-role=editor-help]`).textContent()).toMatch(/Ctrl\+M \(on a Mac, Ctrl\+Shift\+M\)/);
  });

  it('gives the exercise the main pane at 1280 px: the contents list moves to the "On this page" bar', async () => {
    const { page } = b;
    if (!page.url().startsWith(url())) await page.goto(url());
    const widths = await page.evaluate((sel) => ({
      exercise: document.querySelector(sel)!.getBoundingClientRect().width,
      code: document.querySelector(`${sel} [data-role=code-view]`)!.getBoundingClientRect().width,
      prose: document.querySelector('.sl-markdown-content > p')!.getBoundingClientRect().width,
      page: document.scrollingElement!.scrollWidth,
    }), exercise);
    expect(page.viewportSize()!.width).toBe(1280);
    // Before: the code was 590 px wide, inside the 45rem (720 px) prose column beside the right-hand contents list.
    expect(widths.code).toBeGreaterThan(800);
    expect(widths.exercise).toBeGreaterThan(widths.prose + 100);
    expect(widths.page).toBeLessThanOrEqual(1280);
    expect(await page.locator('.right-sidebar-panel').isVisible()).toBe(false);
    expect(await page.locator('mobile-starlight-toc summary').isVisible()).toBe(true);
  });

  it('quotes the measured cost of model.fit against a loop from training-loop.json', async () => {
    // Rendered at build time by MDX expressions, so the page's text holds them as the JSON formats them.
    if (!b.page.url().startsWith(url())) await b.page.goto(url());
    const text = (await b.page.locator('main').textContent())!;
    expect(text).toContain('or a loop of your own?');
    for (const quoted of [blobsLoop.ratio, blobsLoop.saved, blobsLoop.fitSeconds, blobsLoop.loopSeconds, blobsLoop.extraPerStep, spiralLoop.ratio, spiralLoop.saved])
      expect(text).toContain(quoted);
    expect(text).toContain(trainingLoop.provenance.command);
  });

  it('opens the editor on demand, with tfjs types: completion and a type error', async () => {
    const { page } = b;
    await typeCode("import * as tf from '@tensorflow/tfjs';\nconst n: number = 'not a number';\ntf.seq");
    expect(await page.locator('style[data-monaco-css]').count()).toBeGreaterThan(50);
    // Type error underlined by the TypeScript worker.
    await page.locator(`${exercise} .squiggly-error`).first().waitFor({ timeout: 60_000 });
    // `tf.` offers tfjs's API.
    await page.keyboard.press('Control+Space');
    await page.locator(`${exercise} .suggest-widget .monaco-list-row`, { hasText: 'sequential' }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
  });

  it('typing the solution and pressing Run ends in "passed" with a backend badge and plots', async () => {
    const { page } = b;
    const { solution } = loadExercise(id);
    await typeCode(solution);
    expect(await editorCode()).toBe(solution);
    // Every text the status region (a live region) takes during the run: a screen reader reads each one.
    await page.locator(`${exercise} [data-role=status]`).evaluate((s) => {
      const seen: string[] = ((window as unknown as { statusSeen: string[] }).statusSeen = []);
      new MutationObserver(() => seen.push(s.textContent ?? '')).observe(s, { childList: true, characterData: true, subtree: true });
    });
    const status = await runAndWait(page, id, 120_000);
    expect(status).toMatch(/^Passed: every check is met/);
    // The status names the backend as the badge does ("WebAssembly", not "wasm").
    expect(status).toMatch(/ on (WebGPU|WebGL|WebAssembly)\)\.$/);
    const announced = await page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
    expect(announced.filter((t) => /epoch|loss/i.test(t)), 'status texts that name an epoch').toEqual([]);
    expect(announced.at(-1)).toBe(status);
    // The epochs went to the line beside it, which is not live.
    // The solution says it trains 300 epochs (ctx.report's epochs): the line and the chart's title count to it.
    expect(await page.locator(`${exercise} [data-role=progress]`).textContent()).toMatch(/^Epoch 300 \/ 300, loss \d/);
    expect(await page.locator(`${exercise} .uplot .u-title`).textContent()).toBe('Training loss · epoch 300 / 300');
    expect(await page.locator(`${exercise} [data-role=progress]`).getAttribute('aria-live')).toBeNull();
    expect(await page.locator(`${exercise} [data-role=backend-badge]`).textContent()).toMatch(/^Backend: (WebGPU|WebGL|WebAssembly)/);
    // On WebAssembly the worker installed our kernel fixes before running the code (README, "What we patch…").
    const badge = page.locator(`${exercise} [data-role=backend-badge]`);
    const onWasm = (await badge.getAttribute('data-backend')) === 'wasm';
    expect(await badge.getAttribute('data-wasm-patches')).toBe(onWasm ? wasmPatches.map((p) => p.id).join(' ') : '');
    // Headless Chromium here has only software GPUs: the explanation must say why they were skipped.
    await page.locator(`${exercise} .rdl-backend-info summary`).click();
    expect(await page.locator(`${exercise} [data-role=backend-info]`).textContent()).toMatch(/software-emulated GPU|not available/);
    expect(await page.locator(`${exercise} .rdl-checks li.pass`).count()).toBe(2);
    expect(await page.locator(`${exercise} [data-role=regions-figure]`).isVisible()).toBe(true);
    // After the run: the test points, ringed where misclassified.
    expect(await page.locator(`${exercise} [data-role=regions-figure] canvas`).getAttribute('data-points')).toBe('test');
    expect(await page.locator(`${exercise} .uplot`).count()).toBe(1);
    // The loss chart: the exercise's reference line, the legend at the newest point (not uPlot's "–"), and the log
    // scale box that rebuilds the chart on a log axis.
    const loss = page.locator(`${exercise} [data-role=loss]`);
    expect(await loss.getAttribute('data-references')).toBe('chance level (log 4)');
    expect(await page.locator(`${exercise} .uplot .u-legend .u-series`).allTextContents()).toEqual([expect.stringMatching(/^epoch\s*299$/), expect.stringMatching(/^loss\s*0\.\d{4}$/)]);
    await loss.locator('[data-role=log-scale]').check();
    expect(await loss.getAttribute('data-scale')).toBe('log');
    expect(await page.locator(`${exercise} .uplot`).count()).toBe(1);
    await loss.locator('[data-role=log-scale]').uncheck();
    expect(await loss.getAttribute('data-scale')).toBe('linear');
    mkdirSync('docs', { recursive: true });
    // Hide Starlight's sticky header and "On this page" bar, which would otherwise be drawn over the element.
    await page.locator(exercise).screenshot({ path: 'docs/screenshot-exercise-passed.png', style: 'header.header, mobile-starlight-toc { visibility: hidden !important; }' });
    // After the run, in both themes: nothing serious for axe (the Run button, the checks, the badge), and the loss
    // chart's axis ink is the theme's (chart-ink.ts), drawn again on the switch.
    const ink = () => page.locator(`${exercise} .rdl-loss`).evaluate((e) => getComputedStyle(e).getPropertyValue('--rdl-chart-text').trim());
    const drawn = () => page.locator(`${exercise} .uplot canvas`).evaluate((c: HTMLCanvasElement) => c.toDataURL());
    for (const theme of ['light', 'dark'] as const) {
      const before = await drawn();
      await setTheme(page, theme);
      // The dark theme changes colours only: its second axe run needs only the rules that look at them.
      expect(await seriousA11yViolations(page, theme === 'dark' ? colourRules : undefined), `axe after a run, ${theme} theme`).toEqual([]);
      const contrast = await chartInkContrast();
      // WCAG AA: 4.5:1 for the axis labels and titles (text), 3:1 for the axis lines and ticks (graphics).
      expect(contrast.text, `chart text on the exercise's background, ${theme}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast.axis, `chart axis lines on the exercise's background, ${theme}`).toBeGreaterThanOrEqual(3);
      if (theme === 'dark') expect(await drawn(), 'the loss chart is drawn again in the dark ink').not.toBe(before);
      expect(await ink()).not.toBe('');
    }
    await setTheme(page, 'light');
  });

  it('keeps the typed code after a reload', async () => {
    const { page } = b;
    const { solution } = loadExercise(id);
    await page.reload();
    await page.locator(`${exercise}[data-ready=true]`).waitFor();
    expect(await page.locator(`${exercise} [data-role=code]`).textContent()).toBe(solution);
    expect(await editorCode()).toBe(solution);
  });

  it('shows a syntax error with its line and column and keeps the code', async () => {
    const { page } = b;
    const broken = loadExercise(id).solution.replace('const model = tf.sequential();', 'const model = tf.sequential(;');
    await typeCode(broken);
    const status = await runAndWait(page, id, 120_000);
    // The position once, in the message; the editor marks the line.
    expect(status).toMatch(/^Error: Syntax error at line 12, column \d+: /);
    expect(status.match(/line \d+/g)).toHaveLength(1);
    await page.locator(`${exercise} .squiggly-error`).first().waitFor();
    expect(await editorCode()).toBe(broken);
  });

  it('Stop ends an endless loop at once', async () => {
    const { page } = b;
    const endless = loadExercise(id).solution.replace('const model = tf.sequential();', 'while (true) {}\n  const model = tf.sequential();');
    await typeCode(endless);
    await page.locator(`${exercise} [data-role=run]`).click();
    await page.locator(`${exercise}[data-running=true]`).waitFor();
    await page.waitForTimeout(1500); // well inside the loop by now
    const t0 = Date.now();
    await page.locator(`${exercise} [data-role=stop]`).click();
    await page.locator(`${exercise}[data-running=false]`).waitFor({ timeout: 5_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(await page.locator(`${exercise} [data-role=status]`).textContent()).toBe('Stopped: You stopped the run.');
    expect(await editorCode()).toBe(endless);
    // The page is still alive and can run again.
    expect(await page.locator(`${exercise} [data-role=run]`).isEnabled()).toBe(true);
  });

  it("stops a run that exceeds the exercise's time limit, with a message", async () => {
    const { page } = b;
    // The real limit is 60 s; shorten it on the page so the test stays quick. The endless loop is still in the editor.
    await page.locator(exercise).evaluate((e) => ((e as unknown as { meta: { timeoutMs: number } }).meta.timeoutMs = 2500));
    await page.locator(`${exercise} [data-role=run]`).click();
    await page.locator(`${exercise}[data-running=false][data-status=error]`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`${exercise} [data-role=status]`).textContent()).toMatch(/^Error: Stopped after 3 s, this exercise's time limit\. An endless loop/);
  });

  it('Reset restores the starter, undoably', async () => {
    const { page } = b;
    const { starter } = loadExercise(id);
    const before = await editorCode();
    await page.locator(`${exercise} [data-role=reset]`).click();
    expect(await editorCode()).toBe(starter);
    await page.locator(`${exercise} .monaco-editor .view-lines`).click();
    await page.keyboard.press('ControlOrMeta+Z');
    expect(await editorCode()).toBe(before);
  });
});

describe('the plain text editor', () => {
  const toggle = () => b.page.locator(`${exercise} [data-role=plain-editor]`);
  const area = () => b.page.locator(`${exercise} textarea[data-role=textarea]`);

  it('takes Monaco\'s place with the same code, is remembered after a reload, loads no Monaco, and gives Monaco back with the code typed in it', async () => {
    const { page } = b;
    await page.goto(url());
    await page.locator(`${exercise}[data-ready=true]`).waitFor();
    const before = await editorCode();
    await page.locator(`${exercise} [data-role=edit]`).click();
    await page.locator(`${exercise}[data-editor=ready][data-editor-kind=code]`).waitFor({ timeout: 60_000 });
    expect(await page.locator(`${exercise} [data-role=editor-help]`).isVisible()).toBe(true);

    await toggle().check();
    await area().waitFor();
    expect(await area().inputValue()).toBe(before);
    expect(await page.locator(`${exercise} .monaco-editor`).count()).toBe(0);
    // A textarea sets no Tab trap, so the help about leaving one goes.
    expect(await page.locator(`${exercise} [data-role=editor-help]`).isVisible()).toBe(false);
    const typed = `${loadExercise(id).starter}\n// typed in the plain editor\n`;
    await area().fill(typed); // saved as the learner types, as from Monaco

    await page.reload();
    await page.locator(`${exercise}[data-ready=true]`).waitFor();
    expect(await toggle().isChecked()).toBe(true);
    await page.locator(`${exercise} [data-role=edit]`).click();
    expect(await area().inputValue()).toBe(typed);
    expect(await page.locator(`${exercise}`).getAttribute('data-editor-kind')).toBe('plain');
    expect(await page.locator('style[data-monaco-css]').count(), "Monaco's stylesheets: none, so Monaco never loaded").toBe(0);

    await toggle().uncheck();
    await page.locator(`${exercise}[data-editor-kind=code] .monaco-editor`).waitFor({ timeout: 60_000 });
    expect(await area().count()).toBe(0);
    expect(await editorCode()).toBe(typed);
  });

  it('is the default on a touch screen (a coarse pointer) until the learner chooses', async () => {
    const touch = await launch();
    try {
      // Chromium's touch emulation makes `(pointer: coarse)` match, as on a phone.
      const cdp = await touch.context.newCDPSession(touch.page);
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
      await touch.page.goto(url());
      await touch.page.locator(`${exercise}[data-ready=true]`).waitFor();
      expect(await touch.page.locator(`${exercise} [data-role=plain-editor]`).isChecked()).toBe(true);
      await touch.page.locator(`${exercise} [data-role=edit]`).click();
      await touch.page.locator(`${exercise} textarea[data-role=textarea]`).waitFor();
      expect(touch.errors).toEqual([]);
    } finally {
      await touch.close();
    }
  });
});

describe('site', () => {
  const modules = ['Mixtures', 'Mixture density networks', 'Autoencoders & dimensionality reduction', 'Activation & depth'];

  it('home page says what the course is and lists the four modules', async () => {
    const { page } = b;
    await page.goto(`${inject('baseUrl')}/`);
    expect(await page.locator('h1').first().textContent()).toBe('Runnable Deep Learning');
    const main = (await page.locator('main').textContent()) ?? '';
    for (const m of modules) expect(main).toContain(m);
  });

  it('lesson pages show the four modules in the sidebar', async () => {
    const { page } = b;
    await page.goto(url());
    const sidebar = (await page.locator('#starlight__sidebar').textContent()) ?? '';
    for (const m of modules) expect(sidebar).toContain(m);
    // Every module has lessons now; landing.test.ts checks what a module without any would say.
  });
});
