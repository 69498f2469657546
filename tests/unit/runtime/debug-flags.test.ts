import { describe, expect, it } from 'vitest';
import { parseDebugFlags } from '../../../src/runtime/debug-flags.ts';

describe('parseDebugFlags', () => {
  it.each([
    ['', {}],
    ['?lang=en', {}],
    ['?rdl-debug=force-f16', { forceF16: true }],
    ['?rdl-debug=force-f16,software-gpu', { forceF16: true, softwareGpu: true }],
    ['?rdl-debug=%20software-gpu%20,nonsense', { softwareGpu: true }],
  ])('%s → %o', (search, flags) => {
    expect(parseDebugFlags(search)).toEqual(flags);
  });
});
