// 2-D convolution (cross-correlation, as in every deep-learning library) in NHWC layout: forward, backward, im2col.
import { matrix, type Matrix } from '../core/matrix';
import { positiveIntPair, resolvePadding2d, type Padding, type Padding2d } from './output-size';
import { asTensor4, tensor4, type Tensor4 } from './tensor4';

export interface Conv2dOptions {
  /** Step between windows: one number for both axes or [vertical, horizontal]. */
  stride: number | readonly [number, number];
  /** 'valid' (none), 'same' (TensorFlow's rule), P zeros on every side, or explicit {top, bottom, left, right}. */
  padding: Padding;
  /** Spacing between filter taps (1 = ordinary; > 1 = dilated / atrous convolution). */
  dilation: number | readonly [number, number];
}

export const conv2dDefaults: Readonly<Conv2dOptions> = { stride: 1, padding: 'valid', dilation: 1 };

/** The geometry of one convolution: sizes, strides, dilations, resolved padding. */
export interface ConvGeometry extends Padding2d {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  filterHeight: number;
  filterWidth: number;
  outChannels: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
}

function mergeOptions(options: Partial<Conv2dOptions> | undefined): Conv2dOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TypeError('expected an options object');
  const known = Object.keys(conv2dDefaults);
  for (const k of Object.keys(options ?? {})) if (!known.includes(k)) throw new TypeError(`unknown option "${k}" (known: ${known.join(', ')})`);
  return { ...conv2dDefaults, ...Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined)) };
}

/**
 * Checks shapes and resolves padding for an input of shape [N, H, W, C_in] and a filter of shape
 * [F_h, F_w, C_in, C_out]. With a dilation D the window covers D (F - 1) + 1 pixels.
 */
export function convGeometry(xShape: readonly number[], filterShape: readonly number[], options?: Partial<Conv2dOptions>): ConvGeometry {
  const o = mergeOptions(options);
  const [batch, inHeight, inWidth, inChannels] = xShape;
  const [filterHeight, filterWidth, fIn, outChannels] = filterShape;
  if (fIn !== inChannels) throw new RangeError(`expected filter inChannels = input channels = ${inChannels}, got ${fIn}`);
  const [strideHeight, strideWidth] = positiveIntPair('stride', o.stride);
  const [dilationHeight, dilationWidth] = positiveIntPair('dilation', o.dilation);
  const effH = dilationHeight * (filterHeight - 1) + 1, effW = dilationWidth * (filterWidth - 1) + 1;
  const pad = resolvePadding2d(inHeight, inWidth, effH, effW, strideHeight, strideWidth, o.padding);
  return { batch, inHeight, inWidth, inChannels, filterHeight, filterWidth, outChannels, strideHeight, strideWidth, dilationHeight, dilationWidth, ...pad };
}

/**
 * 2-D convolution as deep-learning libraries define it (cross-correlation: the filter is not flipped):
 * y[n, i, j, o] = b[o] + sum_{a, b, c} x[n, i S_h + a D_h - P_top, j S_w + b D_w - P_left, c] w[a, b, c, o],
 * with out-of-range input pixels read as zero (the padding).
 * @param x - input, N x H x W x C_in (NHWC)
 * @param filter - F_h x F_w x C_in x C_out (HWIO, tfjs's layout)
 * @param bias - C_out biases (optional)
 * @returns N x H_out x W_out x C_out with H_out = floor((H + P_top + P_bottom - D_h (F_h - 1) - 1) / S_h) + 1
 */
export function conv2d(x: Tensor4, filter: Tensor4, bias?: ArrayLike<number>, options?: Partial<Conv2dOptions>): Tensor4 {
  const X = asTensor4(x, 'x'), Wt = asTensor4(filter, 'filter');
  const g = convGeometry(X.shape, Wt.shape, options);
  if (bias !== undefined && bias.length !== g.outChannels) throw new RangeError(`expected ${g.outChannels} biases (one per output channel), got ${bias.length}`);
  const { batch: N, inHeight: H, inWidth: W, inChannels: C, filterHeight: FH, filterWidth: FW, outChannels: O, outHeight: OH, outWidth: OW } = g;
  const y = tensor4([N, OH, OW, O]);
  const yd = y.data, xd = X.data, wd = Wt.data;
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        const yBase = ((n * OH + i) * OW + j) * O;
        if (bias) for (let o = 0; o < O; o++) yd[yBase + o] = bias[o];
        for (let a = 0; a < FH; a++) {
          const h = i * g.strideHeight + a * g.dilationHeight - g.top;
          if (h < 0 || h >= H) continue;
          for (let b = 0; b < FW; b++) {
            const w = j * g.strideWidth + b * g.dilationWidth - g.left;
            if (w < 0 || w >= W) continue;
            const xBase = ((n * H + h) * W + w) * C;
            const wBase = (a * FW + b) * C * O;
            for (let c = 0; c < C; c++) {
              const xv = xd[xBase + c];
              const wRow = wBase + c * O;
              for (let o = 0; o < O; o++) yd[yBase + o] += xv * wd[wRow + o];
            }
          }
        }
      }
    }
  }
  return y;
}

/** Gradients of a loss with respect to a convolution's input, filter and bias. */
export interface Conv2dGradients {
  /** dL/dx, N x H x W x C_in. */
  dx: Tensor4;
  /** dL/dw, F_h x F_w x C_in x C_out. */
  dFilter: Tensor4;
  /** dL/db, C_out: the sum of dy over batch and positions. */
  dBias: Float64Array;
}

/**
 * Backward pass of {@link conv2d}: given dy = dL/dy (N x H_out x W_out x C_out), every product
 * x[n, h, w, c] w[a, b, c, o] in the forward sum sends dy[n, i, j, o] w[a, b, c, o] to dx[n, h, w, c] and
 * dy[n, i, j, o] x[n, h, w, c] to dw[a, b, c, o]. So dw is a correlation of the input with the output gradient,
 * and dx is a "full" convolution of dy with the flipped filter (what frameworks call conv2d transpose).
 */
export function conv2dBackward(x: Tensor4, filter: Tensor4, dy: Tensor4, options?: Partial<Conv2dOptions>): Conv2dGradients {
  const X = asTensor4(x, 'x'), Wt = asTensor4(filter, 'filter'), DY = asTensor4(dy, 'dy');
  const g = convGeometry(X.shape, Wt.shape, options);
  const { batch: N, inHeight: H, inWidth: W, inChannels: C, filterHeight: FH, filterWidth: FW, outChannels: O, outHeight: OH, outWidth: OW } = g;
  const expected = [N, OH, OW, O];
  if (DY.shape.some((v, i) => v !== expected[i])) throw new RangeError(`expected dy of shape ${expected.join(' x ')}, got ${DY.shape.join(' x ')}`);
  const dx = tensor4(X.shape), dFilter = tensor4(Wt.shape), dBias = new Float64Array(O);
  const xd = X.data, wd = Wt.data, dyd = DY.data, dxd = dx.data, dwd = dFilter.data;
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        const yBase = ((n * OH + i) * OW + j) * O;
        for (let o = 0; o < O; o++) dBias[o] += dyd[yBase + o];
        for (let a = 0; a < FH; a++) {
          const h = i * g.strideHeight + a * g.dilationHeight - g.top;
          if (h < 0 || h >= H) continue;
          for (let b = 0; b < FW; b++) {
            const w = j * g.strideWidth + b * g.dilationWidth - g.left;
            if (w < 0 || w >= W) continue;
            const xBase = ((n * H + h) * W + w) * C;
            const wBase = (a * FW + b) * C * O;
            for (let c = 0; c < C; c++) {
              const xv = xd[xBase + c];
              const wRow = wBase + c * O;
              let acc = 0;
              for (let o = 0; o < O; o++) {
                const g2 = dyd[yBase + o];
                acc += g2 * wd[wRow + o];
                dwd[wRow + o] += g2 * xv;
              }
              dxd[xBase + c] += acc;
            }
          }
        }
      }
    }
  }
  return { dx, dFilter, dBias };
}

/**
 * im2col: every output position's receptive window unrolled into a row, so a convolution becomes one matrix product
 * (how fast libraries compute it): conv2d(x, w) reshaped to (N H_out W_out) x C_out equals
 * im2col(x) x reshape(w, F_h F_w C_in, C_out). Zero padding appears as zeros in the rows.
 * @param x - N x H x W x C_in
 * @param filterHeight - F_h
 * @param filterWidth - F_w
 * @returns (N H_out W_out) x (F_h F_w C_in), row (n, i, j), column (a, b, c) in row-major order
 */
export function im2col(x: Tensor4, filterHeight: number, filterWidth: number, options?: Partial<Conv2dOptions>): Matrix {
  const X = asTensor4(x, 'x');
  const g = convGeometry(X.shape, [filterHeight, filterWidth, X.shape[3], 1], options);
  const { batch: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const cols = filterHeight * filterWidth * C;
  const out = matrix(N * OH * OW, cols);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        const rowBase = ((n * OH + i) * OW + j) * cols;
        for (let a = 0; a < filterHeight; a++) {
          const h = i * g.strideHeight + a * g.dilationHeight - g.top;
          if (h < 0 || h >= H) continue;
          for (let b = 0; b < filterWidth; b++) {
            const w = j * g.strideWidth + b * g.dilationWidth - g.left;
            if (w < 0 || w >= W) continue;
            const src = ((n * H + h) * W + w) * C;
            const dst = rowBase + (a * filterWidth + b) * C;
            for (let c = 0; c < C; c++) out.data[dst + c] = X.data[src + c];
          }
        }
      }
    }
  }
  return out;
}
