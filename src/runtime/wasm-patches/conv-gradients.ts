/**
 * The convolution gradient kernels that tfjs 4.22's wasm backend lacks, built from its stock native kernels, so a
 * conv layer (and a depthwise one) can train on WASM:
 *
 * - Conv2DBackpropFilter (the filter gradient of every conv2d and conv2dTranspose layer),
 * - DepthwiseConv2dNativeBackpropFilter and DepthwiseConv2dNativeBackpropInput (depthwise/separable layers).
 *
 * The filter gradient *is* a convolution: dW[kh,kw,ci,co] = Σ_{n,oh,ow} xpad[n, oh·s + kh·d, ow·s + kw·d, ci] ·
 * dy[n,oh,ow,co]. Swapping the roles of batch and channels turns it into one stock Conv2D of x (batch ci, channels
 * n) with dy as the filter (n in, co out), the forward stride becoming the dilation and the forward dilation the
 * stride; so the work runs in XNNPACK, not in a JS loop. The stock Conv3DBackpropFilterV2 looked like a natural
 * base but is wrong for stride 2 (its loop bounds round down: max error 87 on a 5×5 input, measured by
 * scripts/wasm-kernels/grad-kernels.ts --errors), so it is not used.
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type {
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropInputAttrs,
  DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { StockKernels, WasmPatch } from './index.ts';
import { withStockRunner, type StockRunner } from './stock-runner.ts';

type Tf = typeof tfNamespace;

/** Where the filter gradient's convolution reads: the forward conv's geometry, in NHWC terms. */
interface FilterGradGeometry {
  filterHeight: number;
  filterWidth: number;
  outHeight: number;
  outWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * Runs `conv` ('Conv2D' or 'DepthwiseConv2dNative') of `xT` [b, inH, inW, c] with `dyFilter` [outH, outW, c, m]
 * so that output [b, filterH, filterW, ·] position (kh, kw) sums xpad[oh·s + kh·d, ow·s + kw·d] · dy[oh, ow]. The
 * bottom/right padding is chosen so the output is exactly filterH × filterW; rows and columns the forward conv never
 * read (odd sizes under 'valid' with stride 2) are sliced off first, since padding cannot be negative.
 */
function filterGradConv(
  r: StockRunner,
  conv: 'Conv2D' | 'DepthwiseConv2dNative',
  xT: TensorInfo,
  dyFilter: TensorInfo,
  g: FilterGradGeometry,
): TensorInfo {
  const [b, inH, inW, c] = xT.shape as [number, number, number, number];
  const outChannels = conv === 'Conv2D' ? dyFilter.shape[3]! : c * dyFilter.shape[3]!;
  // The last padded row the forward conv reads, plus one.
  const spanH = (g.filterHeight - 1) * g.dilationHeight + (g.outHeight - 1) * g.strideHeight + 1;
  const spanW = (g.filterWidth - 1) * g.dilationWidth + (g.outWidth - 1) * g.strideWidth + 1;
  const usedH = Math.min(inH, spanH - g.padTop);
  const usedW = Math.min(inW, spanW - g.padLeft);
  if (usedH <= 0 || usedW <= 0 || b === 0 || g.outHeight === 0 || g.outWidth === 0) {
    // Every tap reads padding (or there is nothing to sum): the gradient is zero.
    return r.run('Fill', {}, { shape: [b, g.filterHeight, g.filterWidth, outChannels], value: 0, dtype: 'float32' });
  }
  const input = usedH < inH || usedW < inW
    ? r.run('Slice', { x: xT }, { begin: [0, 0, 0, 0], size: [b, usedH, usedW, c] })
    : xT;
  const pad = [
    [0, 0],
    [g.padTop, spanH - g.padTop - usedH],
    [g.padLeft, spanW - g.padLeft - usedW],
    [0, 0],
  ];
  return r.run(conv, { x: input, filter: dyFilter }, {
    strides: [g.dilationHeight, g.dilationWidth],
    dilations: [g.strideHeight, g.strideWidth],
    pad,
    dataFormat: 'NHWC',
  });
}

/** A kernel whose `body` composes stock kernels (withStockRunner frees its intermediates). */
function composite(stock: StockKernels, body: (r: StockRunner, backend: BackendWasm) => TensorInfo): KernelFunc {
  return ({ backend }) => withStockRunner(stock, backend as BackendWasm, (r) => body(r, backend as BackendWasm));
}

function conv2DBackpropFilter(stock: StockKernels, tf: Tf): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (args) =>
      composite(stock, (r) => {
        const { x, dy } = args.inputs;
        const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
          args.attrs as unknown as Conv2DBackpropFilterAttrs;
        const info = tf.backend_util.computeConv2DInfo(
          x!.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false,
          tf.backend_util.convertConv2DDataFormat(dataFormat),
        );
        const channelsLast = info.dataFormat === 'channelsLast';
        // x → [ci, h, w, n] (a batch of ci images with n channels); dy → [oh, ow, n, co] (a filter).
        const xT = r.run('Transpose', { x: x! }, { perm: channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0] });
        const dyFilter = r.run('Transpose', { x: dy! }, { perm: channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1] });
        const g = filterGradConv(r, 'Conv2D', xT, dyFilter, { ...info, padTop: info.padInfo.top, padLeft: info.padInfo.left });
        return r.run('Transpose', { x: g }, { perm: [1, 2, 0, 3] });
      })(args),
  };
}

function depthwiseBackpropFilter(stock: StockKernels, tf: Tf): KernelConfig {
  return {
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (args) =>
      composite(stock, (r) => {
        const { x, dy } = args.inputs;
        const { strides, dilations, pad, dimRoundingMode, filterShape } =
          args.attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
        const info = tf.backend_util.computeConv2DInfo(
          x!.shape as [number, number, number, number], filterShape, strides, dilations, pad, dimRoundingMode, true,
        );
        const [n, h, w, c] = x!.shape as [number, number, number, number];
        const [kh, kw, , m] = filterShape;
        // Per image and channel, the gradient is a convolution of that channel with dy's m channels for it: a
        // depthwise conv over the n·c channels of one image [1, h, w, n·c], then a sum over n.
        const xT = r.run('Reshape', { x: r.run('Transpose', { x: x! }, { perm: [1, 2, 0, 3] }) }, {
          shape: [1, h, w, n * c],
        });
        const dyT = r.run('Transpose', { x: dy! }, { perm: [1, 2, 0, 3] });
        const dyFilter = r.run('Reshape', { x: dyT }, { shape: [info.outHeight, info.outWidth, n * c, m] });
        const g = filterGradConv(r, 'DepthwiseConv2dNative', xT, dyFilter, {
          ...info, padTop: info.padInfo.top, padLeft: info.padInfo.left,
        });
        const perImage = r.run('Reshape', { x: g }, { shape: [kh, kw, n, c * m] });
        const summed = r.run('Sum', { x: perImage }, { axis: [2], keepDims: false });
        return r.run('Reshape', { x: summed }, { shape: [kh, kw, c, m] });
      })(args),
  };
}

/**
 * `before`/`after` zeros around `axis` (1 = height, 2 = width) of the NHWC `t`, a negative amount meaning a crop:
 * crops now (a convolution's padding cannot be negative) and returns the padding the convolution must still add.
 */
function cropForPadding(r: StockRunner, t: TensorInfo, axis: 1 | 2, before: number, after: number) {
  const cropBefore = Math.max(0, -before);
  const cropAfter = Math.max(0, -after);
  if (cropBefore === 0 && cropAfter === 0) return { t, pad: [before, after] };
  const begin = [0, 0, 0, 0];
  const size = [...t.shape];
  begin[axis] = cropBefore;
  size[axis] = t.shape[axis]! - cropBefore - cropAfter;
  return { t: r.run('Slice', { x: t }, { begin, size }), pad: [Math.max(0, before), Math.max(0, after)] };
}

/**
 * The input gradient of a conv is dy, with s − 1 zeros after each value when strided, correlated with the flipped
 * filter: dx[y] = Σ_k z[y + k·d − top] · flipped[k], top = (kh − 1)·d − the forward's top padding. Returns that z
 * (NHWC), cropped where the padding would be negative, and the padding the correlation must add on each side.
 */
function spreadForTransposedConv(r: StockRunner, dy: TensorInfo, info: tfNamespace.backend_util.Conv2DInfo, h: number, w: number) {
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, filterHeight: kh, filterWidth: kw } = info;
  const [n, oh, ow, c] = dy.shape as [number, number, number, number];
  let z = dy;
  if (sh > 1 || sw > 1) {
    const spread = r.run('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, c] });
    const padded = r.run('PadV2', { x: spread }, {
      paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0,
    });
    z = r.run('Reshape', { x: padded }, { shape: [n, oh * sh, ow * sw, c] });
  }
  const top = (kh - 1) * dh - info.padInfo.top;
  const left = (kw - 1) * dw - info.padInfo.left;
  const rows = cropForPadding(r, z, 1, top, h + (kh - 1) * dh - top - z.shape[1]!);
  const cols = cropForPadding(r, rows.t, 2, left, w + (kw - 1) * dw - left - z.shape[2]!);
  return { z: cols.t, rows, cols };
}

function depthwiseBackpropInput(stock: StockKernels, tf: Tf): KernelConfig {
  return {
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    backendName: 'wasm',
    kernelFunc: (args) =>
      composite(stock, (r) => {
        const { dy, filter } = args.inputs;
        const { strides, dilations, pad, dimRoundingMode, inputShape } =
          args.attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
        const info = tf.backend_util.computeConv2DInfo(
          inputShape, filter!.shape as [number, number, number, number], strides, dilations, pad, dimRoundingMode, true,
        );
        const [n, h, w, c] = inputShape;
        const [kh, kw, , m] = filter!.shape as [number, number, number, number];
        const { dilationHeight: dh, dilationWidth: dw, outHeight: oh, outWidth: ow } = info;
        if (n * oh * ow * c === 0) return r.run('Fill', {}, { shape: inputShape, value: 0, dtype: 'float32' });
        // Channel by channel: one stock DepthwiseConv2dNative (XNNPACK), then a sum over the channel multiplier.
        const { z, rows, cols } = spreadForTransposedConv(r, dy!, info, h, w);
        const flipped = r.run('Reshape', { x: r.run('Reverse', { x: filter! }, { dims: [0, 1] }) }, { shape: [kh, kw, c * m, 1] });
        const dx = r.run('DepthwiseConv2dNative', { x: z, filter: flipped }, {
          strides: 1, dilations: [dh, dw], pad: [[0, 0], rows.pad, cols.pad, [0, 0]], dataFormat: 'NHWC',
        });
        if (m === 1) return dx;
        const perMultiplier = r.run('Reshape', { x: dx }, { shape: [n, h, w, c, m] });
        return r.run('Sum', { x: perMultiplier }, { axis: [4], keepDims: false });
      })(args),
  };
}

function conv2DBackpropInput(stock: StockKernels, tf: Tf): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    kernelFunc: (args) =>
      composite(stock, (r) => {
        const { dy, filter } = args.inputs;
        const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
        const info = tf.backend_util.computeConv2DInfo(
          inputShape, filter!.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false,
          tf.backend_util.convertConv2DDataFormat(dataFormat),
        );
        const channelsLast = info.dataFormat === 'channelsLast';
        const { batchSize: n, inHeight: h, inWidth: w, inChannels: c } = info;
        if (n * info.outHeight * info.outWidth * c === 0) return r.run('Fill', {}, { shape: inputShape, value: 0, dtype: 'float32' });
        const dyNHWC = channelsLast ? dy! : r.run('Transpose', { x: dy! }, { perm: [0, 2, 3, 1] });
        const { z, rows, cols } = spreadForTransposedConv(r, dyNHWC, info, h, w);
        // The flipped filter with in and out channels swapped: [kh, kw, co, ci].
        const flipped = r.run('Transpose', { x: r.run('Reverse', { x: filter! }, { dims: [0, 1] }) }, { perm: [0, 1, 3, 2] });
        const dx = r.run('Conv2D', { x: z, filter: flipped }, {
          strides: 1, dilations: 1, pad: [[0, 0], rows.pad, cols.pad, [0, 0]], dataFormat: 'NHWC',
        });
        return channelsLast ? dx : r.run('Transpose', { x: dx }, { perm: [0, 3, 1, 2] });
      })(args),
  };
}

/**
 * Conv2DBackpropInput (every conv layer's input gradient, and conv2dTranspose's forward pass) on stock Conv2D
 * (XNNPACK): the stock kernel is a plain loop, ~17× slower than the forward conv of the same size
 * (scripts/wasm-kernels/grad-kernels.ts --speed --only Conv2D).
 */
export const convInputGradientPatch: WasmPatch = {
  id: 'conv-input-gradient',
  tfjs: '4.22.0',
  why: 'Conv2DBackpropInput is a plain loop on wasm: 172 ms at 14×14 batch 32, 32→64 channels, where the forward Conv2D takes 10 ms; rebuilt on the stock Conv2D (XNNPACK): 10 ms',
  kernels: (stock, tf) => [conv2DBackpropInput(stock, tf)],
};

/** Conv2DBackpropFilter and the two depthwise backprops, which stock wasm lacks. */
export const convGradientsPatch: WasmPatch = {
  id: 'conv-gradients',
  tfjs: '4.22.0',
  why: 'Conv2DBackpropFilter and DepthwiseConv2dNativeBackprop{Filter,Input} are not registered on wasm, so no conv layer can train (tf.grad throws); rebuilt on stock Conv2D/DepthwiseConv2dNative: an 8×8 batch-64 autoencoder layer\'s filter gradient takes 0.4 ms (CPU backend: 58 ms)',
  kernels: (stock, tf) => [conv2DBackpropFilter(stock, tf), depthwiseBackpropFilter(stock, tf), depthwiseBackpropInput(stock, tf)],
};
