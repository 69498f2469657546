/**
 * The grader's own process never runs tfjs (each submission runs in a child that loads it), so `npm run grade`
 * must not pay for loading tfjs at start-up: it did, for the list of backend names alone (src/runtime/node-backends.ts).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadedPackages } from '../../helpers/loaded-packages.ts';

describe('npm run grade', () => {
  it('starts without loading tfjs', () => {
    const cli = fileURLToPath(new URL('../../../instructor/cli.ts', import.meta.url));
    const loaded = loadedPackages([cli, '--help']);
    expect(loaded.has('zod')).toBe(true); // the hook sees the CLI's packages
    expect([...loaded].filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
  });
});
