import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchThreadedFactory } from '../../../src/integrations/tfjs-wasm-threads.ts';

const wasmDir = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const source = readFileSync(path.join(wasmDir, 'wasm-out/tfjs-backend-wasm-threaded-simd.js'), 'utf8');
/** The function tfjs serializes for its pthread workers (factory.toString()): the IIFE's returned function. */
const innerFunction = (code: string) => code.slice(code.indexOf('function(WasmBackendModuleThreadedSimd)'), code.lastIndexOf('})();'));

describe('tfjs-wasm-threads plugin', () => {
  it('finds the installed tfjs factory reading _scriptDir from its closure (what minification breaks)', () => {
    expect(source).toContain('var _scriptDir =');
    expect(innerFunction(source).match(/_scriptDir/g)?.length).toBe(4); // typeof guard, test, read; urlOrBlob fallback
  });

  it('leaves the serialized function no read of its closure', () => {
    const patched = patchThreadedFactory(source);
    expect(innerFunction(patched)).not.toContain('_scriptDir');
    // tfjs always sets mainScriptUrlOrBlob, which the pthread workers still receive.
    expect(innerFunction(patched)).toContain('"urlOrBlob":Module["mainScriptUrlOrBlob"],');
  });

  it('fails loudly when tfjs changes the text it patches', () => {
    expect(() => patchThreadedFactory(source.replace('"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir,', ''))).toThrow(/tfjs changed, re-check the fix/);
  });
});
