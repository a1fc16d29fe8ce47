// int8 weight quantisation: symmetric absmax (scale = max|x| / 127) and asymmetric zero-point (min..max onto -128..127), per tensor or per row.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

export interface QuantizedMatrix {
  scheme: 'absmax' | 'zero-point';
  rows: number;
  cols: number;
  /** The int8 codes, row-major. */
  q: Int8Array;
  /** One scale per row (perRow) or a single one. */
  scale: Float64Array;
  /** One zero point per row or a single one (always 0 for absmax). */
  zeroPoint: Int32Array;
}

export interface QuantizeOptions {
  /** A scale (and zero point) per row, i.e. per output channel when rows are output units: one outlier spoils one row only. Default false. */
  perRow: boolean;
}

function groups(X: Matrix, perRow: boolean): [number, number][] {
  return perRow ? Array.from({ length: X.rows }, (_, r): [number, number] => [r * X.cols, (r + 1) * X.cols]) : [[0, X.data.length]];
}

/**
 * Symmetric absmax: s = max|x| / 127, q = round(x / s) in [-127, 127], x ≈ q s. Zero maps to 0 exactly;
 * |x - q s| <= s / 2 for every entry. One large outlier inflates s and crushes every small weight of its group.
 */
export function quantizeAbsmax(x: MatrixLike, options: Partial<QuantizeOptions> = {}): QuantizedMatrix {
  const X = asMatrix(x, 'x');
  const gs = groups(X, options.perRow ?? false);
  const out: QuantizedMatrix = { scheme: 'absmax', rows: X.rows, cols: X.cols, q: new Int8Array(X.data.length), scale: new Float64Array(gs.length), zeroPoint: new Int32Array(gs.length) };
  gs.forEach(([a, b], g) => {
    let max = 0;
    for (let i = a; i < b; i++) max = Math.max(max, Math.abs(X.data[i]));
    const s = max > 0 ? max / 127 : 1;
    out.scale[g] = s;
    for (let i = a; i < b; i++) out.q[i] = Math.max(-127, Math.min(127, Math.round(X.data[i] / s)));
  });
  return out;
}

/**
 * Asymmetric (zero-point, "affine") quantisation: the range [lo, hi] = [min(min x, 0), max(max x, 0)] is mapped onto
 * the 256 codes -128..127 with s = (hi - lo) / 255 and z = round(-128 - lo / s); q = clamp(round(x / s) + z), x ≈
 * (q - z) s. It uses all 256 codes for a skewed range (e.g. after a ReLU) where absmax wastes half of them; 0 is
 * still exact, and |x - (q - z) s| <= s / 2.
 */
export function quantizeZeroPoint(x: MatrixLike, options: Partial<QuantizeOptions> = {}): QuantizedMatrix {
  const X = asMatrix(x, 'x');
  const gs = groups(X, options.perRow ?? false);
  const out: QuantizedMatrix = { scheme: 'zero-point', rows: X.rows, cols: X.cols, q: new Int8Array(X.data.length), scale: new Float64Array(gs.length), zeroPoint: new Int32Array(gs.length) };
  gs.forEach(([a, b], g) => {
    let lo = 0, hi = 0;
    for (let i = a; i < b; i++) { lo = Math.min(lo, X.data[i]); hi = Math.max(hi, X.data[i]); }
    const s = hi > lo ? (hi - lo) / 255 : 1;
    const z = Math.round(-128 - lo / s);
    out.scale[g] = s;
    out.zeroPoint[g] = z;
    for (let i = a; i < b; i++) out.q[i] = Math.max(-128, Math.min(127, Math.round(X.data[i] / s) + z));
  });
  return out;
}

/** x ≈ (q - z) s, back to a float matrix. */
export function dequantize(qm: QuantizedMatrix): Matrix {
  const out = matrix(qm.rows, qm.cols);
  for (let i = 0; i < qm.q.length; i++) {
    const g = qm.scale.length === 1 ? 0 : Math.floor(i / qm.cols);
    out.data[i] = (qm.q[i] - qm.zeroPoint[g]) * qm.scale[g];
  }
  return out;
}

/** Round-trip: quantise then dequantise (what a weight looks like to the model after int8 storage). */
export function fakeQuantize(x: MatrixLike, scheme: 'absmax' | 'zero-point', options: Partial<QuantizeOptions> = {}): Matrix {
  return dequantize(scheme === 'absmax' ? quantizeAbsmax(x, options) : quantizeZeroPoint(x, options));
}
