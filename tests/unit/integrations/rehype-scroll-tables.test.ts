/**
 * The rehype plugin that puts each Markdown table in a focusable, named box that scrolls: every table, also inside
 * a component's children, once, named by its caption or its headings (KaTeX's MathML text, not its TeX or HTML).
 */
import type { Element, ElementContent, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { rehypeScrollTables, tableLabel, TABLE_SCROLL_CLASS } from '../../../src/integrations/rehype-scroll-tables.ts';

const h = (tagName: string, properties: Element['properties'], ...children: (ElementContent | string)[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children: children.map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)),
});
const table = (...headers: (ElementContent | string)[]) => h('table', {}, h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', {}, x)))), h('tbody', {}, h('tr', {}, h('td', {}, '1'))));
/** A KaTeX formula as rehype-katex writes it: MathML with the TeX in an annotation, then the HTML rendering. */
const katex = (text: string, tex: string) =>
  h('span', { className: ['katex'] }, h('span', { className: ['katex-mathml'] }, h('math', {}, h('semantics', {}, h('mi', {}, text), h('annotation', { encoding: 'application/x-tex' }, tex)))), h('span', { className: ['katex-html'], ariaHidden: 'true' }, text));

function run(tree: Root): Root {
  rehypeScrollTables()(tree);
  return tree;
}

describe('rehypeScrollTables', () => {
  it('wraps every table, also one inside a component, in a focusable region named by its headings', () => {
    const component = { type: 'mdxJsxFlowElement', name: 'Aside', attributes: [], children: [table('a')] } as unknown as ElementContent;
    const tree = run({ type: 'root', children: [h('p', {}, 'x'), table('x', 'y'), component] });
    const box = tree.children[1] as Element;
    expect(box).toMatchObject({ tagName: 'div', properties: { className: [TABLE_SCROLL_CLASS], tabIndex: 0, role: 'region', ariaLabel: 'Table: x, y' } });
    expect((box.children[0] as Element).tagName).toBe('table');
    expect(((tree.children[2] as unknown as Element).children[0] as Element).properties.ariaLabel).toBe('Table: a');
  });

  it('wraps a table written as HTML in the MDX (a JSX element named "table")', () => {
    const jsx = (name: string, ...children: unknown[]) => ({ type: 'mdxJsxFlowElement', name, attributes: [], children });
    const htmlTable = jsx('table', jsx('thead', jsx('tr', jsx('th', { type: 'text', value: 'k' }), jsx('th', { type: 'text', value: 'NLL' }))));
    const tree = run({ type: 'root', children: [htmlTable as unknown as ElementContent] });
    expect(tree.children[0]).toMatchObject({ tagName: 'div', properties: { ariaLabel: 'Table: k, NLL' }, children: [htmlTable] });
  });

  it('wraps a table once, however often it runs', () => {
    const tree = run(run({ type: 'root', children: [table('x')] }));
    expect((tree.children[0] as Element).children[0]).toMatchObject({ tagName: 'table' });
  });

  it("names a table by its caption first, reads formulas as their MathML text, and shortens long names", () => {
    expect(tableLabel(h('table', {}, h('caption', {}, 'Truth table of AND'), h('tr', {}, h('th', {}, 'x'))))).toBe('Truth table of AND');
    expect(tableLabel(table(katex('x1', 'x_1'), katex('σ(z)', '\\sigma(z)')))).toBe('Table: x1, σ(z)');
    const long = tableLabel(table(...Array.from({ length: 30 }, (_, i) => `column${i}`)));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^Table: column0, column1, .*…$/);
    expect(tableLabel(h('table', {}))).toBe('Table');
  });
});
