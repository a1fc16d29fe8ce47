// Registers the conv2d filter-gradient kernel that tfjs's wasm backend lacks, so tf.layers.conv2d models train on wasm.
import * as tf from '@tensorflow/tfjs';

/** The kernels this module can add to the wasm backend. */
export const WASM_KERNELS_ADDED = ['Conv2DBackpropFilter'] as const;

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

/**
 * Adds the kernels in {@link WASM_KERNELS_ADDED} to the wasm backend when it does not have them (tfjs-backend-wasm
 * 4.22 has no Conv2DBackpropFilter, so training any conv2d layer fails with "Kernel 'Conv2DBackpropFilter' not
 * registered for backend 'wasm'"). Harmless to call more than once or on other backends; call it after
 * `initBackend()`.
 * @returns the names of the kernels it registered in this call
 */
export function registerMissingWasmKernels(): string[] {
  const added: string[] = [];
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilterWasm as tf.KernelFunc });
    added.push('Conv2DBackpropFilter');
  }
  return added;
}
