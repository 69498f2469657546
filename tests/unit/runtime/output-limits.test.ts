import { describe, expect, it } from 'vitest';
import { clip, consoleText, LOG_DROPPED, logLimiter, MAX_LINE_CHARS, MAX_LOG_LINES } from '../../../src/runtime/output-limits.ts';

describe('output limits', () => {
  it('clip leaves short text alone and says how much it cut from long text', () => {
    expect(clip('short')).toBe('short');
    expect(clip('a'.repeat(MAX_LINE_CHARS))).toBe('a'.repeat(MAX_LINE_CHARS));
    const clipped = clip('a'.repeat(MAX_LINE_CHARS + 5));
    expect(clipped).toBe(`${'a'.repeat(MAX_LINE_CHARS - 40)}… (45 more characters)`);
    expect(clipped.length).toBeLessThanOrEqual(MAX_LINE_CHARS);
    expect(clip(clipped)).toBe(clipped);
  });

  it('logLimiter keeps MAX_LOG_LINES lines, then one LOG_DROPPED line, then nothing', () => {
    const limit = logLimiter();
    const kept = Array.from({ length: 1000 }, (_, i) => limit(`line ${i}`)).filter((l) => l !== undefined);
    expect(kept).toHaveLength(MAX_LOG_LINES + 1);
    expect(kept[0]).toBe('line 0');
    expect(kept.at(-2)).toBe(`line ${MAX_LOG_LINES - 1}`);
    expect(kept.at(-1)).toBe(LOG_DROPPED);
  });

  it('logLimiter counts characters too: long lines are clipped and stop the log at 64 KB', () => {
    const limit = logLimiter();
    const kept = Array.from({ length: 100 }, () => limit('z'.repeat(10_000))).filter((l) => l !== undefined);
    expect(kept[0]).toMatch(/^z{1960}… \(8040 more characters\)$/);
    expect(kept.at(-1)).toBe(LOG_DROPPED);
    expect(kept.join('').length).toBeLessThan(64 * 1024 + 2100);
  });

  it('consoleText shows what console.log would: strings as they are, arrays by their first 20 elements, plain objects as JSON; never throws', () => {
    expect(consoleText('loss')).toBe('loss');
    expect(consoleText(0.5)).toBe('0.5');
    expect(consoleText([2, 3])).toBe('[2, 3]');
    expect(consoleText(['a', [1, 2]])).toBe('["a", [1, 2]]');
    expect(consoleText(new Float32Array([0.5, 1]))).toBe('Float32Array(2) [0.5, 1]');
    expect(consoleText(new Float32Array(1_000_000))).toBe(`Float32Array(1000000) [${Array(20).fill('0').join(', ')}, …]`);
    expect(consoleText({ epoch: 3, loss: 0.25 })).toBe('{"epoch":3,"loss":0.25}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(consoleText(cyclic)).toBe('[object Object]');
    const hostile = { get x() { throw new Error('no'); } };
    expect(consoleText(hostile)).toBe('[object Object]');
    expect(consoleText(Symbol('s'))).toBe('Symbol(s)');
    expect(consoleText(new Map())).toBe('[object Map]');
  });
});
