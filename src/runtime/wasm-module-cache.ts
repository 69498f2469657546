/**
 * Each run starts a fresh worker (so a previous run's un-awaited work cannot leak into the next), and each worker
 * used to compile tfjs's WebAssembly again. Compiled modules can be posted between a page and its workers, so the
 * first worker hands its compiled module to the page, and the page hands it to every later worker, which then only
 * instantiates it (issue 15, item 7; `npm run bench -- --startup-only` measures a second run's start-up with and
 * without it).
 *
 * In the worker, `WebAssembly.instantiateStreaming` (what tfjs-wasm's Emscripten loader calls) is wrapped: a response
 * whose URL the page has a module for is instantiated from that module; any other is compiled as before and its
 * module reported. The response's body is never read in the first case (the fetch itself hits the HTTP cache).
 */

/** Compiled modules by the URL they were fetched from. */
export type CompiledModules = Record<string, WebAssembly.Module>;

/**
 * Makes this realm's `WebAssembly.instantiateStreaming` use `cached` modules, and calls `onCompiled` with each module
 * it has to compile. Returns how the realm's WebAssembly was served so far ('cached', 'compiled' or 'none').
 */
export function serveCompiledModules(cached: CompiledModules, onCompiled: (url: string, module: WebAssembly.Module) => void): () => 'cached' | 'compiled' | 'none' {
  const original = WebAssembly.instantiateStreaming?.bind(WebAssembly);
  let served: 'cached' | 'compiled' | 'none' = 'none';
  if (!original) return () => served;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    const module = cached[response.url];
    if (module) {
      served = 'cached';
      return { module, instance: await WebAssembly.instantiate(module, imports) };
    }
    const result = await original(response, imports);
    served = 'compiled';
    onCompiled(response.url, result.module);
    return result;
  };
  return () => served;
}
