// Convolution arithmetic: output size floor((W - F + 2P)/S) + 1, 'same'/'valid' padding, parameter counts, receptive fields.

/**
 * How a convolution or pooling window is padded:
 * - `'valid'`: no padding, the window stays inside the input;
 * - `'same'`: TensorFlow's rule, output = ceil(W / S), the padding split with the extra unit at the end (bottom/right);
 * - a number P: P zeros on every side;
 * - an object: explicit amounts per side.
 */
export type Padding = 'valid' | 'same' | number | { top: number; bottom: number; left: number; right: number };

/** Padding resolved for one spatial axis: amounts before and after, and the output length it gives. */
export interface AxisPadding {
  before: number;
  after: number;
  outputSize: number;
}

/** Padding resolved for both spatial axes, with the output height and width. */
export interface Padding2d {
  top: number;
  bottom: number;
  left: number;
  right: number;
  outHeight: number;
  outWidth: number;
}

function positiveInt(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${fn}: expected ${name} to be a number, got ${typeof v === 'number' ? 'NaN' : typeof v}`);
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: expected ${name} to be an integer >= 1, got ${name} = ${v}`);
  return v;
}

function nonNegativeInt(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${fn}: expected ${name} to be a number, got ${typeof v === 'number' ? 'NaN' : typeof v}`);
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${fn}: expected ${name} to be an integer >= 0, got ${name} = ${v}`);
  return v;
}

/**
 * A per-axis window setting (stride, dilation, pool size) as [vertical, horizontal]: a number applies to both axes.
 * @throws TypeError for a non-number or a list that is not a pair; RangeError for a value that is not an integer >= 1
 */
export function positiveIntPair(name: string, v: unknown): [number, number] {
  const arr = Array.isArray(v) ? v : [v, v];
  if (arr.length !== 2) throw new TypeError(`expected ${name} to be a number or a pair [vertical, horizontal], got ${JSON.stringify(v)}`);
  for (const x of arr) {
    if (typeof x !== 'number') throw new TypeError(`expected ${name} to be a number or a pair of numbers, got ${JSON.stringify(v)}`);
    if (!Number.isInteger(x) || x < 1) throw new RangeError(`expected ${name} to be an integer >= 1, got ${name} = ${JSON.stringify(v)}`);
  }
  return [arr[0] as number, arr[1] as number];
}

/**
 * Output length of a convolution or pooling along one axis: floor((W - F_eff + 2P) / S) + 1 with the dilated filter
 * size F_eff = D (F - 1) + 1. The floor is what tfjs, TensorFlow and PyTorch do when the window does not tile the
 * padded input exactly (the last partial window is dropped).
 * @param inputSize - W, the input length
 * @param filterSize - F, the window length
 * @param padding - P zeros added on each side (total 2P)
 * @param stride - S
 * @param dilation - D (1 = ordinary convolution)
 * @throws RangeError when the (dilated) window is larger than the padded input
 */
export function convOutputSize(inputSize: number, filterSize: number, padding = 0, stride = 1, dilation = 1): number {
  const fn = 'convOutputSize';
  const w = positiveInt(fn, 'inputSize', inputSize);
  const f = positiveInt(fn, 'filterSize', filterSize);
  const p = nonNegativeInt(fn, 'padding', padding);
  const s = positiveInt(fn, 'stride', stride);
  const d = positiveInt(fn, 'dilation', dilation);
  const fEff = d * (f - 1) + 1;
  if (fEff > w + 2 * p) throw new RangeError(`${fn}: expected the window (${fEff}) to fit in the padded input W + 2P = ${w + 2 * p}, got filterSize = ${f}, dilation = ${d}`);
  return Math.floor((w - fEff + 2 * p) / s) + 1;
}

/**
 * TensorFlow's 'same' padding along one axis: output ceil(W / S), total padding max((out - 1) S + F - W, 0), split
 * floor(total / 2) before and the rest after.
 */
export function samePadding(inputSize: number, filterSize: number, stride = 1): AxisPadding {
  const fn = 'samePadding';
  const w = positiveInt(fn, 'inputSize', inputSize);
  const f = positiveInt(fn, 'filterSize', filterSize);
  const s = positiveInt(fn, 'stride', stride);
  const outputSize = Math.ceil(w / s);
  const total = Math.max((outputSize - 1) * s + f - w, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before, outputSize };
}

/**
 * Resolves a {@link Padding} for a 2-D window into per-side amounts and the output height and width.
 * @param inHeight - input height
 * @param inWidth - input width
 * @param filterHeight - window height
 * @param filterWidth - window width
 * @param strideHeight - vertical stride
 * @param strideWidth - horizontal stride
 */
export function resolvePadding2d(inHeight: number, inWidth: number, filterHeight: number, filterWidth: number, strideHeight: number, strideWidth: number, padding: Padding): Padding2d {
  const fn = 'resolvePadding2d';
  if (padding === 'same') {
    const v = samePadding(inHeight, filterHeight, strideHeight);
    const h = samePadding(inWidth, filterWidth, strideWidth);
    return { top: v.before, bottom: v.after, left: h.before, right: h.after, outHeight: v.outputSize, outWidth: h.outputSize };
  }
  let top: number, bottom: number, left: number, right: number;
  if (padding === 'valid') top = bottom = left = right = 0;
  else if (typeof padding === 'number') top = bottom = left = right = nonNegativeInt(fn, 'padding', padding);
  else if (typeof padding === 'object' && padding !== null) {
    top = nonNegativeInt(fn, 'padding.top', padding.top);
    bottom = nonNegativeInt(fn, 'padding.bottom', padding.bottom);
    left = nonNegativeInt(fn, 'padding.left', padding.left);
    right = nonNegativeInt(fn, 'padding.right', padding.right);
  } else throw new TypeError(`${fn}: expected padding 'valid', 'same', a number or {top, bottom, left, right}, got ${JSON.stringify(padding)}`);
  const hIn = positiveInt(fn, 'inHeight', inHeight), wIn = positiveInt(fn, 'inWidth', inWidth);
  const fh = positiveInt(fn, 'filterHeight', filterHeight), fw = positiveInt(fn, 'filterWidth', filterWidth);
  const sh = positiveInt(fn, 'strideHeight', strideHeight), sw = positiveInt(fn, 'strideWidth', strideWidth);
  if (fh > hIn + top + bottom) throw new RangeError(`${fn}: expected filterHeight <= padded height ${hIn + top + bottom}, got filterHeight = ${fh}`);
  if (fw > wIn + left + right) throw new RangeError(`${fn}: expected filterWidth <= padded width ${wIn + left + right}, got filterWidth = ${fw}`);
  return { top, bottom, left, right, outHeight: Math.floor((hIn + top + bottom - fh) / sh) + 1, outWidth: Math.floor((wIn + left + right - fw) / sw) + 1 };
}

/**
 * Learnable parameters of a 2-D convolution layer: (F_h F_w C_in + 1) C_out with a bias, F_h F_w C_in C_out without.
 * Independent of the input's height and width: that is weight sharing.
 */
export function conv2dParamCount(filterHeight: number, filterWidth: number, inChannels: number, outChannels: number, useBias = true): number {
  const fn = 'conv2dParamCount';
  const fh = positiveInt(fn, 'filterHeight', filterHeight), fw = positiveInt(fn, 'filterWidth', filterWidth);
  const cin = positiveInt(fn, 'inChannels', inChannels), cout = positiveInt(fn, 'outChannels', outChannels);
  return (fh * fw * cin + (useBias ? 1 : 0)) * cout;
}

/**
 * Learnable parameters of a depthwise-separable convolution: a depthwise F_h x F_w filter per input channel
 * (times the depth multiplier M), then a 1 x 1 pointwise convolution to C_out channels, plus C_out biases:
 * F_h F_w C_in M + C_in M C_out + C_out.
 */
export function separableConv2dParamCount(filterHeight: number, filterWidth: number, inChannels: number, outChannels: number, depthMultiplier = 1, useBias = true): number {
  const fn = 'separableConv2dParamCount';
  const fh = positiveInt(fn, 'filterHeight', filterHeight), fw = positiveInt(fn, 'filterWidth', filterWidth);
  const cin = positiveInt(fn, 'inChannels', inChannels), cout = positiveInt(fn, 'outChannels', outChannels);
  const m = positiveInt(fn, 'depthMultiplier', depthMultiplier);
  return fh * fw * cin * m + cin * m * cout + (useBias ? cout : 0);
}

/** Learnable parameters of a dense (fully connected) layer: (n_in + 1) n_out with a bias. */
export function denseParamCount(inputs: number, outputs: number, useBias = true): number {
  const fn = 'denseParamCount';
  return (positiveInt(fn, 'inputs', inputs) + (useBias ? 1 : 0)) * positiveInt(fn, 'outputs', outputs);
}

/** One layer of a stack as the receptive-field recurrence sees it (convolution or pooling alike). */
export interface WindowLayer {
  /** Window size k (square windows; for a 1-D view of one axis). */
  kernel: number;
  /** Stride s (default 1). */
  stride?: number;
  /** Dilation d (default 1). */
  dilation?: number;
  /** Zeros padded before the input on this axis (default 0); only moves the window's centre, not its size. */
  padding?: number;
}

/** The receptive field after each layer. */
export interface ReceptiveFieldStep {
  /** Input pixels (along one axis) that one unit of this layer sees: r_l. */
  size: number;
  /** Distance in input pixels between neighbouring units of this layer (the product of the strides): j_l. */
  jump: number;
  /** Input coordinate of the centre of the first unit's window (may be negative with padding): c_l. */
  start: number;
}

/**
 * Receptive field of each layer of a stack, along one axis, by the recurrence
 * r_l = r_{l-1} + (k_l - 1) d_l j_{l-1},  j_l = j_{l-1} s_l,  c_l = c_{l-1} + ((d_l (k_l - 1)) / 2 - p_l) j_{l-1},
 * starting from the input r_0 = 1, j_0 = 1, c_0 = 0 (pixel centres at 0, 1, 2, ...).
 * @returns one step per layer (the last one is the network's receptive field)
 */
export function receptiveField(layers: readonly WindowLayer[]): ReceptiveFieldStep[] {
  const fn = 'receptiveField';
  if (!Array.isArray(layers)) throw new TypeError(`${fn}: expected an array of layers, got ${typeof layers}`);
  let size = 1, jump = 1, start = 0;
  const out: ReceptiveFieldStep[] = [];
  layers.forEach((layer, i) => {
    if (typeof layer !== 'object' || layer === null) throw new TypeError(`${fn}: expected layer ${i} to be {kernel, stride?, dilation?, padding?}`);
    const k = positiveInt(fn, `layers[${i}].kernel`, layer.kernel);
    const s = positiveInt(fn, `layers[${i}].stride`, layer.stride ?? 1);
    const d = positiveInt(fn, `layers[${i}].dilation`, layer.dilation ?? 1);
    const p = nonNegativeInt(fn, `layers[${i}].padding`, layer.padding ?? 0);
    size += (k - 1) * d * jump;
    start += ((d * (k - 1)) / 2 - p) * jump;
    jump *= s;
    out.push({ size, jump, start });
  });
  return out;
}

/**
 * Closed form of the receptive field of a stack: r = 1 + sum_l (k_l - 1) d_l prod_{i<l} s_i.
 * The same number as the last step of {@link receptiveField}.
 */
export function receptiveFieldSize(layers: readonly WindowLayer[]): number {
  receptiveField(layers); // validates
  let r = 1, stridesSoFar = 1;
  for (const layer of layers) {
    r += (layer.kernel - 1) * (layer.dilation ?? 1) * stridesSoFar;
    stridesSoFar *= layer.stride ?? 1;
  }
  return r;
}
