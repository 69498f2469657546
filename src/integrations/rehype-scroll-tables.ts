/**
 * Rehype plugin: wraps every table of a lesson's Markdown in a box that scrolls sideways, so a wide table scrolls
 * inside its box on a phone instead of widening the page (src/styles/course.css, `.rdl-table-scroll`).
 *
 * The box is a focusable, named region (tabindex="0", role="region", aria-label): a keyboard user can scroll what
 * the mouse can, and a screen reader says what the region holds (WCAG 2.1.1; axe's scrollable-region-focusable).
 * Its name is the table's caption when it has one, else its column headings ("Table: x₁, x₂, AND").
 *
 * At build time, because tables are static: no script on the page, and the same markup with JavaScript off. Tables
 * that components write (a figure's numbers) get the same box from their component (figures/kit/Figure.astro).
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/** The class of the wrapper; the stylesheet and the tests find it by this name. */
export const TABLE_SCROLL_CLASS = 'rdl-table-scroll';

/** The longest region name we write; past that, the headings are cut at a word with an ellipsis. */
const MAX_LABEL = 80;

const isElement = (n: RootContent | ElementContent | Root): n is Element => n.type === 'element';

/**
 * The tag of an element, or of an HTML element written as JSX in MDX (`<table>` in a lesson's source is an
 * mdxJsxFlowElement named "table", not a hast element); undefined for anything else.
 */
function tagOf(n: RootContent | ElementContent | Root): string | undefined {
  if (isElement(n)) return n.tagName;
  const jsx = n as unknown as { type: string; name?: string | null };
  return jsx.type === 'mdxJsxFlowElement' || jsx.type === 'mdxJsxTextElement' ? (jsx.name ?? undefined) : undefined;
}

/** The text of a node and everything under it, with runs of white space collapsed. */
function textOf(node: Root | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (!('children' in node)) return '';
  // KaTeX writes each formula twice, as MathML for screen readers and as HTML for the eye, and the MathML keeps
  // the TeX source in an annotation: read only the MathML's own text.
  const skip = isElement(node) && (node.tagName === 'annotation' || (node.properties.className as string[] | undefined)?.includes('katex-html'));
  const kids = skip ? [] : node.children;
  return kids.map((c) => textOf(c)).join('').replace(/\s+/g, ' ');
}

/** The first node under `node` (itself included) with tag `tag`, depth first. */
function find(node: Element, tag: string): Element | undefined {
  if (tagOf(node) === tag) return node;
  for (const c of node.children) {
    const hit = 'children' in c ? find(c as Element, tag) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** The region's name: the table's caption, else its first row's cells, shortened to MAX_LABEL characters. */
export function tableLabel(table: Element): string {
  const caption = find(table, 'caption');
  if (caption) return shorten(textOf(caption).trim());
  const row = find(table, 'tr');
  const cells = (row?.children ?? []).filter((c) => tagOf(c) !== undefined).map((c) => textOf(c).trim()).filter(Boolean);
  return shorten(cells.length ? `Table: ${cells.join(', ')}` : 'Table');
}

function shorten(text: string): string {
  if (text.length <= MAX_LABEL) return text;
  const cut = text.slice(0, MAX_LABEL - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_LABEL / 2))}…`;
}

/** A node with children: an element, or in MDX a component (`<Aside>…</Aside>`) whose children are Markdown. */
type Parent = { children: (RootContent | ElementContent)[] };

/** Replaces each table under `parent` by a scroll box that holds it (a table already in one is left). */
function wrapTables(parent: Parent): void {
  parent.children = parent.children.map((child) => {
    if (tagOf(child) === 'table') {
      const label = tableLabel(child as Element);
      return { type: 'element', tagName: 'div', properties: { className: [TABLE_SCROLL_CLASS], tabIndex: 0, role: 'region', ariaLabel: label }, children: [child as Element] } satisfies Element;
    }
    const inBox = isElement(child) && (child.properties.className as string[] | undefined)?.includes(TABLE_SCROLL_CLASS);
    if ('children' in child && !inBox) wrapTables(child as Parent);
    return child;
  });
}

/** The plugin, for `unified({ rehypePlugins: [rehypeKatex, rehypeScrollTables] })`. */
export function rehypeScrollTables(): (tree: Root) => void {
  return (tree) => wrapTables(tree as Parent);
}
