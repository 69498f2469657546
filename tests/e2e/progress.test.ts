/**
 * The progress page on the built site in Chromium: statuses from localStorage, "Download my work" gives the zip
 * the instructor's grader reads (graded here by the real batch grader), and "Import" restores it, asking
 * before it replaces different code and saying what it replaced. Then a pass sticks: after a pass, neither a
 * stopped run nor a failing experiment undoes it, on the exercise (also after a reload), in the sidebar and on this
 * page, and the download hands in the passing version, labelled; an unreadable record is said, not a crash.
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
import { passedHeaderLead } from '../../src/runtime/hand-in.ts';
import { clickRun, exerciseSelector, expectNoPageErrorsAfterEach, openWithSavedCode, runAndWait } from './browser.ts';

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

describe('a pass sticks', () => {
  const lesson = () => `${inject('baseUrl')}/activation-depth/softmax-blobs/`;
  const ex = exerciseSelector(id);
  const { solution } = loadExercise(id);
  const badge = () => b.page.locator(`${ex} [data-role=record-badge]`);
  const mark = () => b.page.locator('#starlight__sidebar a[href="/activation-depth/softmax-blobs/"]').getByRole('img', { name: 'exercises passed' });
  const record = () => saved(`rdl:result:${id}`);

  /** Puts `code` in the plain text editor (opened first), which saves it as typed. */
  async function setCode(code: string): Promise<void> {
    const { page } = b;
    if ((await page.locator(`${ex}[data-editor=ready]`).count()) === 0) {
      await page.locator(`${ex} [data-role=plain-editor]`).check();
      await page.locator(`${ex} [data-role=edit]`).click();
    }
    await page.locator(`${ex} textarea[data-role=textarea]`).fill(code);
  }

  it('after a pass, a stopped run changes nothing and a failing experiment leaves "passed earlier"; the sidebar marks the lesson at once', async () => {
    const { page } = b;
    await page.goto(lesson());
    await page.evaluate(() => localStorage.clear());
    await openWithSavedCode(page, lesson(), id, solution);
    expect(await mark().count()).toBe(0);
    expect(await runAndWait(page, id, 120_000)).toMatch(/^Passed/);
    expect(await badge().textContent()).toBe('Passed');
    await mark().waitFor(); // no reload: the run's record updates the sidebar
    expect(await page.locator('#starlight__sidebar a[href="/activation-depth/softmax-blobs/"]').getAttribute('aria-label')).toMatch(/, has an exercise, exercises passed$/);

    const passed = await record();
    await setCode(solution.replace('const model = tf.sequential();', 'while (true) {}\n  const model = tf.sequential();'));
    await clickRun(page, id);
    await page.locator(`${ex} [data-role=status]`, { hasText: 'Training on' }).waitFor();
    await page.locator(`${ex} [data-role=stop]`).click();
    await page.locator(`${ex}[data-running=false]`).waitFor();
    expect(await page.locator(`${ex} [data-role=status]`).textContent()).toBe('Stopped: You stopped the run.');
    expect(await record(), 'a stopped run records nothing').toBe(passed);
    expect(await badge().textContent()).toBe('Passed');

    // The lesson's "try it yourself": one epoch instead of 300 fails the checks.
    await setCode(solution.replace('epochs: 300', 'epochs: 1'));
    expect(await runAndWait(page, id, 120_000)).toMatch(/^Not yet/);
    expect(await badge().textContent()).toBe('Passed earlier — your current code fails');
    expect(await page.locator(`${ex} [data-role=record-detail]`).textContent()).toMatch(/^Passed on .+ checks met\. Last run: Failed on .+: [01] of 2 checks met\.$/);
    expect(await mark().count()).toBe(1);
  });

  it('shows the result again after a reload', async () => {
    const { page } = b;
    await page.reload();
    await page.locator(`${ex}[data-ready=true][data-record=passed-earlier]`).waitFor();
    expect(await badge().textContent()).toBe('Passed earlier — your current code fails');
    expect(await mark().count()).toBe(1);
  });

  it('the progress page says so, and the download holds the passing version, labelled', async () => {
    const { page } = b;
    await open();
    const cell = page.locator(`${row} [data-role=status]`);
    expect(await cell.textContent()).toMatch(/^Passed earlier on .+ — current code fails$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-role=download]').click()]);
    const zip = path.join(dir, 'swapped.zip');
    await download.saveAs(zip);
    const bundle = readBundle(new Uint8Array(readFileSync(zip)));
    const file = bundle.files.get(`${id}.ts`)!;
    expect(file.startsWith(`${passedHeaderLead} (`)).toBe(true);
    expect(file).toMatch(/Your current code fails the checks, so "Download my work" handed in this version instead\./);
    expect(file.endsWith(`\n${solution}`)).toBe(true);
    expect(bundle.manifest!.exercises[id]).toMatchObject({ saved: true, status: 'passed', swapped: 'fails' });
    expect(await page.locator('[data-role=message]').textContent()).toMatch(/For Classify four Gaussian blobs, it holds the version that passed on practice data/);
  });

  it('an unreadable record is said, not a crash, and the code is kept', async () => {
    const { page } = b;
    const code = await saved(`rdl:code:${id}`);
    await page.evaluate((k) => localStorage.setItem(k, '{garbled'), `rdl:result:${id}`);
    await open();
    expect(await page.locator(`${row} [data-role=status]`).getAttribute('data-status')).toBe('unreadable');
    expect(await page.locator('[data-role=message]').textContent()).toMatch(/could not be read/);
    await page.goto(lesson());
    await page.locator(`${ex}[data-ready=true][data-record=unreadable]`).waitFor();
    expect(await badge().textContent()).toBe('Earlier result unreadable');
    expect(await saved(`rdl:code:${id}`)).toBe(code);
  });
});
