/**
 * Debug switches for testing the backend choice on machines that lack the hardware it is about. They are read from
 * the page's URL query, `?rdl-debug=<flag>[,<flag>…]`, so a learner never meets them and nothing persists:
 *
 * - `force-f16`: sets tfjs's WEBGL_FORCE_F16_TEXTURES in the worker, so WebGL stores 16-bit floats as a GPU without
 *   float32 render targets does (tests/e2e/backend-precision.test.ts).
 * - `software-gpu`: counts a software-emulated GPU (headless Chromium's SwiftShader) as hardware, so the choice
 *   considers WebGL at all.
 * - `no-wasm-cache`: every run compiles tfjs's WebAssembly afresh instead of instantiating the first run's module
 *   (wasm-module-cache.ts), to measure what the hand-over saves (`npm run bench -- --startup-only`).
 *
 * Unknown flags are ignored.
 */
export interface DebugFlags {
  forceF16?: boolean;
  softwareGpu?: boolean;
  noWasmCache?: boolean;
}

/** Reads the flags from a URL query string such as `location.search`. */
export function parseDebugFlags(search: string): DebugFlags {
  const names = new Set((new URLSearchParams(search).get('rdl-debug') ?? '').split(',').map((s) => s.trim()));
  return { ...(names.has('force-f16') && { forceF16: true }), ...(names.has('software-gpu') && { softwareGpu: true }), ...(names.has('no-wasm-cache') && { noWasmCache: true }) };
}
