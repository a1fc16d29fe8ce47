// Quantile binning of feature columns for histogram split finding (as LightGBM and scikit-learn's HistGradientBoosting do it).
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix';

/** The code given to a missing (NaN) value: one past the largest possible bin. */
export const MISSING_BIN = 255;

export interface QuantileBinOptions {
  /** Bins for the non-missing values of each feature, 2..255 (the missing values get their own bin, {@link MISSING_BIN}). */
  maxBins: number;
}

export const quantileBinDefaults: Readonly<QuantileBinOptions> = { maxBins: 255 };

/**
 * The bin thresholds of one column, following scikit-learn's `_find_binning_thresholds`: NaNs dropped; with at most
 * maxBins distinct values, the midpoints between consecutive distinct values; otherwise the maxBins - 1 inner
 * percentiles 100 k / maxBins (k = 1..maxBins-1) with numpy's "midpoint" method. Thresholds may repeat (empty bins).
 * A value x falls in bin b when thresholds[b-1] < x <= thresholds[b].
 */
export function columnThresholds(values: ArrayLike<number>, maxBins: number): Float64Array {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept.push(values[i]);
  const sorted = Float64Array.from(kept).sort();
  const n = sorted.length;
  if (n === 0) return new Float64Array(0);
  const distinct: number[] = [sorted[0]];
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= maxBins) {
    const out = new Float64Array(distinct.length - 1);
    for (let k = 0; k < out.length; k++) out[k] = (distinct[k] + distinct[k + 1]) * 0.5;
    return out;
  }
  const out = new Float64Array(maxBins - 1);
  const step = 100 / maxBins; // numpy.linspace(0, 100, maxBins + 1)[k] = k * step
  for (let k = 1; k < maxBins; k++) {
    const r = (n - 1) * ((k * step) / 100); // numpy's "midpoint" virtual index, in its floating-point order
    const lo = Math.floor(r), hi = Math.ceil(r);
    out[k - 1] = lo === hi ? sorted[lo] : 0.5 * (sorted[lo] + sorted[hi]);
  }
  return out;
}

/** The bin of x: the first b with x <= thresholds[b] (thresholds.length for x above them all); NaN gives MISSING_BIN. */
export function binOf(x: number, thresholds: Float64Array): number {
  if (Number.isNaN(x)) return MISSING_BIN;
  let lo = 0, hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= thresholds[mid]) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** Bin thresholds learned on training columns; maps any matrix with the same columns to bin codes. */
export class QuantileBinner {
  readonly options: Readonly<QuantileBinOptions>;
  /** thresholds[f]: the sorted thresholds of feature f (length = its number of bins - 1). */
  thresholds: Float64Array[] = [];

  constructor(options: Partial<QuantileBinOptions> = {}) {
    const o = { ...quantileBinDefaults, ...options };
    if (!Number.isInteger(o.maxBins) || o.maxBins < 2 || o.maxBins > 255) throw new RangeError(`expected maxBins to be an integer in [2, 255], got maxBins = ${o.maxBins}`);
    this.options = o;
  }

  /** @param x - n x d row-major; NaN marks a missing value (infinities are rejected) */
  fit(x: MatrixLike): this {
    const X = asMatrix(x, 'x', true);
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    for (let i = 0; i < X.data.length; i++) {
      if (X.data[i] === Infinity || X.data[i] === -Infinity) throw new RangeError(`expected finite values or NaN in x, got ${X.data[i]} at row ${Math.floor(i / X.cols)}, column ${i % X.cols}`);
    }
    const col = new Float64Array(X.rows);
    this.thresholds = [];
    for (let f = 0; f < X.cols; f++) {
      for (let i = 0; i < X.rows; i++) col[i] = X.data[i * X.cols + f];
      this.thresholds.push(columnThresholds(col, this.options.maxBins));
    }
    return this;
  }

  /** Number of non-missing bins of each feature. */
  get nBins(): Int32Array {
    return Int32Array.from(this.thresholds, (t) => t.length + 1);
  }

  /** @param x - m x d; @returns m x d bin codes, row-major (MISSING_BIN for NaN) */
  transform(x: MatrixLike): Uint8Array {
    if (this.thresholds.length === 0) throw new Error('QuantileBinner: call fit(x) before transform');
    const X: Matrix = asMatrix(x, 'x', true);
    const d = this.thresholds.length;
    if (X.cols !== d) throw new RangeError(`expected x with ${d} columns (as in fit), got ${X.cols}`);
    const out = new Uint8Array(X.rows * d);
    for (let i = 0; i < X.rows; i++) for (let f = 0; f < d; f++) out[i * d + f] = binOf(X.data[i * d + f], this.thresholds[f]);
    return out;
  }
}
