/** localStorage for unit tests: a Map behind it, fresh for each test of the calling `describe`. */
import { afterEach, beforeEach, vi } from 'vitest';

/** Stubs `localStorage` with a Map for each test; returns a getter for the current test's Map. */
export function memoryStorage(): () => Map<string, string> {
  let store = new Map<string, string>();
  beforeEach(() => {
    store = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, String(v)),
      removeItem: (k: string) => void store.delete(k),
    });
  });
  afterEach(() => vi.unstubAllGlobals());
  return () => store;
}
