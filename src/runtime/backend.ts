/**
 * Which tfjs backend runs the learner's code, and why.
 *
 * Order: WebGPU on a hardware adapter → WebGL on a hardware GPU → WASM → CPU. A software-emulated GPU (a
 * fallback WebGPU adapter, SwiftShader or llvmpipe WebGL) counts as no GPU: measured here, WASM beat software
 * WebGL by 6–11× (`npm run bench`) and a software WebGPU adapter by ~140× (STACK-NOTES.md §3). An exercise whose
 * grading needs float32 (exercise.yaml `precision`) also passes over a WebGL that can only render to 16-bit float
 * textures: a half float holds nothing below 6e-8 and about 3 significant digits, so a correct answer can fail.
 * The choice is a pure function of probe results so it can be tested without a browser; `probeBrowserBackends`
 * gathers those results, and `confirmTfjsPrecision` corrects them with what tfjs itself decided once it started.
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
  /**
   * It keeps tensors in 32-bit floats. False only for a WebGL whose render targets are 16-bit floats (no
   * EXT_color_buffer_float, or tfjs told to use half floats); WebGPU, WASM and CPU always compute in float32.
   */
  float32: boolean;
  /** Why it has no float32 (only when `float32` is false), e.g. "no EXT_color_buffer_float". */
  float32Detail?: string;
}

/** What an exercise needs of the backend's arithmetic (from exercise.yaml `precision`). */
export interface BackendNeeds {
  /** Grading needs float32: a backend that stores 16-bit floats is passed over (or, if chosen, warned about). */
  float32: boolean;
  /** What 16-bit floats would break, finishing the sentence "… too coarse for ___", e.g. "this exercise's 4e-15 gradient norms". */
  why?: string;
}

export interface BackendChoice {
  /** Backends to try, best first; the runner uses the first one tfjs can start. */
  candidates: BackendName[];
  /** Why each better backend was passed over, for the learner. */
  skipped: { name: BackendName; why: string }[];
  /** Why the first candidate was picked. */
  reason: string;
  /**
   * A few words for the badge beside the backend's name when precision shaped the choice: which GPU backend was
   * skipped for its 16-bit floats, or a warning that the learner's own choice stores 16-bit floats.
   */
  note?: { text: string; tone: 'info' | 'warn' };
}

const label: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'plain JavaScript (CPU)' };
export const backendLabel = (b: BackendName): string => label[b];

/** The sentence that says why 16-bit floats will not do, without the backend's name. */
function float16Text(p: BackendProbe, needs: BackendNeeds): string {
  const why = p.float32Detail ? ` (${p.float32Detail})` : '';
  return `this GPU stores numbers in 16-bit floats${why}, too coarse for ${needs.why ?? "this exercise's checks"}`;
}

function skipReason(p: BackendProbe, needs?: BackendNeeds): string {
  if (!p.available) return `${label[p.name]} is not available: ${p.detail}.`;
  if (!p.software && needs && lacksFloat32(p, needs)) return `${label[p.name]} skipped: ${float16Text(p, needs)}.`;
  const slower = p.name === 'webgpu' ? '~140×' : '6–11×';
  return `${label[p.name]} runs on a software-emulated GPU (${p.detail}), ${slower} slower than WebAssembly here.`;
}

const lacksFloat32 = (p: BackendProbe, needs: BackendNeeds | undefined): boolean => Boolean(needs?.float32) && !p.float32;

/**
 * Picks the backend order from probe results, the learner's preference ('auto' unless they overrode it) and what
 * the exercise needs (`{ float32: true }` passes over backends that store 16-bit floats). An explicit choice of
 * such a backend is honoured, with a warning.
 */
export function chooseBackend(probes: readonly BackendProbe[], preference: BackendPreference = 'auto', needs?: BackendNeeds): BackendChoice {
  const probe = (n: BackendName): BackendProbe =>
    probes.find((p) => p.name === n) ?? { name: n, available: n === 'cpu', software: false, detail: 'not probed', float32: true };
  const skipped: BackendChoice['skipped'] = [];
  const usable = (n: BackendName) => probe(n).available && !probe(n).software && !lacksFloat32(probe(n), needs);

  if (preference !== 'auto') {
    const p = probe(preference);
    if (p.available) {
      const rest = backendOrder.filter((n) => n !== preference && usable(n));
      if (p.software) return { candidates: [preference, ...rest], skipped, reason: `You chose ${label[preference]}. Note: ${skipReason(p)}` };
      if (lacksFloat32(p, needs)) {
        const reason = `You chose ${label[preference]}. Note: ${float16Text(p, needs!)}; a correct answer may fail the checks here.`;
        return { candidates: [preference, ...rest], skipped, reason, note: { text: '16-bit floats: checks may fail', tone: 'warn' } };
      }
      return { candidates: [preference, ...rest], skipped, reason: `You chose ${label[preference]}.` };
    }
    // "You chose WebGPU, but it is not available: …": the reason's subject (the backend's name) becomes "it".
    skipped.push({ name: preference, why: `You chose ${label[preference]}, but it ${skipReason(p).slice(label[preference].length + 1)}` });
  }
  const candidates: BackendName[] = [];
  for (const n of backendOrder) {
    if (usable(n)) candidates.push(n);
    else if (n !== preference && candidates.length === 0) skipped.push({ name: n, why: skipReason(probe(n), needs) });
  }
  if (!candidates.includes('cpu')) candidates.push('cpu');
  const first = candidates[0]!;
  const detail = probe(first).detail;
  const gpu = (n: BackendName) => n === 'webgpu' || n === 'webgl';
  // Whole sentences: the page shows this under "Why this backend?".
  const reason = gpu(first)
    ? `Running on ${label[first]}, on a hardware GPU (${detail}).`
    : `Running on ${label[first]}${skipped.length ? ', because no hardware GPU backend is usable here.' : '.'}`;
  const tooCoarse = skipped.filter((s) => gpu(s.name) && probe(s.name).available && !probe(s.name).software && lacksFloat32(probe(s.name), needs));
  const note = tooCoarse.length ? { text: `${tooCoarse.map((s) => label[s.name]).join(', ')} skipped: 16-bit floats`, tone: 'info' as const } : undefined;
  return { candidates, skipped, reason, ...(note && { note }) };
}

/**
 * Corrects the probes with what tfjs decided once `started` is running: tfjs-webgl renders to 16-bit textures when
 * its WEBGL_RENDER_FLOAT32_ENABLED flag is false (no float32 render target, or WEBGL_FORCE_F16_TEXTURES set), which
 * our own probe cannot see. Returns the corrected probes when they change, else null (the probe was right).
 */
export function confirmTfjsPrecision(probes: readonly BackendProbe[], started: BackendName, tfjsFloat32: boolean): BackendProbe[] | null {
  const p = probes.find((q) => q.name === started);
  if (!p || tfjsFloat32 || !p.float32) return null;
  const float32Detail = 'tfjs renders to 16-bit textures here: WEBGL_RENDER_FLOAT32_ENABLED is false';
  return probes.map((q) => (q === p ? { ...q, float32: false, float32Detail } : q));
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
  // WebGPU's storage buffers are float32 wherever it runs (tfjs-webgpu has no half-float path).
  if (!gpu) return { name: 'webgpu', available: false, software: false, detail: 'this browser has no navigator.gpu', float32: true };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { name: 'webgpu', available: false, software: false, detail: 'the browser offers no WebGPU adapter', float32: true };
    const info = adapter.info ?? {};
    const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
    const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || isSoftwareRenderer(text);
    return { name: 'webgpu', available: true, software, detail: software ? `fallback adapter "${text}"` : `adapter "${text}"`, float32: true };
  } catch (e) {
    return { name: 'webgpu', available: false, software: false, detail: `requestAdapter failed (${(e as Error).message})`, float32: true };
  }
}

function newCanvas(): OffscreenCanvas | HTMLCanvasElement {
  return typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : (globalThis.document as Document).createElement('canvas');
}

/**
 * Whether `gl` can render to a float32 texture: tfjs-webgl's own test (isCapableOfRenderingToFloatTexture in
 * webgl_util.js): EXT_color_buffer_float, then an RGBA32F texture bound to a framebuffer that is complete.
 * Without it tfjs keeps every tensor in 16-bit float textures.
 */
function float32RenderTarget(gl: WebGL2RenderingContext): { float32: boolean; float32Detail?: string } {
  if (!gl.getExtension('EXT_color_buffer_float')) return { float32: false, float32Detail: 'no EXT_color_buffer_float' };
  const texture = gl.createTexture();
  const framebuffer = gl.createFramebuffer();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, 1, 1, 0, gl.RGBA, gl.FLOAT, null);
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  const complete = gl.checkFramebufferStatus(gl.FRAMEBUFFER) === gl.FRAMEBUFFER_COMPLETE;
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.deleteFramebuffer(framebuffer);
  gl.deleteTexture(texture);
  return complete ? { float32: true } : { float32: false, float32Detail: 'a float32 texture is not a complete render target' };
}

function probeWebGl(): BackendProbe {
  try {
    const gl = newCanvas().getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { name: 'webgl', available: false, software: false, detail: 'no WebGL2 context', float32: false, float32Detail: 'no WebGL2 context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    // A context that refuses `failIfMajorPerformanceCaveat` is one the browser itself considers software.
    const strict = newCanvas().getContext('webgl2', { failIfMajorPerformanceCaveat: true }) as WebGL2RenderingContext | null;
    const software = isSoftwareRenderer(renderer) || !strict;
    const precision = float32RenderTarget(gl);
    for (const c of [gl, strict]) c?.getExtension('WEBGL_lose_context')?.loseContext();
    return { name: 'webgl', available: true, software, detail: `renderer "${renderer}"`, ...precision };
  } catch (e) {
    return { name: 'webgl', available: false, software: false, detail: `WebGL failed (${(e as Error).message})`, float32: false, float32Detail: 'no WebGL' };
  }
}

/** Probes WebGPU and WebGL in the current (window or worker) context; WASM and CPU are assumed available. */
export async function probeBrowserBackends(): Promise<BackendProbe[]> {
  return [
    await probeWebGpu(),
    probeWebGl(),
    { name: 'wasm', available: typeof WebAssembly === 'object', software: false, detail: 'WebAssembly', float32: true },
    { name: 'cpu', available: true, software: false, detail: 'JavaScript', float32: true },
  ];
}
