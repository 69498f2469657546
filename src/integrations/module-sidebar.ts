/**
 * The Starlight sidebar's module groups, generated from the module folders of the docs collection: a folder of
 * `src/content/docs/` whose `index.mdx` has `module: { number }` in its frontmatter is a course module. Each becomes
 * a group labelled with the overview's title, in module-number order, whose entries Starlight autogenerates from the
 * folder (the overview first, then the lessons by their `sidebar.order`).
 *
 * Why read the files here: `astro.config.mjs` runs before the content collections exist, so it cannot query them.
 * The same frontmatter is validated by the collection's schema (src/content.config.ts) when the site builds, and the
 * home page cards and overview lesson lists read it from the collection (src/components/course-outline.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** What a module's overview frontmatter says about the module. */
export interface ModuleFolder {
  /** Folder under the docs collection, e.g. "activation-depth"; also the overview's URL path. */
  directory: string;
  /** The overview page's `title`, used as the sidebar group's label. */
  title: string;
  /** `module.number`: the module's position in the course. */
  number: number;
}

/** The sidebar label every overview page carries, so no group repeats its own name as its first entry. */
export const OVERVIEW_LABEL = 'Overview';

/** Parses the YAML frontmatter block at the top of an MDX file (an empty object when there is none). */
function frontmatter(file: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  const data: unknown = m ? parse(m[1]!) : {};
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

/**
 * Lists the course modules under `docsDir`, ordered by number. Throws, naming the file, when an overview lacks a
 * title or the "Overview" sidebar label, or two modules share a number: mistakes that would otherwise show up only
 * as a wrong sidebar.
 */
export function listModuleFolders(docsDir: string): ModuleFolder[] {
  const modules: ModuleFolder[] = [];
  for (const d of readdirSync(docsDir, { withFileTypes: true })) {
    const index = path.join(docsDir, d.name, 'index.mdx');
    if (!d.isDirectory() || !existsSync(index)) continue;
    const fm = frontmatter(index);
    const mod = fm.module as { number?: unknown } | undefined;
    if (mod === undefined) continue;
    const where = path.relative(process.cwd(), index);
    if (typeof fm.title !== 'string') throw new Error(`${where}: a module overview needs a title (the sidebar group's label)`);
    // 0 is the "Start here" section before module 1 (src/content/docs/start-here/).
    if (typeof mod.number !== 'number' || !Number.isInteger(mod.number) || mod.number < 0) throw new Error(`${where}: module.number must be a non-negative integer`);
    const sidebar = fm.sidebar as { label?: unknown } | undefined;
    if (sidebar?.label !== OVERVIEW_LABEL) {
      throw new Error(`${where}: a module overview needs \`sidebar: { label: ${OVERVIEW_LABEL}, order: 0 }\`, or the sidebar shows "${fm.title} › ${fm.title}"`);
    }
    modules.push({ directory: d.name, title: fm.title, number: mod.number });
  }
  modules.sort((a, b) => a.number - b.number);
  for (let i = 1; i < modules.length; i++) {
    if (modules[i]!.number === modules[i - 1]!.number) throw new Error(`modules ${modules[i - 1]!.directory} and ${modules[i]!.directory} both have number ${modules[i]!.number}`);
  }
  return modules;
}

/** One Starlight sidebar group per module, for `starlight({ sidebar: [...moduleSidebar(dir), …] })`. */
export function moduleSidebar(docsDir: string): { label: string; items: { autogenerate: { directory: string } }[] }[] {
  return listModuleFolders(docsDir).map((m) => ({ label: m.title, items: [{ autogenerate: { directory: m.directory } }] }));
}
