// Max and average pooling over 2-D windows in NHWC layout, with their backward passes (max routes the gradient to the argmax).
import { positiveIntPair, resolvePadding2d, type Padding, type Padding2d } from './output-size';
import { asTensor4, tensor4, type Shape4, type Tensor4 } from './tensor4';

export interface Pool2dOptions {
  /** Window size: one number for a square window or [height, width]. */
  size: number | readonly [number, number];
  /** Step between windows; default: the window size (non-overlapping windows). */
  stride: number | readonly [number, number] | undefined;
  /** 'valid', 'same' (TensorFlow's rule), P on every side, or explicit {top, bottom, left, right}. Padded positions are ignored (never the max, never counted in the mean), as in TensorFlow. */
  padding: Padding;
}

export const pool2dDefaults: Readonly<Pool2dOptions> = { size: 2, stride: undefined, padding: 'valid' };

/** Pooling geometry: window, strides and resolved padding. */
export interface PoolGeometry extends Padding2d {
  sizeHeight: number;
  sizeWidth: number;
  strideHeight: number;
  strideWidth: number;
}

/** Resolves the options for an input of shape [N, H, W, C]. */
export function poolGeometry(xShape: Shape4, options?: Partial<Pool2dOptions>): PoolGeometry {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TypeError('expected an options object');
  const known = Object.keys(pool2dDefaults);
  for (const k of Object.keys(options ?? {})) if (!known.includes(k)) throw new TypeError(`unknown option "${k}" (known: ${known.join(', ')})`);
  const o: Pool2dOptions = { ...pool2dDefaults, ...Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined)) };
  const [sizeHeight, sizeWidth] = positiveIntPair('size', o.size);
  const [strideHeight, strideWidth] = positiveIntPair('stride', o.stride ?? [sizeHeight, sizeWidth]);
  const pad = resolvePadding2d(xShape[1], xShape[2], sizeHeight, sizeWidth, strideHeight, strideWidth, o.padding);
  return { sizeHeight, sizeWidth, strideHeight, strideWidth, ...pad };
}

/** Max pooling's output and, for the backward pass, where each maximum came from. */
export interface MaxPoolResult {
  /** N x H_out x W_out x C. */
  output: Tensor4;
  /** For every output element, the flat index into `x.data` of the input element that was the maximum (the first one on ties, in window row-major order). */
  argmax: Int32Array;
}

/**
 * Max pooling: y[n, i, j, c] = max over the window at (i S_h - P_top, j S_w - P_left) of x[n, ., ., c]. No parameters;
 * each channel is pooled on its own.
 * @param x - N x H x W x C
 */
export function maxPool2d(x: Tensor4, options?: Partial<Pool2dOptions>): MaxPoolResult {
  const X = asTensor4(x, 'x');
  const g = poolGeometry(X.shape, options);
  const [N, H, W, C] = X.shape;
  const output = tensor4([N, g.outHeight, g.outWidth, C]);
  const argmax = new Int32Array(output.data.length);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < g.outHeight; i++) {
      for (let j = 0; j < g.outWidth; j++) {
        for (let c = 0; c < C; c++) {
          let best = -Infinity, where = -1;
          for (let a = 0; a < g.sizeHeight; a++) {
            const h = i * g.strideHeight + a - g.top;
            if (h < 0 || h >= H) continue;
            for (let b = 0; b < g.sizeWidth; b++) {
              const w = j * g.strideWidth + b - g.left;
              if (w < 0 || w >= W) continue;
              const k = ((n * H + h) * W + w) * C + c;
              if (where < 0 || X.data[k] > best) { best = X.data[k]; where = k; }
            }
          }
          if (where < 0) throw new RangeError(`expected every window to overlap the input, got a window at output (${i}, ${j}) entirely in the padding`);
          const out = ((n * g.outHeight + i) * g.outWidth + j) * C + c;
          output.data[out] = best;
          argmax[out] = where;
        }
      }
    }
  }
  return { output, argmax };
}

/**
 * Backward pass of {@link maxPool2d}: the max is locally the identity of the winning input and constant in the others,
 * so each output gradient goes to its argmax and everything else gets 0 (overlapping windows add up).
 * @param dy - dL/dy, shaped like the pooled output
 * @param argmax - from {@link maxPool2d}
 * @param inputShape - shape of x
 * @returns dL/dx, shaped like x
 */
export function maxPool2dBackward(dy: Tensor4, argmax: Int32Array, inputShape: Shape4): Tensor4 {
  const DY = asTensor4(dy, 'dy');
  if (!(argmax instanceof Int32Array)) throw new TypeError('expected argmax to be the Int32Array returned by maxPool2d');
  if (argmax.length !== DY.data.length) throw new RangeError(`expected one argmax per output element (${DY.data.length}), got ${argmax.length}`);
  const dx = tensor4(inputShape);
  for (let k = 0; k < argmax.length; k++) {
    const src = argmax[k];
    if (src < 0 || src >= dx.data.length) throw new RangeError(`expected argmax indices in 0..${dx.data.length - 1}, got ${src} at ${k}`);
    dx.data[src] += DY.data[k];
  }
  return dx;
}

/**
 * Average pooling: the mean of each window's in-range inputs (padded positions are not counted, as in TensorFlow).
 * @param x - N x H x W x C
 */
export function avgPool2d(x: Tensor4, options?: Partial<Pool2dOptions>): Tensor4 {
  const X = asTensor4(x, 'x');
  const g = poolGeometry(X.shape, options);
  const [N, , , C] = X.shape;
  const output = tensor4([N, g.outHeight, g.outWidth, C]);
  forEachWindow(X.shape, g, (out, inputs) => {
    let s = 0;
    for (const k of inputs) s += X.data[k];
    output.data[out] = s / inputs.length;
  });
  return output;
}

/**
 * Backward pass of {@link avgPool2d}: each output gradient is shared equally by the inputs it averaged.
 * @param dy - dL/dy, shaped like the pooled output
 * @param inputShape - shape of x
 */
export function avgPool2dBackward(dy: Tensor4, inputShape: Shape4, options?: Partial<Pool2dOptions>): Tensor4 {
  const DY = asTensor4(dy, 'dy');
  const g = poolGeometry(inputShape, options);
  const expected = [inputShape[0], g.outHeight, g.outWidth, inputShape[3]];
  if (DY.shape.some((v, i) => v !== expected[i])) throw new RangeError(`expected dy of shape ${expected.join(' x ')}, got ${DY.shape.join(' x ')}`);
  const dx = tensor4(inputShape);
  forEachWindow(inputShape, g, (out, inputs) => {
    const share = DY.data[out] / inputs.length;
    for (const k of inputs) dx.data[k] += share;
  });
  return dx;
}

/** Calls `visit(outputIndex, inputIndices)` for every output element with the flat indices of its in-range window. */
function forEachWindow(shape: Shape4, g: PoolGeometry, visit: (out: number, inputs: number[]) => void): void {
  const [N, H, W, C] = shape;
  const inputs: number[] = [];
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < g.outHeight; i++) {
      for (let j = 0; j < g.outWidth; j++) {
        for (let c = 0; c < C; c++) {
          inputs.length = 0;
          for (let a = 0; a < g.sizeHeight; a++) {
            const h = i * g.strideHeight + a - g.top;
            if (h < 0 || h >= H) continue;
            for (let b = 0; b < g.sizeWidth; b++) {
              const w = j * g.strideWidth + b - g.left;
              if (w >= 0 && w < W) inputs.push(((n * H + h) * W + w) * C + c);
            }
          }
          if (inputs.length === 0) throw new RangeError(`expected every window to overlap the input, got a window at output (${i}, ${j}) entirely in the padding`);
          visit(((n * g.outHeight + i) * g.outWidth + j) * C + c, inputs);
        }
      }
    }
  }
}
