/**
 * Code blocks are coloured the same whatever the machine's load. Shiki stops tokenizing a line after 500 ms of wall
 * clock and leaves the rest (and, from a comment, the next line) as one token in the wrong scope; a slow clock (Date.now moving
 * 200 ms a call) stands in for a loaded machine. The highlighter is Shiki itself, as Expressive Code calls it
 * (codeToTokensBase with the options its transformers' preprocess hook has seen). Shiki is not a direct dependency:
 * it comes with Starlight's Expressive Code, which is what this guards.
 */
import { createHighlighter } from 'shiki';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shikiNoTimeLimit } from '../../../src/integrations/shiki-no-time-limit.ts';

// The first lines of the vanishing-gradients lesson's code block, where a build first showed the fault.
const code = '// The forward pass, written as a function of the weight matrices; returns a scalar.\nconst loss = (...ws) => ws.reduce((a, w) => a + w, 0);';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The colours of the second line's tokens, tokenized with `options` (and, if `slowClock`, a clock that races). */
async function secondLineColours(options: { tokenizeTimeLimit?: number }, slowClock: boolean): Promise<string[]> {
  const hl = await createHighlighter({ themes: ['night-owl'], langs: ['ts'] });
  try {
    if (slowClock) {
      let t = Date.now();
      vi.spyOn(Date, 'now').mockImplementation(() => (t += 200));
    }
    return hl.codeToTokensBase(code, { lang: 'ts', theme: 'night-owl', ...options })[1]!.map((tok) => tok.color ?? '');
  } finally {
    vi.restoreAllMocks();
    hl.dispose();
  }
}

describe('shikiNoTimeLimit', () => {
  it('turns the per-line time limit off', () => {
    const options: { tokenizeTimeLimit?: number } = {};
    expect(shikiNoTimeLimit.preprocess.call(undefined, code, options)).toBeUndefined(); // Expressive Code rejects changed code
    expect(options.tokenizeTimeLimit).toBe(0);
  });

  it('colours a slow build as a full tokenization does (without it, the line after the comment is one token)', async () => {
    // The reference has no limit even on the real clock: the first tokenization in a fresh highlighter compiles the
    // grammar's expressions, and on this test's first run that alone took more than 500 ms (the fault itself).
    const full = await secondLineColours({ tokenizeTimeLimit: 0 }, false);
    expect(new Set(full).size).toBeGreaterThan(3); // keywords, names, punctuation, numbers
    expect(new Set(await secondLineColours({}, true)).size).toBe(1); // the fault, reproduced: the whole line in one colour
    const options = {};
    shikiNoTimeLimit.preprocess.call(undefined, code, options);
    expect(await secondLineColours(options, true)).toEqual(full);
  });
});
