import { describe, expect, it } from 'vitest';
import { secondsText } from '../../../graders/format.ts';

describe('secondsText', () => {
  it('says "< 0.1 s" under a tenth of a second, never "0.0 s", and tenths above', () => {
    expect(secondsText(0)).toBe('< 0.1 s');
    expect(secondsText(49)).toBe('< 0.1 s');
    expect(secondsText(99.9)).toBe('< 0.1 s');
    expect(secondsText(100)).toBe('0.1 s');
    expect(secondsText(2449)).toBe('2.4 s');
  });
});
