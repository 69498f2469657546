/**
 * Hints in order, then the solution, on the built site in Chromium: hint k+1 appears once hint k is opened (kept
 * over a reload); "Show solution" says what unlocks it and counts failed runs (a stopped one does not); the solution
 * is in no page's HTML or JS and is fetched only when unlocked, shown as a Monaco diff; "Use this code" keeps the
 * learner's code for "Restore my code"; after a pass, "Next: <lesson>" and the lesson's "Try it yourself". Then a
 * course built for graded use (RDL_SOLUTIONS=off) holds no solution in any file, and the page says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import { browserForFile, clickRun, exerciseSelector, runAndWait, seriousA11yViolations } from './browser.ts';

const id = '04-activation-depth/01-softmax-blobs';
const lesson = '/activation-depth/softmax-blobs/';
const sel = exerciseSelector(id);
const { meta, starter, solution } = loadExercise(id);
/** A line of the solution that is in no other file the site ships. */
const solutionLine = '8 ReLU units are plenty; in fact none are needed.';

const browser = browserForFile();

describe('hints, then the solution', () => {
  it('opens hints in order, unlocks the solution after every hint and 3 failed runs, diffs it, keeps the learner code, then points on after a pass', async () => {
    const { page } = browser();
    expect(solution).toContain(solutionLine);
    // Not in the lesson's HTML nor in any of the site's scripts; emitted as its own file.
    expect(await (await fetch(`${inject('baseUrl')}${lesson}`)).text()).not.toContain(solutionLine);
    const scripts = readdirSync('dist/_astro').filter((f) => f.endsWith('.js'));
    expect(scripts.filter((f) => readFileSync(path.join('dist/_astro', f), 'utf8').includes(solutionLine))).toEqual([]);
    expect(JSON.parse(readFileSync(`dist/solutions/${id}.json`, 'utf8'))).toEqual({ id, code: solution });

    const fetched: string[] = [];
    page.on('request', (r) => void (r.url().includes('/solutions/') && fetched.push(r.url())));
    await page.goto(`${inject('baseUrl')}${lesson}`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator(`${sel}[data-ready=true]`).waitFor();
    const hints = page.locator(`${sel} [data-role=hint]`);
    const n = meta.hints.length;
    expect(n).toBeGreaterThanOrEqual(2);
    const visible = () => hints.evaluateAll((ds) => ds.map((d) => ((d as HTMLElement).hidden ? '-' : (d as HTMLDetailsElement).open ? 'open' : 'closed')));
    expect(await visible()).toEqual(['closed', ...Array(n - 1).fill('-')]);
    const lock = page.locator(`${sel} [data-role=solution-lock]`);
    const button = page.locator(`${sel} [data-role=solution]`);
    expect(await button.isDisabled()).toBe(true);
    expect(await lock.textContent()).toBe(`Opens after you pass, or after all ${n} hints and 3 failed runs: 0 of ${n} hints opened, 0 of 3 failed runs so far.`);

    await hints.nth(0).locator('summary').click();
    expect(await visible()).toEqual(['open', 'closed', ...Array(n - 2).fill('-')]);
    await page.reload(); // remembered per exercise
    await page.locator(`${sel}[data-ready=true]`).waitFor();
    expect(await visible()).toEqual(['open', 'closed', ...Array(n - 2).fill('-')]);
    for (let i = 1; i < n; i++) await hints.nth(i).locator('summary').click();
    expect(await visible()).toEqual(Array(n).fill('open'));
    expect(await lock.textContent()).toMatch(new RegExp(`: ${n} of ${n} hints opened, 0 of 3 failed runs so far\\.$`));

    // Two failed runs are on record already; a stopped run does not count, the starter's error does.
    await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ ...JSON.parse(localStorage.getItem(k)!), failedRuns: 2 })), `rdl:help:${id}`);
    await page.reload();
    await clickRun(page, id);
    await page.locator(`${sel} [data-role=stop]`).click();
    await page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: 60_000 });
    expect(await lock.textContent()).toMatch(/2 of 3 failed runs so far\.$/);
    expect(await runAndWait(page, id, 120_000)).toMatch(/Error: /);
    expect(await button.isDisabled()).toBe(false);
    expect(await lock.textContent()).toBe('');
    expect(fetched).toEqual([]);

    // The solution against the learner's code in Monaco's diff editor; "Use this code", then "Restore my code".
    await button.click();
    await page.locator(`${sel} [data-role=solution-dialog] .monaco-diff-editor`).waitFor();
    expect(fetched).toEqual([`${inject('baseUrl')}/solutions/${id}.json`]);
    expect(await seriousA11yViolations(page), 'axe with the solution dialog open').toEqual([]);
    await page.locator(`${sel} [data-role=use-solution]`).click();
    const code = () => page.locator(sel).evaluate((e) => (e as HTMLElement & { code: string }).code);
    await page.locator(`${sel}[data-editor=ready]`).waitFor();
    expect(await code()).toBe(solution);
    expect(await page.evaluate((k) => localStorage.getItem(k), `rdl:code:${id}:before-solution`)).toBe(starter);
    const restore = page.locator(`${sel} [data-role=restore]`);
    await restore.click();
    await restore.waitFor({ state: 'hidden' });
    expect(await code()).toBe(starter);

    // Take it again and pass: the next lesson and this lesson's "Try it yourself".
    await button.click();
    await page.locator(`${sel} [data-role=use-solution]`).click();
    expect(await page.locator(`${sel} [data-role=next]`).isHidden()).toBe(true);
    expect(await runAndWait(page, id, 180_000)).toMatch(/^Passed/);
    const next = page.locator(`${sel} [data-role=next-lesson]`);
    expect([await next.getAttribute('href'), await next.textContent()]).toEqual(['/activation-depth/spiral/', expect.stringMatching(/^Next: 5\. \S/)]);
    const tryIt = page.locator(`${sel} [data-role=try-it]`);
    expect([await tryIt.getAttribute('href'), await tryIt.textContent()]).toEqual(['#try-it-yourself-the-learning-rate', 'Try it yourself: the learning rate']);
    expect(await restore.isVisible()).toBe(true); // the starter, kept from the second "Use this code"
  });

  it('a course built for graded use (RDL_SOLUTIONS=off) has no solution anywhere and says so', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'rdl-graded-'));
    const build = spawnSync(path.resolve('node_modules/.bin/astro'), ['build', '--outDir', out], { env: { ...process.env, RDL_SOLUTIONS: 'off' }, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).map((f) => path.join(out, f)).filter((f) => statSync(f).isFile());
    expect(files.filter((f) => f.includes(`${path.sep}solutions${path.sep}`) || readFileSync(f, 'latin1').includes(solutionLine))).toEqual([]);

    // That build, served to Chromium from the folder (no server: every request answered from the files).
    const { page } = browser();
    const origin = 'http://graded.invalid';
    await page.route(`${origin}/**`, (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname);
      const file = path.join(out, rel.endsWith('/') ? `${rel}index.html` : rel);
      return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: 'not found' });
    });
    await page.goto(`${origin}${lesson}`);
    await page.locator(`${sel}[data-ready=true]`).waitFor();
    expect(await page.locator(`${sel} [data-role=solution]`).isDisabled()).toBe(true);
    expect(await page.locator(`${sel} [data-role=solution-lock]`).textContent()).toBe('Solutions are off for this course.');
    await page.unrouteAll();
    rmSync(out, { recursive: true, force: true });
  });
});
