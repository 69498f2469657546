/**
 * The softmax-blobs lesson in Debian's Chromium against the built site: math rendered at build time, the editor
 * loads on demand with tfjs types, the solution passes, code survives a reload, Stop ends an endless loop.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { blobsLoop, spiralLoop, trainingLoop } from '../../src/components/figures/activation-depth/softmax-blobs/training-loop.ts';
import { wasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { exerciseSelector, expectNoPageErrorsAfterEach, runAndWait } from './browser.ts';

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
    // Readable without the editor: the starter is on the page as text.
    expect(await page.locator(`${exercise} [data-role=code]`).textContent()).toContain('export async function train');
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
    const status = await runAndWait(page, id, 120_000);
    expect(status).toMatch(/^Passed: every check is met/);
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
    expect(await page.locator(`${exercise} .uplot`).count()).toBe(1);
    mkdirSync('docs', { recursive: true });
    // Hide Starlight's sticky header, which would otherwise be drawn over the element.
    await page.locator(exercise).screenshot({ path: 'docs/screenshot-exercise-passed.png', style: 'header.header { visibility: hidden !important; }' });
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
    expect(status).toMatch(/^Error \(line 12, column \d+\): Syntax error at line 12/);
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

describe('site', () => {
  const modules = ['Mixtures', 'Mixture density networks', 'Autoencoders & dimensionality reduction', 'Activation & depth'];

  it('home page says what the course is and lists the four modules', async () => {
    const { page } = b;
    await page.goto(`${inject('baseUrl')}/`);
    expect(await page.locator('h1').first().textContent()).toBe('Runnable Deep Learning');
    const main = (await page.locator('main').textContent()) ?? '';
    for (const m of modules) expect(main).toContain(m);
  });

  it('lesson pages show the four modules in the sidebar; empty modules say they are in preparation', async () => {
    const { page } = b;
    await page.goto(url());
    const sidebar = (await page.locator('#starlight__sidebar').textContent()) ?? '';
    for (const m of modules) expect(sidebar).toContain(m);
    // A module that has no lesson page yet (Mixtures has lessons now; landing.test.ts checks every module).
    await page.goto(`${inject('baseUrl')}/autoencoders/`);
    expect(await page.locator('main').textContent()).toMatch(/in preparation/i);
  });
});
