/**
 * `npm run bench -- --kernels-only`: each case of kernel-cases.ts timed on stock WASM (every patch uninstalled),
 * patched WASM (every patch in `wasmPatches` installed) and the pure-JS CPU backend, with patched / stock. A case
 * is "patched" when an installed patch registers one of the kernels it runs (read with tf.profile on CPU), so the
 * table follows whatever `wasmPatches` holds. A kernel missing on stock WASM shows as "fails" with tfjs's reason.
 * A case marked `layered` (its patch builds on another) is also timed with every patch but its own.
 */
import type { KernelConfig } from '@tensorflow/tfjs';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { installWasmPatches, uninstallWasmPatches, wasmPatches } from '../../src/runtime/wasm-patches/index.ts';
import { duration, printTable, ratio, timeStep } from './format.ts';
import { kernelCases, type KernelCase } from './kernel-cases.ts';

type Tf = Awaited<ReturnType<typeof useNodeBackend>>;
type Timing = { ms: number } | { error: string };

/** Median ms of the case's step on the active backend, or why it failed; checks the case frees its tensors. */
function timeCase(tf: Tf, c: KernelCase, warmup: number): Timing {
  const before = tf.memory().numTensors;
  let made: ReturnType<KernelCase['setup']> | undefined;
  let failed = false;
  try {
    made = c.setup(tf, 'full');
    return { ms: timeStep(made.step, { warmup, minMs: 300, maxRuns: 30 }) };
  } catch (e) {
    failed = true;
    const message = String((e as Error).message ?? e);
    const missing = /Kernel '(\w+)' not registered/.exec(message);
    return { error: missing ? `no ${missing[1]} kernel` : message.split('\n')[0]!.slice(0, 60) };
  } finally {
    made?.dispose();
    // A failed kernel inside tfjs's gradient leaves its scope's tensors behind: tfjs's leak, not the case's.
    if (!failed && tf.memory().numTensors !== before) console.log(`  (${c.name}: ${tf.memory().numTensors - before} tensors left on ${tf.getBackend()})`);
  }
}

const cell = (t: Timing | undefined) => (t === undefined ? 'not patched' : 'ms' in t ? duration(t.ms) : `fails: ${t.error}`);
const msOf = (t: Timing | undefined) => (t && 'ms' in t ? t.ms : undefined);

/** Names of the kernels each installed patch registers, by patch id. */
function patchKernels(tf: Tf): Map<string, Set<string>> {
  uninstallWasmPatches(tf);
  const stock = new Map<string, KernelConfig>(tf.getKernelsForBackend('wasm').map((k) => [k.kernelName, k]));
  return new Map(wasmPatches.map((p) => [p.id, new Set(p.kernels(stock, tf).map((k) => k.kernelName))]));
}

export async function benchKernels(): Promise<void> {
  const cpu = await useNodeBackend('cpu');
  // Which kernels each case runs, on CPU (where every kernel exists), at the tiny size.
  const ran = new Map<KernelCase, string[]>();
  for (const c of kernelCases) {
    const made = c.setup(cpu, 'tiny');
    ran.set(c, (await cpu.profile(() => made.step())).kernelNames);
    made.dispose();
  }
  const wasm = await useNodeBackend('wasm');
  const byPatch = patchKernels(wasm);
  const touching = (c: KernelCase) => [...byPatch].filter(([, ks]) => ran.get(c)!.some((k) => ks.has(k))).map(([id]) => id);

  const stock = new Map<KernelCase, Timing>();
  for (const c of kernelCases) stock.set(c, timeCase(wasm, c, 2));
  const patched = new Map<KernelCase, Timing>();
  if (wasmPatches.length) {
    installWasmPatches(wasm);
    for (const c of kernelCases) if (touching(c).length) patched.set(c, timeCase(wasm, c, 2));
  }
  const lessOwn = new Map<KernelCase, Timing>();
  for (const c of kernelCases.filter((k) => k.layered && byPatch.has(k.patch))) {
    installWasmPatches(wasm, { only: wasmPatches.map((p) => p.id).filter((id) => id !== c.patch) });
    lessOwn.set(c, timeCase(wasm, c, 2));
  }
  if (lessOwn.size) installWasmPatches(wasm);
  const onCpu = new Map<KernelCase, Timing>();
  await useNodeBackend('cpu');
  for (const c of kernelCases) onCpu.set(c, timeCase(cpu, c, 1));
  await useNodeBackend('wasm');

  const rows = [['patch (meant for)', 'case', 'stock wasm', 'patched wasm', 'patched/stock', 'patched less its patch', 'cpu', 'patched by']];
  for (const c of kernelCases) {
    const p = patched.get(c);
    const less = lessOwn.get(c);
    const lessCell = less ? `${cell(less)} (patched: ${ratio(msOf(p), msOf(less))})` : '–';
    rows.push([c.patch, c.name, cell(stock.get(c)), cell(p), ratio(msOf(p), msOf(stock.get(c))), lessCell, cell(onCpu.get(c)), touching(c).join(', ') || '–']);
  }
  const installed = wasmPatches.map((p) => p.id).join(', ') || 'none yet';
  printTable('Kernels: median ms per call, stock vs patched WASM vs CPU', rows, `Patches in wasmPatches: ${installed}. "not patched": no installed patch registers a kernel this case runs.`);
}
