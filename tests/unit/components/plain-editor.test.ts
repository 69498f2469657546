/** The plain editor's line arithmetic (where markError puts the selection); its DOM half is tested in e2e/lesson.test.ts. */
import { describe, expect, it } from 'vitest';
import { lineOffset } from '../../../src/components/plain-editor.ts';

describe('lineOffset', () => {
  it.each([
    [1, 0],
    [2, 4],
    [3, 5],
    [4, 9],
    [9, 9], // past the last line: the end of the text
  ])('line %i of "abc\\n\\ndef\\n" starts at %i', (line, offset) => {
    expect(lineOffset('abc\n\ndef\n', line)).toBe(offset);
  });
});
