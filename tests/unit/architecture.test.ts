/**
 * The dependency direction (README "Architecture"): components → runtime → graders ← exercises, with the
 * instructor tool above runtime and graders, and nothing importing tests. This test reads every import in the
 * tree (tests/helpers/import-graph.ts) and fails on an arrow that runs the wrong way, naming file, line and import.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { domGlobalsIn, importGraph, importsOf, sourceFiles, type ImportEdge } from '../helpers/import-graph.ts';

const root = path.resolve(import.meta.dirname, '../..');
const under = (dir: string) => (p: string) => p.startsWith(`${dir}/`);

/** One forbidden kind of arrow: no file matching `from` may import a target matching `to`. */
interface Rule {
  name: string;
  from: (file: string) => boolean;
  to: (target: string) => boolean;
  why: string;
}

const rules: Rule[] = [
  {
    name: 'graders → src/',
    from: under('graders'),
    to: under('src'),
    why: 'graders/ is the pure core that the browser worker and the instructor CLI both load; an import of the runtime or the site would drag tfjs, workers or Astro into every grader and make the grade depend on where it runs.',
  },
  {
    name: 'graders → instructor/',
    from: under('graders'),
    to: under('instructor'),
    why: 'The instructor tool (CLI, batch, Gradescope) sits above graders and uses it; the other way round would be a circle, and the browser bundle would pull in child processes and file writes.',
  },
  {
    name: 'graders → tfjs',
    from: under('graders'),
    to: (t) => t.startsWith('@tensorflow/'),
    why: 'Graders score plain numbers (float64 references, typed arrays) so that a grade never depends on a tfjs backend; only the runtime runs models.',
  },
  {
    name: 'src/runtime → src/components',
    from: under('src/runtime'),
    to: under('src/components'),
    why: 'The runtime runs in a Web Worker and in a sandboxed Node child: neither has a DOM, and the child may read only src/runtime, graders and node_modules (src/runtime/sandbox.ts).',
  },
  {
    name: 'src → instructor/',
    from: under('src'),
    to: under('instructor'),
    why: 'The site and the runtime ship to learners; the instructor tool is Node-only and above them, so it may use them but not be used by them.',
  },
  {
    name: 'anything → tests/',
    from: (f) => !under('tests')(f),
    to: under('tests'),
    why: 'Tests are not shipped (not in the site, not in the autograder zip); code that needs a helper from tests/ should own it.',
  },
];

/** Browser globals graders must not touch (the instructor CLI runs graders in plain Node). */
const domGlobals = ['document', 'window', 'navigator', 'HTMLElement', 'customElements', 'localStorage', 'self', 'Worker', 'postMessage'];

const edges = importGraph(root);
const show = (e: ImportEdge) => `${e.from}:${e.line} imports '${e.specifier}'`;
const broken = (rule: Rule, all: ImportEdge[]) => all.filter((e) => rule.from(e.from) && rule.to(e.to)).map(show);

describe('imports point one way', () => {
  it('reads the whole tree: static, re-export, dynamic and .astro/.mdx imports', () => {
    // A test that reads nothing passes vacuously; these arrows exist today and must be seen.
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has('instructor/grade-cli.ts', 'src/runtime/sandbox.ts')).toBe(true);
    expect(has('graders/schema.ts', 'graders/problems/index.ts')).toBe(true);
    expect(has('graders/dense.ts', 'graders/datasets/types.ts')).toBe(true); // export … from
    expect(has('src/components/exercise-element.ts', 'src/components/monaco-editor.ts')).toBe(true); // import('…')
    expect(edges.some((e) => e.from.endsWith('.astro'))).toBe(true);
    expect(edges.some((e) => e.from.endsWith('.mdx'))).toBe(true);
  });

  it.each(rules.map((r) => [r.name, r] as const))('%s is forbidden', (_name, rule) => {
    expect(broken(rule, edges), `${rule.name} is forbidden: ${rule.why}`).toEqual([]);
  });

  it('graders use no DOM globals', () => {
    const uses = sourceFiles(root)
      .filter(under('graders'))
      .flatMap((f) => domGlobalsIn(readFileSync(path.join(root, f), 'utf8'), domGlobals).map((u) => `${f}:${u.line} uses ${u.name}`));
    expect(uses, 'graders/ runs in Node (the instructor CLI) as well as in the browser worker').toEqual([]);
  });

  it('names the offending file, line and import when an arrow runs the wrong way', () => {
    const bad = importsOf('graders/x.ts', "import type { A } from './a.ts';\nexport { b } from '../src/runtime/b.ts';\nconst tf = await import('@tensorflow/tfjs');\n");
    expect(broken(rules.find((r) => r.name === 'graders → src/')!, bad)).toEqual(["graders/x.ts:2 imports '../src/runtime/b.ts'"]);
    expect(broken(rules.find((r) => r.name === 'graders → tfjs')!, bad)).toEqual(["graders/x.ts:3 imports '@tensorflow/tfjs'"]);
    const astro = importsOf('src/runtime/y.astro', "---\nimport X from '../components/X.astro';\n---\n<p/>\n<script>\nimport '../../tests/helpers/z.ts';\n</script>\n");
    expect(broken(rules.find((r) => r.name === 'src/runtime → src/components')!, astro)).toEqual(["src/runtime/y.astro:2 imports '../components/X.astro'"]);
    expect(broken(rules.find((r) => r.name === 'anything → tests/')!, astro)).toEqual(["src/runtime/y.astro:6 imports '../../tests/helpers/z.ts'"]);
    expect(domGlobalsIn('const w = window.innerWidth; const o = { document: 1 }; o.document;', domGlobals)).toEqual([{ name: 'window', line: 1 }]);
  });
});
