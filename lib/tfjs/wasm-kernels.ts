// Makes CNNs train on tfjs's wasm backend: adds the missing conv2d filter gradient, replaces two slow gradient kernels.
import * as tf from '@tensorflow/tfjs';

/** What {@link patchWasmKernels} did. */
export interface WasmPatch {
  /** Kernels the wasm backend did not have (Conv2DBackpropFilter in tfjs-backend-wasm 4.22). */
  added: string[];
  /** Kernels replaced by faster ones built on the backend's XNNPACK convolution or a tight loop. */
  replaced: string[];
}

interface ConvFilterGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Runs another kernel of the same backend on TensorInfos (what composite kernels do inside tfjs backends). */
function runKernel(name: string, backend: tf.KernelBackend, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): tf.TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`the wasm backend has no ${name} kernel to build Conv2DBackpropFilter from`);
  return config.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}

/**
 * dL/dW of an NHWC convolution from x (N x H x W x C_in) and dy (N x H_out x W_out x C_out):
 * dW[a, b, c, o] = sum_{n, i, j} x[n, i S_h + a - P_top, j S_w + b - P_left, c] dy[n, i, j, o].
 * That sum is itself a convolution: treat the input channels as the batch (x^T: C_in x H x W x N) and dy as the
 * filter (H_out x W_out x N x C_out) with dilation S (the forward stride) and the forward padding; the result
 * C_in x H' x W' x C_out, cut to F_h x F_w and transposed to HWIO, is dW. All the arithmetic runs in the wasm
 * backend's own Transpose, Conv2D (XNNPACK) and Slice kernels.
 */
function conv2dBackpropFilterWasm({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as ConvFilterGradAttrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (wasm, lib/tfjs): only NHWC is supported, got ${dataFormat}`);
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const p = info.padInfo;
  const temps: tf.TensorInfo[] = [];
  try {
    const xT = runKernel('Transpose', backend, { x }, { perm: [3, 1, 2, 0] });
    temps.push(xT);
    const dyT = runKernel('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] });
    temps.push(dyT);
    const full = runKernel('Conv2D', backend, { x: xT, filter: dyT }, {
      strides: [1, 1], dilations: [info.strideHeight, info.strideWidth], dataFormat: 'NHWC',
      pad: [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]] as unknown as tf.NamedAttrMap[string],
    });
    temps.push(full);
    const cut = runKernel('Slice', backend, { x: full }, { begin: [0, 0, 0, 0], size: [info.inChannels, info.filterHeight, info.filterWidth, info.outChannels] });
    temps.push(cut);
    return runKernel('Transpose', backend, { x: cut }, { perm: [1, 2, 0, 3] });
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

/** The wasm TensorInfo's values as a view into the wasm heap (valid until the next allocation). */
function heapView(backend: tf.KernelBackend, t: tf.TensorInfo): Float32Array {
  return (backend as unknown as { typedArrayFromHeap(t: tf.TensorInfo): Float32Array }).typedArrayFromHeap(t);
}

function makeOutput(backend: tf.KernelBackend, shape: number[]): tf.TensorInfo {
  return (backend as unknown as { makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo }).makeOutput(shape, 'float32');
}

interface ConvInputGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/**
 * dL/dx of a stride-1 NHWC convolution as another convolution: dx = conv2d(dy, w flipped in space with its in/out
 * channels swapped), padded with F - 1 - P on each side. Uses the backend's XNNPACK Conv2D (tfjs-backend-wasm's own
 * Conv2DBackpropInput is a plain loop, about 10x slower); anything else (strides > 1, NCHW, padding >= filter size)
 * goes to the original kernel.
 */
function makeConv2dBackpropInput(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as tf.KernelBackend;
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as ConvInputGradAttrs;
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false, 'channelsLast');
    const p = info.padInfo;
    const top = info.filterHeight - 1 - p.top, bottom = info.filterHeight - 1 - p.bottom;
    const left = info.filterWidth - 1 - p.left, right = info.filterWidth - 1 - p.right;
    if ((dataFormat !== undefined && dataFormat !== 'NHWC') || info.strideHeight !== 1 || info.strideWidth !== 1 || Math.min(top, bottom, left, right) < 0) {
      return original(args);
    }
    const temps: tf.TensorInfo[] = [];
    try {
      const flipped = runKernel('Reverse', backend, { x: filter }, { dims: [0, 1] });
      temps.push(flipped);
      const swapped = runKernel('Transpose', backend, { x: flipped }, { perm: [0, 1, 3, 2] });
      temps.push(swapped);
      return runKernel('Conv2D', backend, { x: dy, filter: swapped }, {
        strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC',
        pad: [[0, 0], [top, bottom], [left, right], [0, 0]] as unknown as tf.NamedAttrMap[string],
      });
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
}

interface PoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Max-pooling gradient in one pass over the windows: each dy goes to the first (row-major) maximum of its window in
 * x, as the cpu backend does. tfjs-backend-wasm's MaxPoolGrad loops over every input pixel and every window that may
 * contain it, several times slower for the usual 2 x 2 pools.
 */
function maxPoolGradWasm({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as PoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const out = makeOutput(backend, input.shape);
  const x = heapView(backend, input), g = heapView(backend, dy), dx = heapView(backend, out);
  dx.fill(0);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, strideHeight: SH, strideWidth: SW, filterHeight: FH, filterWidth: FW } = info;
  const top = info.padInfo.top, left = info.padInfo.left;
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < OH; i++) {
      const h0 = i * SH - top;
      for (let j = 0; j < OW; j++) {
        const w0 = j * SW - left;
        const dyBase = ((n * OH + i) * OW + j) * C;
        for (let c = 0; c < C; c++) {
          let best = -Infinity, where = -1;
          for (let a = 0; a < FH; a++) {
            const h = h0 + a;
            if (h < 0 || h >= H) continue;
            for (let b = 0; b < FW; b++) {
              const w = w0 + b;
              if (w < 0 || w >= W) continue;
              const k = ((n * H + h) * W + w) * C + c;
              if (x[k] > best || where < 0) { best = x[k]; where = k; }
            }
          }
          if (where >= 0) dx[where] += g[dyBase + c];
        }
      }
    }
  }
  return out;
}

function replaceKernel(name: string, make: (original: tf.KernelFunc) => tf.KernelFunc): boolean {
  const original = tf.getKernel(name, 'wasm');
  if (!original || (original.kernelFunc as { patchedByLib?: boolean }).patchedByLib) return false;
  const kernelFunc = make(original.kernelFunc);
  (kernelFunc as { patchedByLib?: boolean }).patchedByLib = true;
  tf.unregisterKernel(name, 'wasm');
  // Keep the original setup (it binds the wasm functions the fallback path calls) in case the backend starts later.
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc, setupFunc: original.setupFunc, disposeFunc: original.disposeFunc });
  return true;
}

/**
 * Prepares the wasm backend for training convolutional networks (tfjs-backend-wasm 4.22):
 * - adds Conv2DBackpropFilter, which it lacks (without it any conv2d layer fails to train with "Kernel
 *   'Conv2DBackpropFilter' not registered for backend 'wasm'");
 * - replaces Conv2DBackpropInput (stride 1) and MaxPoolGrad by faster equivalents (same results to float32 rounding,
 *   tested against the cpu backend), which makes a small CNN's training step about 3x faster.
 * Idempotent, and a no-op when the wasm backend is not loaded (other backends are never touched); call it after
 * `initBackend()`.
 */
export function patchWasmKernels(): WasmPatch {
  const added: string[] = [];
  if (!tf.findBackendFactory('wasm')) return { added, replaced: [] }; // wasm not loaded: nothing to patch
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilterWasm as tf.KernelFunc });
    added.push('Conv2DBackpropFilter');
  }
  const replaced: string[] = [];
  if (replaceKernel('Conv2DBackpropInput', makeConv2dBackpropInput)) replaced.push('Conv2DBackpropInput');
  if (replaceKernel('MaxPoolGrad', () => maxPoolGradWasm as tf.KernelFunc)) replaced.push('MaxPoolGrad');
  return { added, replaced };
}
