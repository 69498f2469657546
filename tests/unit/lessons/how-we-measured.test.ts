/**
 * Lessons read like a book: the running prose states findings, and where a number came from (the script that
 * measured it, its seeds, the machine) sits in a closed "How we measured" box (src/components/HowWeMeasured.astro),
 * a GFM footnote, or an MDX comment for maintainers. This test walks every lesson under src/content/docs, so a new
 * lesson is held to it too: no `scripts/` path may appear anywhere else in the MDX. It also checks that the boxes
 * are well-formed for MDX (imported, balanced, markdown inside set off by blank lines) and that the component is a
 * native <details>, closed by default, that needs no JavaScript.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = 'src/content/docs';


const lessons = (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.split('\\').join('/'))
  .sort();
const read = (f: string) => readFileSync(join(root, f), 'utf8');

/** Blanks out a match but keeps its newlines, so line numbers of what remains stay right. */
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/**
 * The MDX with every place provenance may live blanked out: MDX comments {/* … *\/}, <HowWeMeasured> … </HowWeMeasured>
 * blocks, and footnote definitions ("[^id]: …" with its continuation lines, up to the next blank line, and any
 * further paragraphs indented by four spaces). What is left is what a reader reads as running prose.
 */
function outsideProvenance(mdx: string): string {
  let s = mdx.replace(/\{\/\*[\s\S]*?\*\/\}/g, blank);
  s = s.replace(/<HowWeMeasured>[\s\S]*?<\/HowWeMeasured>/g, blank);
  s = s.replace(/^\[\^[^\]\s]+\]:[^\n]*(?:\n(?!\s*\n)[^\n]*)*(?:\n\s*\n(?: {4}|\t)[^\n]*(?:\n(?!\s*\n)[^\n]*)*)*/gm, blank);
  return s;
}

const scriptPaths = (mdx: string) =>
  outsideProvenance(mdx)
    .split('\n')
    .flatMap((line, i) => (/\bscripts\//.test(line) ? [`line ${i + 1}: ${line.trim()}`] : []));

describe('outsideProvenance()', () => {
  it('blanks comments, boxes and footnote definitions, and keeps the prose around them', () => {
    const mdx = [
      'Prose one (scripts/a.ts).',
      '{/* by scripts/b.ts */}',
      '',
      '<HowWeMeasured>',
      '',
      'By `scripts/c.ts`.',
      '',
      '</HowWeMeasured>',
      '',
      'Prose two.[^x]',
      '',
      '[^x]: From `scripts/d.ts`,',
      '    continued by scripts/e.ts.',
      '',
      '    A second paragraph naming scripts/f.ts.',
      '',
      'Prose three, scripts/g.ts.',
    ].join('\n');
    const kept = outsideProvenance(mdx);
    expect(kept.split('\n')).toHaveLength(mdx.split('\n').length);
    expect(scriptPaths(mdx)).toEqual(['line 1: Prose one (scripts/a.ts).', 'line 17: Prose three, scripts/g.ts.']);
    expect(kept).toContain('Prose two.[^x]');
  });
});

describe('lessons keep script paths out of the prose', () => {
  it('checks every lesson', () => {
    expect(lessons).toEqual(expect.arrayContaining(['activation-depth/spiral.mdx', 'autoencoders/pca.mdx', 'mixture-density-networks/training.mdx', 'mixtures/em.mdx']));
  });

  it.each(lessons)('%s names scripts/ only in a How-we-measured box, a footnote or an MDX comment', (f) => {
    expect(scriptPaths(read(f))).toEqual([]);
  });

  it.each(lessons)('%s: its How-we-measured boxes are imported, balanced and set off by blank lines', (f) => {
    const mdx = read(f);
    const opens = mdx.match(/<HowWeMeasured>/g)?.length ?? 0;
    const closes = mdx.match(/<\/HowWeMeasured>/g)?.length ?? 0;
    expect(closes).toBe(opens);
    if (opens === 0) return;
    expect(mdx).toContain("import HowWeMeasured from '../../../components/HowWeMeasured.astro';");
    // MDX parses the inside as markdown only when blank lines separate it from the tags.
    expect(mdx.match(/<HowWeMeasured>\n\n/g)?.length).toBe(opens);
    expect(mdx.match(/\n\n<\/HowWeMeasured>/g)?.length).toBe(opens);
  });
});

describe('<HowWeMeasured>', () => {
  const source = readFileSync('src/components/HowWeMeasured.astro', 'utf8');
  const template = source.slice(source.indexOf('---', 3) + 3);

  it('renders a native <details class="rdl-measured">, closed by default, with its summary and a slot', () => {
    expect(template).toMatch(/<details class="rdl-measured">/);
    expect(template).not.toMatch(/<details[^>]*\sopen\b/);
    expect(template).toContain('<summary>How we measured</summary>');
    expect(template).toContain('<slot />');
    expect(template.indexOf('<summary>')).toBeLessThan(template.indexOf('<slot />'));
    expect(template).toContain('</details>');
  });

  it('needs no JavaScript and says why it is a <details>', () => {
    expect(source).not.toMatch(/<script\b/);
    expect(source).toMatch(/\/\*\*[\s\S]*no[\s*]+JavaScript[\s\S]*\*\//);
  });

  it('is styled with Starlight’s colour variables only, so it follows the light and dark themes', () => {
    const css = readFileSync('src/styles/course.css', 'utf8');
    const rules = css.split('\n').filter((line) => line.includes('.rdl-measured'));
    expect(rules.length).toBeGreaterThan(0);
    const colours = rules.join('\n').match(/(?:color|background|border[\w-]*|outline)\s*:[^;]+/g) ?? [];
    expect(colours.length).toBeGreaterThan(0);
    for (const decl of colours) expect(decl, decl).not.toMatch(/#[0-9a-f]{3,8}\b|rgb|hsl/i);
  });
});
