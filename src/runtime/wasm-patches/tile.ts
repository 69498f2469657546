/**
 * Tile (so also tf.broadcastTo, and tf.where with operands of different shapes, which broadcasts through it) as a
 * typed-array loop over the wasm heap.
 *
 * tfjs 4.22's wasm Tile (cc/kernels/Tile.cc) maps every output element back to its input element through generic
 * index arithmetic: tiling [10000,5,1] nine times along its last axis took 65–106 ms, against 23 ms on the CPU
 * backend. `tileInto` copies whole input rows instead, and the broadcast-binary patch uses it to expand operands.
 */
import type { KernelConfig, KernelFunc, TensorInfo, TileAttrs } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { WasmPatch } from './index.ts';

/** The wasm heap's views: float32, int32, and bool (one byte each). */
export type HeapValues = Float32Array | Int32Array | Uint8Array;

/**
 * Writes `src` (shape `inShape`) tiled `reps[d]` times along each axis into `dst` (shape inShape[d]·reps[d],
 * row-major), as tf.tile does. Adjacent axes that are not repeated, or whose input has size 1, are merged first, so
 * [10000,5,1] × [1,1,9] is 50000 runs of 9 equal values rather than a 3-deep walk.
 */
export function tileInto(src: HeapValues, inShape: readonly number[], reps: readonly number[], dst: HeapValues): void {
  // Merged axes, outermost first: input length and repeat count.
  const ins: number[] = [];
  const rs: number[] = [];
  inShape.forEach((n, d) => {
    const r = reps[d]!;
    if (n * r === 1) return;
    const k = ins.length - 1;
    if (k >= 0 && ((r === 1 && rs[k] === 1) || (n === 1 && ins[k] === 1))) (ins[k]! *= n, rs[k]! *= r);
    // A repeated size-1 axis followed by a copied one ([1,9] × [10000,1]) is one tiled axis of the latter.
    else if (k >= 0 && r === 1 && ins[k] === 1) ins[k] = n;
    else (ins.push(n), rs.push(r));
  });
  if (ins.length === 0) {
    if (dst.length) dst[0] = src[0]!;
    return;
  }
  const last = ins.length - 1;
  const strides = new Array<number>(ins.length);
  for (let d = last, s = 1; d >= 0; d--) (strides[d] = s, (s *= ins[d]!));
  const n = ins[last]!;
  const r = rs[last]!;
  const rowLength = n * r;
  const rows = dst.length / rowLength;
  const counter = new Array<number>(last).fill(0); // output coordinate on each outer axis
  const within = new Array<number>(last).fill(0); // that coordinate modulo the input's length
  let from = 0;
  for (let row = 0, to = 0; row < rows; row++, to += rowLength) {
    if (n === 1) {
      const v = src[from]!;
      for (let k = 0; k < r; k++) dst[to + k] = v;
    } else {
      for (let k = 0, o = to; k < r; k++, o += n) for (let j = 0; j < n; j++) dst[o + j] = src[from + j]!;
    }
    // Odometer over the outer axes. An output length is a multiple of the input's, so both wrap together.
    for (let d = last - 1; d >= 0; d--) {
      from += strides[d]!;
      if (++within[d]! === ins[d]!) (within[d] = 0, (from -= strides[d]! * ins[d]!));
      if (++counter[d]! < ins[d]! * rs[d]!) break;
      counter[d] = 0;
    }
  }
}

const tile = (stock: KernelConfig): KernelConfig => {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as BackendWasm;
    const x = args.inputs['x'] as TensorInfo;
    const { reps } = args.attrs as unknown as TileAttrs;
    // Strings and complex numbers do not live on the wasm heap: the stock kernel handles (or refuses) them.
    if (!['float32', 'int32', 'bool'].includes(x.dtype)) return stock.kernelFunc(args);
    const out = backend.makeOutput(x.shape.map((n, d) => n * reps[d]!), x.dtype);
    if (out.shape.includes(0)) return out;
    // Views only after the allocation: growing the wasm heap detaches earlier views.
    tileInto(backend.typedArrayFromHeap(x) as HeapValues, x.shape, reps, backend.typedArrayFromHeap(out) as HeapValues);
    return out;
  };
  return { kernelName: 'Tile', backendName: 'wasm', kernelFunc };
};

/** Tile by whole-row copies. */
export const tilePatch: WasmPatch = {
  id: 'tile',
  tfjs: '4.22.0',
  why: 'Tile maps each output element to its input through generic index arithmetic: tiling [10000,5,1] ×9 took 65–106 ms (CPU backend 23 ms); tf.broadcastTo and broadcasting tf.where go through it',
  kernels: (stock) => {
    const k = stock.get('Tile');
    return k ? [tile(k)] : [];
  },
};
