/**
 * Where a run's CPU time goes, from V8's sampling profiler (node:inspector, no flags needed): each sample's
 * function is put in one bucket by where its code lives (WebAssembly kernels, tfjs's JavaScript, our runtime…).
 */
import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';

/** The buckets, in the order they are printed. */
export const buckets = [
  'tfjs WASM kernels (compiled WebAssembly)',
  'tfjs JavaScript: engine (dispatch, tensor bookkeeping, autodiff)',
  'tfjs JavaScript: wasm backend (kernel wrappers, memory)',
  'tfjs JavaScript: layers (model.fit, callbacks)',
  'tfjs JavaScript: other packages',
  'garbage collection',
  'our runtime and graders (src/runtime, graders)',
  'the learner’s code',
  'other libraries (sucrase transpiling the learner’s code, zod, yaml)',
  'Node internals and module loading',
  'V8 itself (compiling, runtime calls)',
  'idle (waiting)',
  'other',
] as const;
export type Bucket = (typeof buckets)[number];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

function bucketOf({ callFrame: { functionName: fn, url } }: ProfileNode): Bucket {
  if (url.startsWith('wasm://') || fn.startsWith('wasm-function') || fn.startsWith('$')) return buckets[0];
  if (fn === '(garbage collector)') return buckets[5];
  if (fn === '(idle)') return buckets[11];
  if (url.includes('@tensorflow/tfjs-core')) return buckets[1];
  if (url.includes('@tensorflow/tfjs-backend-wasm')) return buckets[2];
  if (url.includes('@tensorflow/tfjs-layers')) return buckets[3];
  if (url.includes('@tensorflow/')) return buckets[4];
  if (url.includes('/src/runtime/') || url.includes('/graders/')) return buckets[6];
  if (url.includes('learner.ts')) return buckets[7];
  if (url.includes('/node_modules/')) return buckets[8];
  if (url.startsWith('node:')) return buckets[9];
  if (url === '') return buckets[10];
  return buckets[12];
}

/** Milliseconds of self time per bucket, and per bucket its costliest functions ("name (file)" → ms). */
export interface BucketTimes {
  ms: Map<Bucket, number>;
  top: Map<Bucket, [string, number][]>;
}

/** Runs `f` under the sampling profiler (0.5 ms interval) and splits its samples by bucket. */
export async function profileBuckets(f: () => Promise<unknown>): Promise<BucketTimes> {
  const session = new Session();
  session.connect();
  let profile: Profiler.Profile;
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    try {
      await f();
    } finally {
      ({ profile } = await session.post('Profiler.stop'));
    }
  } finally {
    session.disconnect();
  }
  const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<Bucket, number>(buckets.map((b) => [b, 0]));
  const byFunction = new Map<Bucket, Map<string, number>>(buckets.map((b) => [b, new Map()]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const node = nodes.get(id)!;
    // The profiler itself (serialising the profile in Profiler.stop) is not the run's time.
    if (node.callFrame.url.startsWith('node:inspector')) return;
    const b = bucketOf(node);
    const t = (deltas[i] ?? 0) / 1000;
    ms.set(b, ms.get(b)! + t);
    const name = `${node.callFrame.functionName || '(anonymous)'} (${node.callFrame.url.split('/').at(-1) || 'native'})`;
    byFunction.get(b)!.set(name, (byFunction.get(b)!.get(name) ?? 0) + t);
  });
  const top = new Map(buckets.map((b) => [b, [...byFunction.get(b)!].sort((x, y) => y[1] - x[1]).slice(0, 3)] as const));
  return { ms, top };
}
