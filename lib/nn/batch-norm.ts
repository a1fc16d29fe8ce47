// Batch normalisation from scratch: forward (batch statistics when training, running averages at inference) and the backward pass.
import { asMatrix, asVector, type Matrix, type MatrixLike } from '../core/matrix';

export interface BatchNormOptions {
  /** Added to the variance before the square root. Default 1e-5 (PyTorch's; Keras uses 1e-3). */
  eps: number;
  /** Running statistics: running = momentum * running + (1 - momentum) * batch. Default 0.9 (Keras: 0.99). */
  momentum: number;
}

export const batchNormDefaults: Readonly<BatchNormOptions> = { eps: 1e-5, momentum: 0.9 };

/** What the backward pass needs from the forward pass. */
export interface BatchNormCache {
  /** n x d normalised inputs (x - mean) / sqrt(var + eps). */
  xHat: Matrix;
  /** Length d: 1 / sqrt(var + eps). */
  invStd: Float64Array;
  /** Length d. */
  gamma: Float64Array;
  /** Length d: the batch mean and (biased, divide-by-n) variance. */
  mean: Float64Array;
  variance: Float64Array;
}

function checkEps(eps: number): number {
  if (typeof eps !== 'number' || !(eps > 0) || !Number.isFinite(eps)) throw new RangeError(`expected eps > 0, got eps = ${eps}`);
  return eps;
}

/**
 * Training-mode batch norm over the rows of x, per column (feature) j:
 *   mu_j = mean_i x_ij,  var_j = mean_i (x_ij - mu_j)^2,  xhat_ij = (x_ij - mu_j) / sqrt(var_j + eps),
 *   y_ij = gamma_j xhat_ij + beta_j.
 * For images (n, h, w, c), reshape to (n h w) x c first: each channel is one column.
 * @param x - n x d, n >= 1
 * @param gamma - length d scale
 * @param beta - length d shift
 * @returns y (n x d) and the cache for batchNormBackward
 */
export function batchNormForward(x: MatrixLike, gamma: ArrayLike<number>, beta: ArrayLike<number>, eps = batchNormDefaults.eps): { output: Matrix; cache: BatchNormCache } {
  checkEps(eps);
  const X = asMatrix(x, 'x');
  const n = X.rows, d = X.cols;
  if (n === 0) throw new RangeError('expected at least 1 sample in the batch, got 0');
  const g = asVector(gamma, 'gamma', d).slice();
  const b = asVector(beta, 'beta', d);
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X.data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) variance[j] += (X.data[i * d + j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) variance[j] /= n;
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const xHat = new Float64Array(n * d);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const h = (X.data[i * d + j] - mean[j]) * invStd[j];
      xHat[i * d + j] = h;
      out[i * d + j] = g[j] * h + b[j];
    }
  }
  return { output: { rows: n, cols: d, data: out }, cache: { xHat: { rows: n, cols: d, data: xHat }, invStd, gamma: g, mean, variance } };
}

/**
 * Backward pass of batchNormForward. With dy = dL/dy (n x d), per column:
 *   dbeta = sum_i dy_i,   dgamma = sum_i dy_i xhat_i,
 *   dx_i = gamma / (n sqrt(var + eps)) * ( n dy_i - sum_k dy_k - xhat_i sum_k dy_k xhat_k ).
 * The two subtracted sums come from mu and var depending on every row of the batch.
 * @param gradOutput - n x d
 * @returns dx (n x d), dGamma and dBeta (length d)
 */
export function batchNormBackward(gradOutput: MatrixLike, cache: BatchNormCache): { dx: Matrix; dGamma: Float64Array; dBeta: Float64Array } {
  const G = asMatrix(gradOutput, 'gradOutput');
  const { xHat, invStd, gamma } = cache;
  const n = xHat.rows, d = xHat.cols;
  if (G.rows !== n || G.cols !== d) throw new RangeError(`expected gradOutput of shape ${n} x ${d} (as the forward output), got ${G.rows} x ${G.cols}`);
  const dBeta = new Float64Array(d);
  const dGamma = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const dy = G.data[i * d + j];
      dBeta[j] += dy;
      dGamma[j] += dy * xHat.data[i * d + j];
    }
  }
  const dx = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      dx[k] = ((gamma[j] * invStd[j]) / n) * (n * G.data[k] - dBeta[j] - xHat.data[k] * dGamma[j]);
    }
  }
  return { dx: { rows: n, cols: d, data: dx }, dGamma, dBeta };
}

/**
 * Inference-mode batch norm: the same affine map with fixed statistics (the running averages), so a prediction
 * does not depend on the other rows of its batch. y = gamma (x - mean) / sqrt(var + eps) + beta.
 * @param x - n x d
 */
export function batchNormInference(x: MatrixLike, gamma: ArrayLike<number>, beta: ArrayLike<number>, mean: ArrayLike<number>, variance: ArrayLike<number>, eps = batchNormDefaults.eps): Matrix {
  checkEps(eps);
  const X = asMatrix(x, 'x');
  const d = X.cols;
  const g = asVector(gamma, 'gamma', d), b = asVector(beta, 'beta', d);
  const mu = asVector(mean, 'mean', d), v = asVector(variance, 'variance', d);
  const out = new Float64Array(X.rows * d);
  for (let j = 0; j < d; j++) {
    if (!(v[j] >= 0)) throw new RangeError(`expected non-negative variances, got variance[${j}] = ${v[j]}`);
  }
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = (g[j] * (X.data[i * d + j] - mu[j])) / Math.sqrt(v[j] + eps) + b[j];
  }
  return { rows: X.rows, cols: d, data: out };
}

/** A batch-norm layer with learnable gamma, beta and running statistics for inference. */
export class BatchNorm {
  readonly options: Readonly<BatchNormOptions>;
  gamma: Float64Array;
  beta: Float64Array;
  runningMean: Float64Array;
  /** Running average of the biased batch variance (as Keras; PyTorch tracks the unbiased one). */
  runningVar: Float64Array;
  /** Gradients from the last backward pass. */
  dGamma: Float64Array;
  dBeta: Float64Array;
  private cache: BatchNormCache | null = null;

  /** @param d - number of features (columns) */
  constructor(d: number, options: Partial<BatchNormOptions> = {}) {
    if (!Number.isInteger(d) || d < 1) throw new RangeError(`expected d >= 1 features, got d = ${d}`);
    const o = { ...batchNormDefaults, ...options };
    checkEps(o.eps);
    if (!(o.momentum >= 0 && o.momentum < 1)) throw new RangeError(`expected momentum in [0, 1), got momentum = ${o.momentum}`);
    this.options = o;
    this.gamma = new Float64Array(d).fill(1);
    this.beta = new Float64Array(d);
    this.runningMean = new Float64Array(d);
    this.runningVar = new Float64Array(d).fill(1);
    this.dGamma = new Float64Array(d);
    this.dBeta = new Float64Array(d);
  }

  /** Training: normalise with the batch statistics and update the running ones. Inference: use the running ones. */
  forward(x: MatrixLike, training = true): Matrix {
    if (!training) return batchNormInference(x, this.gamma, this.beta, this.runningMean, this.runningVar, this.options.eps);
    const { output, cache } = batchNormForward(x, this.gamma, this.beta, this.options.eps);
    const m = this.options.momentum;
    for (let j = 0; j < this.gamma.length; j++) {
      this.runningMean[j] = m * this.runningMean[j] + (1 - m) * cache.mean[j];
      this.runningVar[j] = m * this.runningVar[j] + (1 - m) * cache.variance[j];
    }
    this.cache = cache;
    return output;
  }

  /** dL/dx for the last training-mode forward pass; stores dGamma and dBeta. */
  backward(gradOutput: MatrixLike): Matrix {
    if (!this.cache) throw new Error('BatchNorm: call forward(x, true) before backward');
    const { dx, dGamma, dBeta } = batchNormBackward(gradOutput, this.cache);
    this.dGamma = dGamma;
    this.dBeta = dBeta;
    return dx;
  }
}
