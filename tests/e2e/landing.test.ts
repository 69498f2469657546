/**
 * How modules land and how a learner gets in, against the built site without JavaScript (what these pages show is
 * static HTML): the home page's button leads to the course's first lesson and each module's card to the module's
 * first lesson (or to its overview while it has none), the sidebar has a group per module whose first entry is its
 * overview, then its lessons numbered from 1, each with an exercise marked so, and no entry repeating the group's
 * name; each overview has a button to its first lesson and lists exactly its lessons and their exercises.
 * What to expect is read from the files here (docs frontmatter, exercise.yaml), independently of the site's code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { listExerciseIds, loadExercise } from '../../graders/exercise-files.ts';
import { launch, type Browser } from '../../scripts/lib/chromium.ts';
import { expectNoPageErrorsAfterEach } from './browser.ts';

const docs = 'src/content/docs';
interface Frontmatter {
  title: string;
  sidebar?: { order?: number; hidden?: boolean };
  module?: { number: number };
}
const frontmatter = (file: string) => parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))![1]!) as Frontmatter;

/** Every module folder with its lessons in sidebar order (order, then file name) and their exercises in id order. */
const modules = readdirSync(docs, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const fm = frontmatter(path.join(docs, d.name, 'index.mdx'));
    const lessons = readdirSync(path.join(docs, d.name))
      .filter((f) => f.endsWith('.mdx') && f !== 'index.mdx')
      .map((f) => ({ id: `${d.name}/${f.replace(/\.mdx$/, '')}`, fm: frontmatter(path.join(docs, d.name, f)) }))
      .filter((l) => !l.fm.sidebar?.hidden)
      .sort((a, b) => (a.fm.sidebar?.order ?? Infinity) - (b.fm.sidebar?.order ?? Infinity) || a.id.localeCompare(b.id))
      .map((l) => ({
        id: l.id,
        title: l.fm.title,
        exercises: listExerciseIds()
          .filter((e) => loadExercise(e).meta.lesson === l.id)
          .sort()
          .map((e) => ({ id: e, title: loadExercise(e).meta.title })),
      }));
    return { directory: d.name, title: fm.title, number: fm.module!.number, lessons };
  })
  .sort((a, b) => a.number - b.number);

/** A sidebar link: its text, target, and the exercise mark (data-exercises, accessible name) where it has one. */
interface SidebarLink {
  label: string;
  href: string;
  exercises?: string;
  name?: string;
}
/** The sidebar as data: top-level groups with their links, and top-level links. */
interface SidebarItem {
  label: string;
  href?: string;
  entries?: SidebarLink[];
}
const readSidebar = (b: Browser) =>
  b.page.locator('nav.sidebar ul.top-level > li').evaluateAll((items) =>
    items.map((li): SidebarItem => {
      const text = (e: Element | null) => e?.textContent?.trim() ?? '';
      const summary = li.querySelector(':scope > details > summary');
      if (!summary) return { label: text(li.querySelector('a')), href: li.querySelector('a')!.getAttribute('href')! };
      const links = [...li.querySelectorAll(':scope > details a')];
      const link = (a: Element): SidebarLink => {
        const mark = a.getAttribute('data-exercises');
        return { label: text(a), href: a.getAttribute('href')!, ...(mark !== null && { exercises: mark, name: a.getAttribute('aria-label')! }) };
      };
      return { label: text(summary), entries: links.map(link) };
    }),
  );

let b: Browser;
const url = (p: string) => `${inject('baseUrl')}${p}`;
beforeAll(async () => {
  b = await launch({ javaScript: false });
});
afterAll(async () => {
  await b?.close();
});
expectNoPageErrorsAfterEach(() => [b]);

/** The first module with lessons, and its first lesson: where the course starts. */
const start = modules.find((m) => m.lessons.length > 0)!;

describe('the home page', () => {
  it("has a button to the course's first lesson, which it names", async () => {
    await b.page.goto(url('/'));
    const buttons = await b.page.locator('.hero .sl-link-button').evaluateAll((as) => as.map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href') })));
    expect(buttons).toEqual([{ text: `Start with lesson 1: ${start.lessons[0]!.title}`, href: `/${start.lessons[0]!.id}/` }]);
  });

  it("has one card per module, in module order, leading to the module's first lesson (named on the card) or, in preparation, to its overview", async () => {
    await b.page.goto(url('/'));
    const cards = await b.page.locator('.sl-link-card').evaluateAll((cs) =>
      cs.map((c) => ({ title: c.querySelector('a')!.textContent!.trim(), href: c.querySelector('a')!.getAttribute('href'), text: c.textContent!.replace(/\s+/g, ' ') })),
    );
    expect(cards).toEqual(
      modules.map((m) => ({
        // Module 0 is the "Start here" section before module 1: its card carries no number.
        title: `${m.number > 0 ? `${m.number}. ` : ''}${m.title}${m.lessons.length === 0 ? ' (in preparation)' : ''}`,
        href: m.lessons.length > 0 ? `/${m.lessons[0]!.id}/` : `/${m.directory}/`,
        text: m.lessons.length > 0 ? expect.stringContaining(`Starts with lesson 1: ${m.lessons[0]!.title}.`) : expect.not.stringContaining('Starts with'),
      })),
    );
    expect(await b.page.locator('main').textContent()).not.toMatch(/coming soon/i);
  });
});

describe('the sidebar', () => {
  // A lesson page, an overview and a page outside the modules: the sidebar is the same everywhere.
  const pages = ['/progress/', ...modules.flatMap((m) => [`/${m.directory}/`, ...m.lessons.slice(0, 1).map((l) => `/${l.id}/`)])];

  it.each(pages)('on %s: a group per module, the overview first and labelled Overview, its lessons next, numbered and marked when they have exercises, no entry named like its group', async (page) => {
    await b.page.goto(url(page));
    const sidebar = await readSidebar(b);
    expect(sidebar.filter((s) => s.entries).map((s) => s.label)).toEqual(modules.map((m) => m.title));
    for (const [i, m] of modules.entries()) {
      expect(sidebar[i]!.entries).toEqual([
        { label: 'Overview', href: `/${m.directory}/` },
        ...m.lessons.map((l, n) => {
          const label = `${n + 1}. ${l.title}`;
          const count = l.exercises.length;
          // The pencil is CSS; what it means is in the link's accessible name, after its visible text.
          const mark = count === 0 ? {} : { exercises: String(count), name: `${label}, ${count === 1 ? 'has an exercise' : `has ${count} exercises`}` };
          return { label, href: `/${l.id}/`, ...mark };
        }),
      ]);
      expect(sidebar[i]!.entries!.map((e) => e.label)).not.toContain(sidebar[i]!.label);
    }
    // The marks are drawn: a pencil after each marked link's text.
    const pencil = await b.page.locator('nav.sidebar a[data-exercises]').first().evaluate((a) => getComputedStyle(a, '::after').maskImage);
    expect(pencil).toMatch(/^url\("data:image\/svg\+xml/);
  });
});

describe.each(modules)('the overview of module $number, $title', (m) => {
  it(m.lessons.length > 0 ? 'has a button to its first lesson and lists exactly its lessons, in order, each with its exercises (title and id)' : 'says it is in preparation and lists no lessons', async () => {
    await b.page.goto(url(`/${m.directory}/`));
    expect(await b.page.locator('h1').textContent()).toBe(m.title);
    const startButton = await b.page.locator('main [data-role=module-start]').evaluateAll((as) => as.map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href') })));
    expect(startButton).toEqual(m.lessons.length > 0 ? [{ text: `Start with lesson 1: ${m.lessons[0]!.title}`, href: `/${m.lessons[0]!.id}/` }] : []);
    const listed = await b.page.locator('ol.rdl-module-lessons > li').evaluateAll((lis) =>
      lis.map((li) => ({
        id: li.getAttribute('data-lesson'),
        title: li.querySelector(':scope > a')!.textContent!.trim(),
        href: li.querySelector(':scope > a')!.getAttribute('href'),
        exercises: [...li.querySelectorAll('li')].map((e) => ({ id: e.getAttribute('data-exercise'), text: e.textContent!.replace(/\s+/g, ' ').trim() })),
      })),
    );
    expect(listed).toEqual(
      m.lessons.map((l) => ({
        id: l.id,
        title: l.title,
        href: `/${l.id}/`,
        exercises: l.exercises.map((e) => ({ id: e.id, text: `Exercise: ${e.title} ${e.id}` })),
      })),
    );
    const note = b.page.locator('main aside.starlight-aside', { hasText: 'In preparation' });
    expect(await note.count()).toBe(m.lessons.length === 0 ? 1 : 0);
    expect(await b.page.locator('main').textContent()).not.toMatch(/coming soon/i);
  });
});

describe('the course as a whole', () => {
  it('has at least one module with lessons, and lists every exercise on exactly one overview', () => {
    // Guards the tests above against passing on an empty course.
    expect(modules.some((m) => m.lessons.length > 0)).toBe(true);
    const listed = modules.flatMap((m) => m.lessons.flatMap((l) => l.exercises.map((e) => e.id)));
    expect(listed.sort()).toEqual(listExerciseIds().sort());
  });
});
