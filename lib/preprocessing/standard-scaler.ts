// Standardisation z = (x - mean) / std per column, with mean and std learned on the training data only (fit), then reused (transform).
import { asFittedInput, asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

export interface StandardScalerOptions {
  /** Subtract each column's training mean. */
  withMean: boolean;
  /** Divide each column by its training standard deviation. */
  withStd: boolean;
  /**
   * Delta degrees of freedom of the standard deviation, sqrt(sum (x - mean)^2 / (n - ddof)): 0 (default) is the
   * population standard deviation, as scikit-learn's StandardScaler uses; 1 the sample one.
   */
  ddof: 0 | 1;
}

export const standardScalerDefaults: Readonly<StandardScalerOptions> = { withMean: true, withStd: true, ddof: 0 };

/**
 * Learns per-column statistics on a training matrix and applies the same affine map to any matrix with those columns:
 *   z_ij = (x_ij - mean_j) / scale_j.
 * Fit it on the training rows only: statistics computed on data that includes the test rows leak information about
 * the test set into the model. A column that is constant in the training data gets scale 1 (it is only centred),
 * as in scikit-learn, so transform never divides by zero.
 *
 * @example
 * const scaler = new StandardScaler().fit(xTrain);   // xTrain: n x d
 * const zTrain = scaler.transform(xTrain);           // columns have mean 0, std 1
 * const zTest = scaler.transform(xTest);             // same map; test columns are only roughly standardised
 */
export class StandardScaler {
  readonly options: Readonly<StandardScalerOptions>;
  /** Length d after fit: the training column means (zeros when withMean is false). */
  mean: Float64Array = new Float64Array(0);
  /** Length d after fit: the training column standard deviations (ones when withStd is false; 1 for a constant column). */
  scale: Float64Array = new Float64Array(0);
  /** Length d after fit: the training column variances, sum (x - mean)^2 / (n - ddof), before the constant-column fix. */
  variance: Float64Array = new Float64Array(0);
  /** Rows seen by fit. */
  nSamples = 0;
  private fitted = false;

  constructor(options: Partial<StandardScalerOptions> = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`expected an options object, got ${options === null ? 'null' : typeof options}`);
    const o = { ...standardScalerDefaults, ...options };
    if (typeof o.withMean !== 'boolean' || typeof o.withStd !== 'boolean') throw new TypeError('expected boolean withMean and withStd options');
    if (o.ddof !== 0 && o.ddof !== 1) throw new RangeError(`expected ddof 0 or 1, got ddof = ${String(o.ddof)}`);
    this.options = o;
  }

  /** Number of columns seen by fit (0 before fit). */
  get nFeatures(): number {
    return this.mean.length;
  }

  /**
   * Learns the column means and standard deviations.
   * @param x - n x d row-major training features (n >= 1, and n >= 2 when ddof = 1 and withStd)
   */
  fit(x: MatrixLike): this {
    const X = asMatrix(x, 'x');
    const n = X.rows, d = X.cols, data = X.data;
    if (n === 0) throw new RangeError('expected at least 1 sample, got 0');
    if (d === 0) throw new RangeError('expected at least 1 feature, got 0');
    const { withMean, withStd, ddof } = this.options;
    if (withStd && n - ddof < 1) throw new RangeError(`expected more than ${ddof} samples for the standard deviation with ddof = ${ddof}, got ${n}`);
    const means = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j] += data[i * d + j];
    for (let j = 0; j < d; j++) means[j] /= n;
    // two-pass variance: sum of squared deviations from the mean (no cancellation as in E[x^2] - E[x]^2)
    const variance = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const e = data[i * d + j] - means[j];
        variance[j] += e * e;
      }
    }
    const scale = new Float64Array(d).fill(1);
    for (let j = 0; j < d; j++) {
      variance[j] = n - ddof > 0 ? variance[j] / (n - ddof) : 0;
      if (withStd) {
        // A constant column is centred but not divided. "Constant" allows for the round-off of summing n copies of
        // the mean: variance <= (n eps mean)^2, scikit-learn's test, so [0.1, 0.1, 0.1] counts and [1e-14, 2e-14] does not.
        const bound = n * Number.EPSILON * means[j];
        scale[j] = variance[j] > bound * bound ? Math.sqrt(variance[j]) : 1;
      }
    }
    this.mean = withMean ? means : new Float64Array(d);
    this.scale = scale;
    this.variance = variance;
    this.nSamples = n;
    this.fitted = true;
    return this;
  }

  /**
   * (x - mean) / scale with the statistics learned by fit.
   * @param x - m x d row-major, the same d columns as in fit
   * @returns m x d
   */
  transform(x: MatrixLike): Matrix {
    this.check();
    const d = this.nFeatures;
    const X = asFittedInput(x, d);
    const out = matrix(X.rows, d);
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < d; j++) out.data[i * d + j] = (X.data[i * d + j] - this.mean[j]) / this.scale[j];
    return out;
  }

  /** fit(x) then transform(x). @param x - n x d @returns n x d */
  fitTransform(x: MatrixLike): Matrix {
    return this.fit(x).transform(x);
  }

  /**
   * Undoes transform: z * scale + mean (e.g. to report a standardised model's predictions in original units).
   * @param z - m x d
   * @returns m x d
   */
  inverseTransform(z: MatrixLike): Matrix {
    this.check();
    const d = this.nFeatures;
    const Z = asFittedInput(z, d, 'z');
    const out = matrix(Z.rows, d);
    for (let i = 0; i < Z.rows; i++) for (let j = 0; j < d; j++) out.data[i * d + j] = Z.data[i * d + j] * this.scale[j] + this.mean[j];
    return out;
  }

  private check(): void {
    if (!this.fitted) throw new Error('StandardScaler: call fit(x) on the training data first');
  }
}
