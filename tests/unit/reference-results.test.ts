/**
 * The PyTorch / scikit-learn re-runs the lessons quote (reference/results/) are the files their SOURCE.md lists:
 * every file has a checksum there and matches it, so a result cannot change without the record changing too.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../reference');

describe('reference/results', () => {
  const listed = new Map([...readFileSync(path.join(dir, 'SOURCE.md'), 'utf8').matchAll(/^\| `([\w.-]+\.json)` \| `([0-9a-f]{64})` \|$/gm)].map((m) => [m[1]!, m[2]!]));
  const files = readdirSync(path.join(dir, 'results')).filter((f) => f.endsWith('.json')).sort();

  it('lists every result file, and only those', () => {
    expect([...listed.keys()].sort()).toEqual(files);
  });

  it.each(files)('%s matches its checksum and parses', (f) => {
    const bytes = readFileSync(path.join(dir, 'results', f));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed.get(f));
    expect(() => JSON.parse(bytes.toString('utf8'))).not.toThrow();
  });
});
