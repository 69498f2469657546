/**
 * The progress page on the built site in Chromium: statuses from localStorage, "Download my work" gives the zip
 * the instructor's grader reads (graded here by the real batch grader), and "Import" restores it, asking
 * before it replaces different code and saying what it replaced.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundleFormat, readBundle } from '../../graders/bundle.ts';
import { discoverSubmissions } from '../../instructor/batch/discover.ts';
import { gradeBatch } from '../../instructor/batch/grade-batch.ts';
import { listExerciseIds, loadExercise } from '../../graders/exercise-files.ts';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { expectNoPageErrorsAfterEach } from './browser.ts';

const id = '04-activation-depth/01-softmax-blobs';
const url = () => `${inject('baseUrl')}/progress/`;
const row = `tr[data-exercise-id="${id}"]`;

let b: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'rdl-download-'));
let zipPath = '';

beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});
expectNoPageErrorsAfterEach(() => [b]);

async function open(): Promise<void> {
  await b.page.goto(url());
  await b.page.locator('rdl-progress[data-ready=true]').waitFor();
}

const saved = (key: string) => b.page.evaluate((k) => localStorage.getItem(k), key);

describe('progress page', () => {
  it('is in the sidebar and lists every exercise; nothing to download yet', async () => {
    const { page } = b;
    await open();
    expect(await page.locator('#starlight__sidebar a[href="/progress/"]').textContent()).toMatch(/Your progress/);
    expect(await page.locator('rdl-progress tbody tr').count()).toBe(listExerciseIds().length);
    expect(await page.locator(`${row} [data-role=saved]`).textContent()).toBe('not started');
    await page.locator('[data-role=download]').click();
    expect(await page.locator('[data-role=message]').textContent()).toMatch(/no saved code to download yet/);
  });

  it('shows the saved status and downloads the work as a zip the batch grader grades', async () => {
    const { page } = b;
    const { solution } = loadExercise(id);
    await page.evaluate(([i, code]) => {
      localStorage.setItem(`rdl:code:${i}`, code!);
      localStorage.setItem(`rdl:report:${i}`, 'passed');
    }, [id, solution]);
    await open();
    expect(await page.locator(`${row} [data-role=status]`).textContent()).toBe('Passed');
    expect(await page.locator(`${row} [data-role=saved]`).textContent()).toMatch(/^saved \(\d+ lines\)$/);
    await page.locator('[data-role=student]').fill('Ada Lovelace');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-role=download]').click()]);
    expect(download.suggestedFilename()).toBe('rdl-work-Ada-Lovelace.zip');
    zipPath = path.join(dir, 'ada.zip'); // as the instructor saves it: <student>.zip
    await download.saveAs(zipPath);
    expect(await page.locator('[data-role=message]').textContent()).toMatch(/^Downloaded rdl-work-Ada-Lovelace\.zip: your code for 1 exercise/);

    const bundle = readBundle(new Uint8Array(readFileSync(zipPath)));
    expect(bundle.manifest).toMatchObject({ format: bundleFormat, version: 1, student: 'Ada Lovelace', exercises: { [id]: { saved: true, status: 'passed' } } });
    expect(bundle.files.get(`${id}.ts`)).toBe(solution);

    // The instructor's side: the folder with ada.zip is graded by the same code as `npm run grade -- <dir>`.
    const { students } = discoverSubmissions(dir, [id]);
    const [result] = await gradeBatch(students, { exercises: [loadExercise(id)], seed: 11, jobs: 1 });
    expect(result).toMatchObject({ student: 'ada', displayName: 'Ada Lovelace', total: 1, status: 'passed' });
  });

  it('imports the zip into an empty browser', async () => {
    const { page } = b;
    await page.evaluate(() => localStorage.clear());
    await open();
    expect(await page.locator(`${row} [data-role=saved]`).textContent()).toBe('not started');
    await page.locator('[data-role=import-file]').setInputFiles(zipPath);
    await page.locator('[data-role=report] li').first().waitFor();
    expect(await page.locator('[data-role=report] li').allTextContents()).toEqual(['Classify four Gaussian blobs: restored']);
    expect(await saved(`rdl:code:${id}`)).toBe(loadExercise(id).solution);
    expect(await page.locator(`${row} [data-role=status]`).textContent()).toBe('Passed');
    expect(await page.locator('[data-role=message]').textContent()).toMatch(/^Imported ada\.zip \(Ada Lovelace\): 1 exercise\(s\) updated/);
  });

  it('asks before replacing different code: cancel keeps it, accept replaces it and says so', async () => {
    const { page } = b;
    const mine = '// my newer attempt\nexport async function train() {}\n';
    await page.evaluate(([i, code]) => localStorage.setItem(`rdl:code:${i}`, code!), [id, mine]);
    await open();

    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.locator('[data-role=import-file]').setInputFiles(zipPath);
    await page.locator('[data-role=message]', { hasText: 'Import cancelled' }).waitFor();
    expect(dialogs[0]).toMatch(/replaces the code you have now for:\n\n• Classify four Gaussian blobs\n/);
    expect(await saved(`rdl:code:${id}`)).toBe(mine);

    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-role=import-file]').setInputFiles(zipPath);
    await page.locator('[data-role=report] li[data-action=replaced]').waitFor();
    expect(await page.locator('[data-role=report] li').allTextContents()).toEqual(['Classify four Gaussian blobs: replaced your previous code']);
    expect(await saved(`rdl:code:${id}`)).toBe(loadExercise(id).solution);
  });

  it('the imported code is what the lesson page shows', async () => {
    const { page } = b;
    await page.goto(`${inject('baseUrl')}/activation-depth/softmax-blobs/`);
    const ex = `rdl-exercise[data-exercise-id="${id}"]`;
    await page.locator(`${ex}[data-ready=true]`).waitFor();
    expect(await page.locator(`${ex} [data-role=code]`).textContent()).toBe(loadExercise(id).solution);
  });
});
