// Principal component analysis: centre (optionally scale), covariance, Jacobi eigendecomposition, project and reconstruct.
import { asFittedInput, asMatrix, columnMeans, columnStd, gram, matrix, symmetricEigen, type Matrix, type MatrixLike } from '../core/matrix';

export interface PCAOptions {
  /** Subtract the column means before the decomposition. */
  center: boolean;
  /** Divide each column by its sample standard deviation (PCA on the correlation matrix). */
  scale: boolean;
  /** Components to keep (default: all d). */
  nComponents: number | undefined;
}

export const pcaDefaults: Readonly<PCAOptions> = { center: true, scale: false, nComponents: undefined };

/**
 * PCA by eigendecomposition of the covariance matrix C = X'^T X' / (n - 1), X' the centred (and optionally scaled) data.
 * The principal components are C's eigenvectors sorted by eigenvalue; each eigenvalue is the variance of the data
 * along its component (the "explained variance"). Component signs are fixed so that each component's largest-magnitude
 * entry is positive (eigenvectors are only defined up to sign).
 */
export class PCA {
  readonly options: Readonly<PCAOptions>;
  /** k x d; row c is the c-th principal axis (unit length). */
  components: Matrix = matrix(0, 0);
  /** Length k: variance along each component (eigenvalues of the covariance matrix), descending. */
  explainedVariance: Float64Array = new Float64Array(0);
  /** Length k: explainedVariance / total variance (the sum over all d eigenvalues). */
  explainedVarianceRatio: Float64Array = new Float64Array(0);
  /** Length d: column means subtracted (zeros when center is false). */
  mean: Float64Array = new Float64Array(0);
  /** Length d: column standard deviations divided by (ones when scale is false). */
  scale: Float64Array = new Float64Array(0);
  /** Sum of the variances of all d (preprocessed) features. */
  totalVariance = 0;
  private fitted = false;

  constructor(options: Partial<PCAOptions> = {}) {
    const o = { ...pcaDefaults, ...options };
    if (typeof o.center !== 'boolean' || typeof o.scale !== 'boolean') throw new TypeError('expected boolean center and scale options');
    if (o.nComponents !== undefined && (!Number.isInteger(o.nComponents) || o.nComponents < 1)) {
      throw new RangeError(`expected nComponents to be a positive integer, got nComponents = ${o.nComponents}`);
    }
    this.options = o;
  }

  /**
   * @param x - n x d row-major, n >= 2
   */
  fit(x: MatrixLike): this {
    const X = asMatrix(x, 'x');
    const n = X.rows, d = X.cols;
    if (n < 2) throw new RangeError(`expected at least 2 samples, got ${n}`);
    if (d < 1) throw new RangeError('expected at least 1 feature, got 0');
    const k = this.options.nComponents ?? d;
    if (k > d) throw new RangeError(`expected nComponents <= ${d} features, got nComponents = ${k}`);
    const means = columnMeans(X);
    const mean = this.options.center ? means : new Float64Array(d);
    const scale = new Float64Array(d).fill(1);
    if (this.options.scale) {
      const std = columnStd(X, 1, means);
      for (let j = 0; j < d; j++) {
        if (std[j] === 0) throw new RangeError(`expected every column to vary when scale is true, got zero standard deviation in column ${j}`);
        scale[j] = std[j];
      }
    }
    const C = gram(this.preprocess(X, mean, scale));
    for (let i = 0; i < C.data.length; i++) C.data[i] /= n - 1;
    const { values, vectors } = symmetricEigen(C);
    let total = 0;
    for (let j = 0; j < d; j++) total += C.data[j * d + j]; // trace = sum of eigenvalues
    const components = matrix(k, d);
    const variance = new Float64Array(k);
    const ratio = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      // column c of `vectors`, sign-fixed
      let argmax = 0;
      for (let j = 1; j < d; j++) if (Math.abs(vectors.data[j * d + c]) > Math.abs(vectors.data[argmax * d + c])) argmax = j;
      const sign = vectors.data[argmax * d + c] < 0 ? -1 : 1;
      for (let j = 0; j < d; j++) components.data[c * d + j] = sign * vectors.data[j * d + c];
      variance[c] = Math.max(values[c], 0); // round-off can leave a tiny negative for a zero eigenvalue
      ratio[c] = total > 0 ? variance[c] / total : 0;
    }
    this.components = components;
    this.explainedVariance = variance;
    this.explainedVarianceRatio = ratio;
    this.mean = mean;
    this.scale = scale;
    this.totalVariance = total;
    this.fitted = true;
    return this;
  }

  private preprocess(X: Matrix, mean: Float64Array, scale: Float64Array): Matrix {
    const d = X.cols;
    const out = matrix(X.rows, d);
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < d; j++) out.data[i * d + j] = (X.data[i * d + j] - mean[j]) / scale[j];
    return out;
  }

  private check(): void {
    if (!this.fitted) throw new Error('PCA: call fit(x) first');
  }

  /**
   * Coordinates of x on the first `nComponents` principal axes: ((x - mean) / scale) components^T.
   * @param x - m x d
   * @returns m x nComponents
   */
  transform(x: MatrixLike, nComponents: number = this.components.rows): Matrix {
    this.check();
    const d = this.components.cols;
    const X = asFittedInput(x, d);
    if (!Number.isInteger(nComponents) || nComponents < 1 || nComponents > this.components.rows) {
      throw new RangeError(`expected 1 <= nComponents <= ${this.components.rows}, got nComponents = ${nComponents}`);
    }
    const k = nComponents;
    const out = matrix(X.rows, k);
    const row = new Float64Array(d);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < d; j++) row[j] = (X.data[i * d + j] - this.mean[j]) / this.scale[j];
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += row[j] * this.components.data[c * d + j];
        out.data[i * k + c] = s;
      }
    }
    return out;
  }

  /**
   * Back from component coordinates to feature space: z components[:k] * scale + mean. With all d components this
   * undoes transform exactly; with fewer it is the best rank-k reconstruction (least squared error).
   * @param z - m x k, k <= nComponents
   * @returns m x d
   */
  inverseTransform(z: MatrixLike): Matrix {
    this.check();
    const Z = asMatrix(z, 'z');
    const k = Z.cols, d = this.components.cols;
    if (k < 1 || k > this.components.rows) throw new RangeError(`expected z with 1 to ${this.components.rows} columns, got ${k}`);
    const out = matrix(Z.rows, d);
    for (let i = 0; i < Z.rows; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += Z.data[i * k + c] * this.components.data[c * d + j];
        out.data[i * d + j] = s * this.scale[j] + this.mean[j];
      }
    }
    return out;
  }
}
