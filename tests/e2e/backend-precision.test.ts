/**
 * An exercise that needs float32 (exercise.yaml `precision`) on a WebGL that stores 16-bit floats, in Debian's
 * Chromium against the built site. Headless Chromium here has only SwiftShader WebGL, which has float32 render
 * targets and which the choice treats as software; the page's test-only flags (src/runtime/debug-flags.ts) make
 * tfjs render in half floats (`force-f16`, tfjs's WEBGL_FORCE_F16_TEXTURES) and count SwiftShader as hardware
 * (`software-gpu`), so this is the path a learner with such a GPU takes, tfjs's own precision check included.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { exerciseSelector, expectNoPageErrorsAfterEach, openWithSavedCode, runAndWait } from './browser.ts';

const id = '04-activation-depth/07-gradient-norms';
const { meta, solution } = loadExercise(id);
const url = (flags: string) => `${inject('baseUrl')}/activation-depth/vanishing-gradients/?rdl-debug=${flags}`;
const sel = exerciseSelector(id);

let b: Browser;
beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});
expectNoPageErrorsAfterEach(() => [b]);

const badge = () => b.page.locator(`${sel} [data-role=backend-badge]`);
const backendInfo = () => b.page.locator(`${sel} [data-role=backend-info]`).textContent();

describe('an exercise that needs float32, on a WebGL that stores 16-bit floats', () => {
  it('skips WebGL, says why on the badge, and still passes on WebAssembly', async () => {
    await openWithSavedCode(b.page, url('force-f16,software-gpu'), id, solution);
    const status = await runAndWait(b.page, id, 120_000);
    expect(await b.page.locator(sel).getAttribute('data-status'), status).toBe('passed');
    expect(await badge().getAttribute('data-backend')).toBe('wasm');
    expect(await badge().textContent()).toBe('Backend: WebAssembly · WebGL skipped: 16-bit floats');
    // The probe found float32 render targets; tfjs's WEBGL_RENDER_FLOAT32_ENABLED said otherwise once WebGL started.
    expect(await backendInfo()).toContain(
      `WebGL skipped: this GPU stores numbers in 16-bit floats (tfjs renders to 16-bit textures here: WEBGL_RENDER_FLOAT32_ENABLED is false), too coarse for ${meta.precision!.why}.`,
    );
  }, 180_000);

  it("honours the learner's own choice of that WebGL with a warning, and the correct answer then fails", async () => {
    await openWithSavedCode(b.page, url('force-f16,software-gpu'), id, solution);
    await b.page.locator(`${sel} [data-role=backend]`).selectOption('webgl');
    const status = await runAndWait(b.page, id, 150_000);
    expect(await badge().getAttribute('data-backend')).toBe('webgl');
    expect(await badge().getAttribute('data-tone')).toBe('warn');
    expect(await badge().textContent()).toBe('Backend: WebGL · 16-bit floats: checks may fail');
    expect(await backendInfo()).toMatch(/^You chose WebGL\. Note: this GPU stores numbers in 16-bit floats .*a correct answer may fail the checks here\./);
    // What the skip prevents: the reference solution's smallest norms round to 0 in half floats.
    expect(await b.page.locator(sel).getAttribute('data-status'), status).toBe('failed');
  }, 180_000);

  it('without force-f16, the same WebGL qualifies: the badge names it with no note, and the answer passes', async () => {
    await openWithSavedCode(b.page, url('software-gpu'), id, solution);
    await b.page.locator(`${sel} [data-role=backend]`).selectOption('auto'); // the previous test chose WebGL
    const status = await runAndWait(b.page, id, 150_000);
    expect(await badge().textContent(), status).toBe('Backend: WebGL');
    expect(await badge().getAttribute('data-tone')).toBeNull();
    expect(await b.page.locator(sel).getAttribute('data-status'), status).toBe('passed');
  }, 180_000);
});
