// 4-D arrays in NHWC layout (batch, height, width, channels), row-major exactly like tfjs: construction and checks.

/**
 * A 4-D array stored row-major. For images the layout is NHWC: element (n, h, w, c) is
 * `data[((n * H + h) * W + w) * C + c]`, the same order as a tfjs `Tensor4D` with `dataFormat: 'channelsLast'`, so
 * `tensor.dataSync()` and `data` line up one to one. Convolution filters use tfjs's HWIO layout
 * `[filterHeight, filterWidth, inChannels, outChannels]` in the same structure.
 */
export interface Tensor4 {
  readonly shape: readonly [number, number, number, number];
  readonly data: Float64Array;
}

/** Shape of a 4-D array. */
export type Shape4 = readonly [number, number, number, number];

function checkShape(shape: unknown, name: string): Shape4 {
  if (!Array.isArray(shape) || shape.length !== 4) throw new TypeError(`expected ${name} to be a 4-D shape [n, h, w, c], got ${JSON.stringify(shape)}`);
  for (let i = 0; i < 4; i++) {
    const v: unknown = shape[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`expected ${name}[${i}] to be an integer >= 1, got ${String(v)}`);
  }
  return [shape[0], shape[1], shape[2], shape[3]] as Shape4;
}

/**
 * A new 4-D array: zeros, or a Float64Array copy of `data` (any array-like of numbers, e.g. tfjs `dataSync()`).
 * @throws RangeError when the shape has a non-positive or fractional size, `data` has the wrong length, or a NaN
 */
export function tensor4(shape: readonly number[], data?: ArrayLike<number>): Tensor4 {
  const s = checkShape(shape, 'shape');
  const size = s[0] * s[1] * s[2] * s[3];
  if (data === undefined) return { shape: s, data: new Float64Array(size) };
  if (typeof data !== 'object' || data === null || typeof data.length !== 'number') throw new TypeError('expected data to be an array or typed array of numbers');
  if (data.length !== size) throw new RangeError(`expected ${s.join(' x ')} = ${size} values, got ${data.length}`);
  const out = Float64Array.from(data);
  for (let i = 0; i < size; i++) if (Number.isNaN(out[i])) throw new RangeError(`expected numbers, got NaN at index ${i}`);
  return { shape: s, data: out };
}

/**
 * Checks a 4-D array argument (shape and data length; finite values unless `allowNonFinite`).
 * @throws TypeError when `x` is not a {@link Tensor4}
 * @throws RangeError on a bad shape, wrong data length, or a NaN/infinite value
 */
export function asTensor4(x: unknown, name = 'x', allowNonFinite = false): Tensor4 {
  if (typeof x !== 'object' || x === null || !('shape' in x) || !('data' in x)) throw new TypeError(`expected ${name} to be a 4-D array {shape: [n, h, w, c], data: Float64Array}`);
  const t = x as { shape: unknown; data: unknown };
  if (!(t.data instanceof Float64Array)) throw new TypeError(`expected ${name}.data to be a Float64Array (use tensor4(shape, values) to convert)`);
  const s = checkShape(t.shape, `${name}.shape`);
  const size = s[0] * s[1] * s[2] * s[3];
  if (t.data.length !== size) throw new RangeError(`expected ${name}.data of length ${s.join(' x ')} = ${size}, got ${t.data.length}`);
  if (!allowNonFinite) {
    for (let i = 0; i < size; i++) if (!Number.isFinite(t.data[i])) throw new RangeError(`expected finite values in ${name}, got ${t.data[i]} at index ${i}`);
  }
  return { shape: s, data: t.data };
}

/** The flat index of (a, b, c, d) in a row-major array of the given shape. */
export function index4(shape: Shape4, a: number, b: number, c: number, d: number): number {
  return ((a * shape[1] + b) * shape[2] + c) * shape[3] + d;
}

/** One image (or one channel of every image) as rows of numbers, for heatmaps: returns H rows of W values of channel `c` of item `n`. */
export function channelRows(x: Tensor4, n: number, c: number): number[][] {
  const [N, H, W, C] = x.shape;
  if (!Number.isInteger(n) || n < 0 || n >= N) throw new RangeError(`expected 0 <= n < ${N}, got n = ${n}`);
  if (!Number.isInteger(c) || c < 0 || c >= C) throw new RangeError(`expected 0 <= c < ${C}, got c = ${c}`);
  const rows: number[][] = [];
  for (let h = 0; h < H; h++) {
    const r = new Array<number>(W);
    for (let w = 0; w < W; w++) r[w] = x.data[((n * H + h) * W + w) * C + c];
    rows.push(r);
  }
  return rows;
}
