// Simple imputation of missing values (NaN) per column with a statistic learned in fit, optionally with missing-indicator columns (like scikit-learn's SimpleImputer).
import { asFittedInput, asMatrix, type Matrix, type MatrixLike } from '../core/matrix';

export interface SimpleImputerOptions {
  /** 'mean' (default), 'median', 'mostFrequent' (the smallest of tied modes) or 'constant' (fillValue). */
  strategy: 'mean' | 'median' | 'mostFrequent' | 'constant';
  /** Value for strategy 'constant'. Default 0. */
  fillValue: number;
  /** Append a 0/1 "was missing" column for every column that had a missing value in fit (scikit-learn's add_indicator). Default false. */
  addIndicator: boolean;
}

export const simpleImputerDefaults: Readonly<SimpleImputerOptions> = { strategy: 'mean', fillValue: 0, addIndicator: false };

/** Median of the finite values of a list (NaN for none). */
function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b), h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Replaces each NaN of column j by a statistic of column j's non-missing training values. Fit it on training rows
 * only (the statistic is a parameter of the model). The missing-indicator columns keep the information that a
 * value was missing, which matters when missingness itself predicts the target (not missing at random).
 *
 * @example
 * const imp = new SimpleImputer({ strategy: 'median', addIndicator: true }).fit(xTrain); // NaN marks missing
 * const z = imp.transform(xTest); // d columns + one indicator per column that had NaN in xTrain
 */
export class SimpleImputer {
  readonly options: Readonly<SimpleImputerOptions>;
  /** Length d after fit: the fill value of each column. */
  statistics: Float64Array = new Float64Array(0);
  /** Columns that had a missing value in fit (they get indicator columns when addIndicator is set). */
  missingColumns: number[] = [];

  constructor(options: Partial<SimpleImputerOptions> = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`expected an options object, got ${options === null ? 'null' : typeof options}`);
    const o = { ...simpleImputerDefaults, ...options };
    if (!['mean', 'median', 'mostFrequent', 'constant'].includes(o.strategy)) throw new RangeError(`expected strategy 'mean', 'median', 'mostFrequent' or 'constant', got ${String(o.strategy)}`);
    if (typeof o.fillValue !== 'number' || !Number.isFinite(o.fillValue)) throw new TypeError(`expected a finite number fillValue, got ${String(o.fillValue)}`);
    if (typeof o.addIndicator !== 'boolean') throw new TypeError('expected a boolean addIndicator');
    this.options = o;
  }

  /** Output columns: d, plus one per missing column with addIndicator. */
  get nOutputs(): number {
    return this.statistics.length + (this.options.addIndicator ? this.missingColumns.length : 0);
  }

  /**
   * Learns the fill value of each column from its non-missing values.
   * @param x - n x d, NaN marks a missing value (infinities are rejected)
   * @throws RangeError when a column has no observed value (except with strategy 'constant')
   */
  fit(x: MatrixLike): this {
    const X = asMatrix(x, 'x', true);
    const { rows: n, cols: d, data } = X;
    if (n === 0 || d === 0) throw new RangeError(`expected at least 1 row and 1 column, got ${n} x ${d}`);
    const stats = new Float64Array(d);
    const missing: number[] = [];
    for (let j = 0; j < d; j++) {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = data[i * d + j];
        if (Number.isNaN(v)) continue;
        if (!Number.isFinite(v)) throw new RangeError(`expected finite values or NaN, got ${v} at row ${i}, column ${j}`);
        seen.push(v);
      }
      if (seen.length < n) missing.push(j);
      const s = this.options.strategy;
      if (s === 'constant') { stats[j] = this.options.fillValue; continue; }
      if (seen.length === 0) throw new RangeError(`expected at least 1 observed value in column ${j}, got only NaN`);
      if (s === 'mean') stats[j] = seen.reduce((a, b) => a + b, 0) / seen.length;
      else if (s === 'median') stats[j] = median(seen);
      else {
        const counts = new Map<number, number>();
        for (const v of seen) counts.set(v, (counts.get(v) ?? 0) + 1);
        let best = NaN, bestCount = 0;
        for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v < best)) { best = v; bestCount = c; }
        stats[j] = best;
      }
    }
    this.statistics = stats;
    this.missingColumns = missing;
    return this;
  }

  /**
   * @param x - m x d with NaN for missing values
   * @returns m x nOutputs: the d imputed columns, then the indicator columns (in column order) when addIndicator
   */
  transform(x: MatrixLike): Matrix {
    if (this.statistics.length === 0) throw new Error('SimpleImputer: call fit before transform');
    const d = this.statistics.length;
    const X = asFittedInput(x, d, 'x', true);
    const p = this.nOutputs, ind = this.options.addIndicator ? this.missingColumns : [];
    const out = new Float64Array(X.rows * p);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < d; j++) {
        const v = X.data[i * d + j];
        if (!Number.isNaN(v) && !Number.isFinite(v)) throw new RangeError(`expected finite values or NaN, got ${v} at row ${i}, column ${j}`);
        out[i * p + j] = Number.isNaN(v) ? this.statistics[j] : v;
      }
      ind.forEach((j, t) => { out[i * p + d + t] = Number.isNaN(X.data[i * d + j]) ? 1 : 0; });
    }
    return { rows: X.rows, cols: p, data: out };
  }

  /** fit then transform on the same rows. */
  fitTransform(x: MatrixLike): Matrix {
    return this.fit(x).transform(x);
  }
}
