/**
 * docs/adding-a-module.md names the Activation & depth file to copy for every step. When a file moves, this test
 * names the guide's line to fix, so the guide cannot point at files that are gone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const guide = 'docs/adding-a-module.md';
/** Every `code span` that is a concrete repository path (has a slash, no <placeholder>, no spaces). */
const paths = readFileSync(guide, 'utf8')
  .split('\n')
  .flatMap((line, i) => [...line.matchAll(/`([\w.-]+(?:\/[\w.-]+)+\/?)`/g)].map((m) => ({ path: m[1]!, line: i + 1 })));

describe(guide, () => {
  it('names files to copy', () => expect(paths.length).toBeGreaterThan(10));

  // A lesson's docs path (`activation-depth/spiral`) is a page under src/content/docs.
  it.each(paths)('line $line: $path exists', ({ path }) => {
    expect(existsSync(path) || existsSync(`src/content/docs/${path}.mdx`)).toBe(true);
  });
});
