import { describe, expect, it } from 'vitest';
import { chooseBackend, confirmTfjsPrecision, isSoftwareRenderer, type BackendNeeds, type BackendProbe } from '../../../src/runtime/backend.ts';

const gpu = (name: 'webgpu' | 'webgl', state: 'hardware' | 'software' | 'none'): BackendProbe => ({
  name,
  available: state !== 'none',
  software: state === 'software',
  detail: state === 'none' ? 'the browser offers no WebGPU adapter' : state === 'software' ? 'renderer "SwiftShader"' : 'adapter "nvidia ampere"',
  float32: true,
});
/** A hardware WebGL whose render targets are 16-bit floats (a phone GPU without EXT_color_buffer_float). */
const halfFloatWebGl: BackendProbe = { ...gpu('webgl', 'hardware'), detail: 'renderer "Mali-G52"', float32: false, float32Detail: 'no EXT_color_buffer_float' };
const cpuSide: BackendProbe[] = [
  { name: 'wasm', available: true, software: false, detail: 'WebAssembly', float32: true },
  { name: 'cpu', available: true, software: false, detail: 'JavaScript', float32: true },
];
const float32: BackendNeeds = { float32: true, why: "this exercise's 4e-15 gradient norms" };

describe('chooseBackend', () => {
  it.each([
    // [webgpu, webgl, expected order]
    ['hardware', 'hardware', ['webgpu', 'webgl', 'wasm', 'cpu']],
    ['none', 'hardware', ['webgl', 'wasm', 'cpu']],
    ['software', 'hardware', ['webgl', 'wasm', 'cpu']],
    ['software', 'software', ['wasm', 'cpu']], // headless Chromium here: never a fallback adapter over WASM
    ['none', 'software', ['wasm', 'cpu']],
  ] as const)('webgpu %s, webgl %s → %j', (g, l, order) => {
    expect(chooseBackend([gpu('webgpu', g), gpu('webgl', l), ...cpuSide]).candidates).toEqual(order);
  });

  it('says why each better backend was skipped', () => {
    const c = chooseBackend([gpu('webgpu', 'software'), gpu('webgl', 'software'), ...cpuSide]);
    expect(c.reason).toBe('Running on WebAssembly, because no hardware GPU backend is usable here.');
    expect(c.skipped.map((s) => s.name)).toEqual(['webgpu', 'webgl']);
    expect(c.skipped[0]!.why).toMatch(/software-emulated GPU .* ~140× slower than WebAssembly/);
    expect(c.skipped[1]!.why).toMatch(/6–11× slower/);
  });

  it('names the hardware GPU it picked', () => {
    expect(chooseBackend([gpu('webgpu', 'hardware'), gpu('webgl', 'hardware'), ...cpuSide]).reason).toBe('Running on WebGPU, on a hardware GPU (adapter "nvidia ampere").');
  });

  it('honours an override even on a software GPU, with a warning', () => {
    const c = chooseBackend([gpu('webgpu', 'none'), gpu('webgl', 'software'), ...cpuSide], 'webgl');
    expect(c.candidates[0]).toBe('webgl');
    expect(c.reason).toMatch(/You chose WebGL\. Note: .*software-emulated/);
  });

  it('falls back from an unavailable override and says so', () => {
    const c = chooseBackend([gpu('webgpu', 'none'), gpu('webgl', 'software'), ...cpuSide], 'webgpu');
    expect(c.candidates[0]).toBe('wasm');
    expect(c.skipped[0]).toMatchObject({ name: 'webgpu' });
    expect(c.skipped[0]!.why).toMatch(/^You chose WebGPU, but it is not available: /);
  });

  it('always ends with CPU', () => {
    expect(chooseBackend([gpu('webgpu', 'none'), gpu('webgl', 'none'), { name: 'wasm', available: false, software: false, detail: 'no WebAssembly', float32: true }]).candidates).toEqual(['cpu']);
  });
});

describe('chooseBackend for an exercise that needs float32', () => {
  it.each([
    // [webgpu, webgl, needs, expected order]
    ['none', halfFloatWebGl, float32, ['wasm', 'cpu']], // 16-bit WebGL is passed over
    ['none', halfFloatWebGl, undefined, ['webgl', 'wasm', 'cpu']], // no need: the GPU is still the fastest
    ['none', gpu('webgl', 'hardware'), float32, ['webgl', 'wasm', 'cpu']], // float32 render targets qualify
    ['hardware', halfFloatWebGl, float32, ['webgpu', 'wasm', 'cpu']], // WebGPU is float32
    ['none', halfFloatWebGl, { float32: false }, ['webgl', 'wasm', 'cpu']],
  ] as const)('webgpu %s, webgl %o, needs %o → %j', (g, webgl, needs, order) => {
    expect(chooseBackend([gpu('webgpu', g), webgl, ...cpuSide], 'auto', needs).candidates).toEqual(order);
  });

  it("says in the skip reason and the badge note why WebGL was passed over, in the exercise's words", () => {
    const c = chooseBackend([gpu('webgpu', 'none'), halfFloatWebGl, ...cpuSide], 'auto', float32);
    expect(c.skipped.map((s) => s.name)).toEqual(['webgpu', 'webgl']);
    expect(c.skipped[1]!.why).toBe("WebGL skipped: this GPU stores numbers in 16-bit floats (no EXT_color_buffer_float), too coarse for this exercise's 4e-15 gradient norms.");
    expect(c.reason).toBe('Running on WebAssembly, because no hardware GPU backend is usable here.');
    expect(c.note).toEqual({ text: 'WebGL skipped: 16-bit floats', tone: 'info' });
  });

  it('gives no badge note when precision did not change the choice', () => {
    expect(chooseBackend([gpu('webgpu', 'software'), gpu('webgl', 'software'), ...cpuSide], 'auto', float32).note).toBeUndefined();
    expect(chooseBackend([gpu('webgpu', 'hardware'), halfFloatWebGl, ...cpuSide], 'auto', float32).note).toBeUndefined();
  });

  it('a software GPU is skipped as software, not for its floats', () => {
    const c = chooseBackend([gpu('webgpu', 'none'), { ...halfFloatWebGl, software: true }, ...cpuSide], 'auto', float32);
    expect(c.skipped[1]!.why).toMatch(/software-emulated GPU/);
    expect(c.note).toBeUndefined();
  });

  it('honours the learner choosing a 16-bit WebGL, with a warning, and falls back only to float32 backends', () => {
    const c = chooseBackend([gpu('webgpu', 'none'), halfFloatWebGl, ...cpuSide], 'webgl', float32);
    expect(c.candidates).toEqual(['webgl', 'wasm', 'cpu']);
    expect(c.reason).toBe(
      "You chose WebGL. Note: this GPU stores numbers in 16-bit floats (no EXT_color_buffer_float), too coarse for this exercise's 4e-15 gradient norms; a correct answer may fail the checks here.",
    );
    expect(c.note).toEqual({ text: '16-bit floats: checks may fail', tone: 'warn' });
  });

  it('names the checks when the exercise gives no reason', () => {
    const c = chooseBackend([gpu('webgpu', 'none'), halfFloatWebGl, ...cpuSide], 'auto', { float32: true });
    expect(c.skipped[1]!.why).toMatch(/too coarse for this exercise's checks\.$/);
  });
});

describe('confirmTfjsPrecision', () => {
  const probes = [gpu('webgpu', 'none'), gpu('webgl', 'hardware'), ...cpuSide];

  it('marks WebGL 16-bit when tfjs renders to half floats although the probe found float32', () => {
    const fixed = confirmTfjsPrecision(probes, 'webgl', false)!;
    expect(fixed.find((p) => p.name === 'webgl')).toMatchObject({ float32: false, float32Detail: expect.stringMatching(/WEBGL_RENDER_FLOAT32_ENABLED is false/) });
    // Re-choosing with tfjs's answer passes WebGL over for a float32 exercise.
    expect(chooseBackend(fixed, 'auto', float32).candidates[0]).toBe('wasm');
  });

  it('changes nothing when tfjs agrees with the probe', () => {
    expect(confirmTfjsPrecision(probes, 'webgl', true)).toBeNull();
    expect(confirmTfjsPrecision([halfFloatWebGl, ...cpuSide], 'webgl', false)).toBeNull();
  });

  it.each(['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))', 'llvmpipe (LLVM 15.0.6, 256 bits)', 'Microsoft Basic Render Driver'])('treats %s as software', (r) => {
    expect(isSoftwareRenderer(r)).toBe(true);
  });
  it('treats a real GPU as hardware', () => {
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11)')).toBe(false);
  });
});
