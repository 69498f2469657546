/**
 * Vite plugin: makes tfjs-backend-wasm's threaded build survive minification, so its pthread workers start.
 *
 * tfjs hands each pthread worker the Emscripten factory as source text, `'var WasmBackendModuleThreadedSimd = ' +
 * factory.toString()` (backend_wasm.js, `mainScriptUrlOrBlob`), and the worker evaluates it on its own. That text
 * is only the inner function: the IIFE around it declares `_scriptDir`, which the function reads as
 * `typeof _scriptDir !== "undefined" && _scriptDir` and `Module["mainScriptUrlOrBlob"] || _scriptDir`. Unminified,
 * the typeof guard keeps the free name harmless in the worker. The production minifier renames `_scriptDir` to a
 * short name and, knowing it is declared, folds the guard to `e !== void 0 && e`, which throws
 * `ReferenceError: e is not defined` in every pthread worker; the main thread then waits for them forever, so
 * fit() hangs (STACK-NOTES.md §3). Measured on the built site: dist/_astro/dist-*.js held `e!==void 0&&e&&(v=e)`.
 *
 * The fix removes both reads from the inner function. Neither matters here: `_scriptDir` is undefined in a module
 * worker (no document.currentScript, no __filename), and tfjs always sets `mainScriptUrlOrBlob`. The plugin fails
 * the build if tfjs's text changes, rather than shipping a threaded build that hangs.
 */
import type { Plugin } from 'vite';

const FILE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const edits: [string, string][] = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  ['"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir,', '"urlOrBlob":Module["mainScriptUrlOrBlob"],'],
];

/** Rewrites the threaded factory's source so it reads nothing from its enclosing closure (see the file comment). */
export function patchThreadedFactory(code: string): string {
  let out = code;
  for (const [from, to] of edits) {
    if (out.split(from).length !== 2) throw new Error(`tfjs-wasm-threads: expected exactly one ${JSON.stringify(from)} in tfjs-backend-wasm-threaded-simd.js; tfjs changed, re-check the fix`);
    out = out.replace(from, to);
  }
  return out;
}

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'rdl:tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      return FILE.test(id) ? { code: patchThreadedFactory(code), map: null } : null;
    },
  };
}
