/**
 * Which tfjs backend runs the learner's code, and why.
 *
 * Order: WebGPU on a hardware adapter → WebGL on a hardware GPU → WASM → CPU. A software-emulated GPU (a
 * fallback WebGPU adapter, SwiftShader or llvmpipe WebGL) counts as no GPU: measured here, WASM beat software
 * WebGL by 6–11× (`npm run bench`) and a software WebGPU adapter by ~140× (STACK-NOTES.md §3). The choice is a pure function of
 * probe results so it can be tested without a browser; `probeBrowserBackends` gathers those results.
 */

export const backendOrder = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendOrder)[number];
export type BackendPreference = BackendName | 'auto';

/** What probing found out about one backend. */
export interface BackendProbe {
  name: BackendName;
  /** The browser offers it at all. */
  available: boolean;
  /** It runs on a software-emulated GPU (only meaningful for webgpu/webgl). */
  software: boolean;
  /** Human-readable detail: the adapter or renderer, or why it is unavailable. */
  detail: string;
}

export interface BackendChoice {
  /** Backends to try, best first; the runner uses the first one tfjs can start. */
  candidates: BackendName[];
  /** Why each better backend was passed over, for the learner. */
  skipped: { name: BackendName; why: string }[];
  /** Why the first candidate was picked. */
  reason: string;
}

const label: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'plain JavaScript (CPU)' };
export const backendLabel = (b: BackendName): string => label[b];

function skipReason(p: BackendProbe): string {
  if (!p.available) return `${label[p.name]} is not available: ${p.detail}.`;
  const slower = p.name === 'webgpu' ? '~140×' : '6–11×';
  return `${label[p.name]} runs on a software-emulated GPU (${p.detail}), ${slower} slower than WebAssembly here.`;
}

/** Picks the backend order from probe results and the learner's preference ('auto' unless they overrode it). */
export function chooseBackend(probes: readonly BackendProbe[], preference: BackendPreference = 'auto'): BackendChoice {
  const probe = (n: BackendName): BackendProbe => probes.find((p) => p.name === n) ?? { name: n, available: n === 'cpu', software: false, detail: 'not probed' };
  const skipped: BackendChoice['skipped'] = [];
  const usable = (n: BackendName) => probe(n).available && !probe(n).software;

  if (preference !== 'auto') {
    const p = probe(preference);
    if (p.available) {
      const rest = backendOrder.filter((n) => n !== preference && usable(n));
      const warn = p.software ? ` Note: ${skipReason(p)}` : '';
      return { candidates: [preference, ...rest], skipped, reason: `You chose ${label[preference]}.${warn}` };
    }
    skipped.push({ name: preference, why: `You chose ${label[preference]}, but ${skipReason(p).replace(/^\S+ /, '')}` });
  }
  const candidates: BackendName[] = [];
  for (const n of backendOrder) {
    if (usable(n)) candidates.push(n);
    else if (n !== preference && candidates.length === 0) skipped.push({ name: n, why: skipReason(probe(n)) });
  }
  if (!candidates.includes('cpu')) candidates.push('cpu');
  const first = candidates[0]!;
  const detail = probe(first).detail;
  const reason = first === 'webgpu' || first === 'webgl' ? `${label[first]} on a hardware GPU (${detail}).` : `${label[first]}${skipped.length ? ': no hardware GPU backend is usable.' : '.'}`;
  return { candidates, skipped, reason };
}

/** True for renderer/adapter strings of software rasterisers. */
export function isSoftwareRenderer(s: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render|lavapipe|warp/i.test(s);
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(o?: { powerPreference?: string }): Promise<{ info?: AdapterInfoLike; isFallbackAdapter?: boolean } | null>;
}

async function probeWebGpu(): Promise<BackendProbe> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { name: 'webgpu', available: false, software: false, detail: 'this browser has no navigator.gpu' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { name: 'webgpu', available: false, software: false, detail: 'the browser offers no WebGPU adapter' };
    const info = adapter.info ?? {};
    const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
    const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || isSoftwareRenderer(text);
    return { name: 'webgpu', available: true, software, detail: software ? `fallback adapter "${text}"` : `adapter "${text}"` };
  } catch (e) {
    return { name: 'webgpu', available: false, software: false, detail: `requestAdapter failed (${(e as Error).message})` };
  }
}

function newCanvas(): OffscreenCanvas | HTMLCanvasElement {
  return typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : (globalThis.document as Document).createElement('canvas');
}

function probeWebGl(): BackendProbe {
  try {
    const gl = newCanvas().getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { name: 'webgl', available: false, software: false, detail: 'no WebGL2 context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    // A context that refuses `failIfMajorPerformanceCaveat` is one the browser itself considers software.
    const strict = newCanvas().getContext('webgl2', { failIfMajorPerformanceCaveat: true }) as WebGL2RenderingContext | null;
    const software = isSoftwareRenderer(renderer) || !strict;
    for (const c of [gl, strict]) c?.getExtension('WEBGL_lose_context')?.loseContext();
    return { name: 'webgl', available: true, software, detail: `renderer "${renderer}"` };
  } catch (e) {
    return { name: 'webgl', available: false, software: false, detail: `WebGL failed (${(e as Error).message})` };
  }
}

/** Probes WebGPU and WebGL in the current (window or worker) context; WASM and CPU are assumed available. */
export async function probeBrowserBackends(): Promise<BackendProbe[]> {
  return [
    await probeWebGpu(),
    probeWebGl(),
    { name: 'wasm', available: typeof WebAssembly === 'object', software: false, detail: 'WebAssembly' },
    { name: 'cpu', available: true, software: false, detail: 'JavaScript' },
  ];
}
