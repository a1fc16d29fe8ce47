// k-nearest-neighbour imputation: a missing value is the mean of that column over the k nearest training rows that have it, by NaN-aware Euclidean distance (like scikit-learn's KNNImputer).
import { asFittedInput, asMatrix, type Matrix, type MatrixLike } from '../core/matrix';

export interface KNNImputerOptions {
  /** Number of donor rows k (>= 1). Default 5, as scikit-learn. */
  k: number;
}

export const knnImputerDefaults: Readonly<KNNImputerOptions> = { k: 5 };

/**
 * NaN-aware Euclidean distance (scikit-learn's nan_euclidean_distances): over the coordinates present in both rows,
 * sqrt(d / p * sum (a_j - b_j)^2) with d coordinates in all and p present in both; NaN when p = 0.
 */
export function nanEuclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`expected rows of equal length, got ${a.length} and ${b.length}`);
  let sum = 0, present = 0;
  for (let j = 0; j < a.length; j++) {
    if (Number.isNaN(a[j]) || Number.isNaN(b[j])) continue;
    const e = a[j] - b[j];
    sum += e * e;
    present++;
  }
  return present === 0 ? NaN : Math.sqrt((a.length / present) * sum);
}

/**
 * Model-based imputation without a model: each missing x_ij is the mean of column j over the k training rows
 * nearest to row i (NaN-aware distance over the other observed columns) among those where column j is observed.
 * Ties in distance go to the earlier training row. A row with no comparable donor gets the training column mean.
 * Scale the columns first: the distance is dominated by the widest column.
 *
 * @example
 * const imp = new KNNImputer({ k: 5 }).fit(xTrain);  // stores xTrain (NaN marks missing)
 * const filled = imp.transform(xTest);
 */
export class KNNImputer {
  readonly options: Readonly<KNNImputerOptions>;
  private train: Matrix | null = null;
  private colMeans = new Float64Array(0);

  constructor(options: Partial<KNNImputerOptions> = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`expected an options object, got ${options === null ? 'null' : typeof options}`);
    const o = { ...knnImputerDefaults, ...options };
    if (!Number.isInteger(o.k) || o.k < 1) throw new RangeError(`expected an integer k >= 1, got k = ${String(o.k)}`);
    this.options = o;
  }

  /**
   * Stores the training rows (the donors) and their column means.
   * @param x - n x d with NaN for missing values
   * @throws RangeError for infinities or a column with no observed value
   */
  fit(x: MatrixLike): this {
    const X = asMatrix(x, 'x', true);
    const { rows: n, cols: d, data } = X;
    if (n === 0 || d === 0) throw new RangeError(`expected at least 1 row and 1 column, got ${n} x ${d}`);
    const means = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let s = 0, c = 0;
      for (let i = 0; i < n; i++) {
        const v = data[i * d + j];
        if (Number.isNaN(v)) continue;
        if (!Number.isFinite(v)) throw new RangeError(`expected finite values or NaN, got ${v} at row ${i}, column ${j}`);
        s += v; c++;
      }
      if (c === 0) throw new RangeError(`expected at least 1 observed value in column ${j}, got only NaN`);
      means[j] = s / c;
    }
    this.train = { rows: n, cols: d, data: Float64Array.from(data) };
    this.colMeans = means;
    return this;
  }

  /**
   * @param x - m x d with NaN for missing values
   * @returns m x d with every NaN replaced
   */
  transform(x: MatrixLike): Matrix {
    const T = this.train;
    if (T === null) throw new Error('KNNImputer: call fit before transform');
    const d = T.cols;
    const X = asFittedInput(x, d, 'x', true);
    const out = Float64Array.from(X.data);
    const dist = new Float64Array(T.rows);
    for (let i = 0; i < X.rows; i++) {
      const rowI = X.data.subarray(i * d, (i + 1) * d);
      if (!rowI.some((v) => Number.isNaN(v))) continue;
      for (let r = 0; r < T.rows; r++) dist[r] = nanEuclidean(rowI, T.data.subarray(r * d, (r + 1) * d));
      for (let j = 0; j < d; j++) {
        if (!Number.isNaN(rowI[j])) continue;
        const donors: number[] = [];
        for (let r = 0; r < T.rows; r++) if (!Number.isNaN(T.data[r * d + j]) && !Number.isNaN(dist[r])) donors.push(r);
        if (donors.length === 0) { out[i * d + j] = this.colMeans[j]; continue; }
        donors.sort((a, b) => dist[a] - dist[b] || a - b);
        const k = Math.min(this.options.k, donors.length);
        let s = 0;
        for (let t = 0; t < k; t++) s += T.data[donors[t] * d + j];
        out[i * d + j] = s / k;
      }
    }
    return { rows: X.rows, cols: d, data: out };
  }

  /** fit then transform on the same rows. */
  fitTransform(x: MatrixLike): Matrix {
    return this.fit(x).transform(x);
  }
}
