/**
 * Reads every import in the repository's own source, for the architecture test (tests/unit/architecture.test.ts).
 *
 * TypeScript's parser does the reading (a regex would see `import(` in comments and strings); .astro files give
 * it their frontmatter and <script> blocks, .mdx files their top-level import/export lines. Relative specifiers
 * resolve to repository paths; the `course` alias resolves as tsconfig.json maps it; packages stay bare names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One arrow of the graph: `from` (repository path) imports `specifier`, which `to` names as a path or package. */
export interface ImportEdge {
  from: string;
  line: number;
  specifier: string;
  /** A repository path (`graders/rng.ts`) for relative imports and aliases; the package name otherwise. */
  to: string;
}

const sourceExt = /\.(ts|mts|mjs|js|astro|mdx)$/;
// Not the repository's own source: dependencies, build output, the pinned Node, generated types.
const skipDirs = new Set(['node_modules', 'dist', '.tools', '.git', '.astro']);
// tsconfig.json "paths": the learner's `import … from 'course'` is the runtime's course module.
const aliases: Record<string, string> = { course: 'src/runtime/course.ts' };

/** Repository-relative paths (forward slashes) of every source file under `root`. */
export function sourceFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!skipDirs.has(e.name)) out.push(...sourceFiles(root, rel));
    } else if (e.isFile() && sourceExt.test(e.name)) out.push(rel);
  }
  return out;
}

/** The script parts of a file, each with the line it starts on (0-based), so reported lines match the file. */
function scriptParts(file: string, text: string): { code: string; firstLine: number }[] {
  const lineOf = (i: number) => text.slice(0, i).split('\n').length - 1;
  if (file.endsWith('.astro')) {
    const parts: { code: string; firstLine: number }[] = [];
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (front) parts.push({ code: front[1]!, firstLine: 1 });
    for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) parts.push({ code: m[1]!, firstLine: lineOf(m.index + m[0].indexOf('>') + 1) });
    return parts;
  }
  if (file.endsWith('.mdx')) {
    // MDX's ESM lines: top-level `import`/`export … from` statements (one line each in this repository).
    return [...text.matchAll(/^(?:import|export)\b.*$/gm)].map((m) => ({ code: m[0], firstLine: lineOf(m.index) }));
  }
  return [{ code: text, firstLine: 0 }];
}

/** Module specifiers a piece of code imports: static imports, re-exports, `import('…')` calls and `import('…')` types. */
function specifiersIn(code: string): { specifier: string; line: number }[] {
  const sf = ts.createSourceFile('part.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number }[] = [];
  const add = (lit: ts.Node | undefined) => {
    if (lit && ts.isStringLiteralLike(lit)) found.push({ specifier: lit.text, line: sf.getLineAndCharacterOfPosition(lit.getStart()).line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Where a specifier points: a repository path for relative imports and aliases, else the bare package name. */
export function resolveSpecifier(from: string, specifier: string): string {
  const bare = specifier.replace(/\?.*$/, ''); // Vite's `?raw`, `?url`, `?worker` suffixes
  if (aliases[bare]) return aliases[bare];
  if (bare.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(from), bare));
  return bare;
}

/** Every import of one file, given its repository path and text. */
export function importsOf(file: string, text: string): ImportEdge[] {
  return scriptParts(file, text).flatMap(({ code, firstLine }) =>
    specifiersIn(code).map(({ specifier, line }) => ({ from: file, line: firstLine + line + 1, specifier, to: resolveSpecifier(file, specifier) })),
  );
}

/** Every import of every source file under `root`. */
export function importGraph(root: string): ImportEdge[] {
  return sourceFiles(root).flatMap((f) => importsOf(f, readFileSync(path.join(root, f), 'utf8')));
}

/**
 * Uses of browser globals (document, window, …) in TypeScript code as free identifiers, with their lines: a
 * property named `window` or a local variable declared with such a name is not the DOM.
 */
export function domGlobalsIn(code: string, globals: readonly string[]): { name: string; line: number }[] {
  const names = new Set(globals);
  const sf = ts.createSourceFile('code.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declared = new Set<string>();
  const uses: { name: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node)) && node.name && ts.isIdentifier(node.name)) declared.add(node.name.text);
    if (ts.isIdentifier(node) && names.has(node.text)) {
      const p = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p);
      if (!isPropertyName) uses.push({ name: node.text, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return uses.filter((u) => !declared.has(u.name));
}
