/**
 * What a grading child loads before the learner's code runs is start-up time paid once per submission
 * (`npm run bench -- --torch-only` puts it beside PyTorch's). The message schemas and zod belong to the grader,
 * which validates what a child sends (child-messages.ts); the child (node-child.ts) needs only types from there.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadedPackages } from '../../helpers/loaded-packages.ts';

const runtime = (file: string) => fileURLToPath(new URL(`../../../src/runtime/${file}`, import.meta.url));

describe('the grading child', () => {
  it('starts without loading zod', () => {
    expect(loadedPackages([runtime('child-messages.ts')]).has('zod')).toBe(true); // the hook sees zod where it is loaded
    const child = loadedPackages([runtime('node-child.ts')]);
    expect(child.has('@tensorflow/tfjs')).toBe(true);
    expect(child.has('zod')).toBe(false);
  });
});
