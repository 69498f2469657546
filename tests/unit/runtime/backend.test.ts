import { describe, expect, it } from 'vitest';
import { chooseBackend, isSoftwareRenderer, type BackendProbe } from '../../../src/runtime/backend.ts';

const gpu = (name: 'webgpu' | 'webgl', state: 'hardware' | 'software' | 'none'): BackendProbe => ({
  name,
  available: state !== 'none',
  software: state === 'software',
  detail: state === 'none' ? 'the browser offers no WebGPU adapter' : state === 'software' ? 'renderer "SwiftShader"' : 'adapter "nvidia ampere"',
});
const cpuSide: BackendProbe[] = [
  { name: 'wasm', available: true, software: false, detail: 'WebAssembly' },
  { name: 'cpu', available: true, software: false, detail: 'JavaScript' },
];

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
    expect(c.reason).toMatch(/WebAssembly: no hardware GPU backend is usable/);
    expect(c.skipped.map((s) => s.name)).toEqual(['webgpu', 'webgl']);
    expect(c.skipped[0]!.why).toMatch(/software-emulated GPU .* ~140× slower than WebAssembly/);
    expect(c.skipped[1]!.why).toMatch(/6–11× slower/);
  });

  it('names the hardware GPU it picked', () => {
    expect(chooseBackend([gpu('webgpu', 'hardware'), gpu('webgl', 'hardware'), ...cpuSide]).reason).toBe('WebGPU on a hardware GPU (adapter "nvidia ampere").');
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
    expect(c.skipped[0]!.why).toMatch(/^You chose WebGPU, but/);
  });

  it('always ends with CPU', () => {
    expect(chooseBackend([gpu('webgpu', 'none'), gpu('webgl', 'none'), { name: 'wasm', available: false, software: false, detail: 'no WebAssembly' }]).candidates).toEqual(['cpu']);
  });

  it.each(['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))', 'llvmpipe (LLVM 15.0.6, 256 bits)', 'Microsoft Basic Render Driver'])('treats %s as software', (r) => {
    expect(isSoftwareRenderer(r)).toBe(true);
  });
  it('treats a real GPU as hardware', () => {
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11)')).toBe(false);
  });
});
