// Softmax (multinomial logistic) regression: stable log-sum-exp softmax, cross-entropy with gradient P - Y, batch gradient descent.
import { asFittedInput, asMatrix, asVector, matmul, matrix, transpose, type Matrix, type MatrixLike } from '../core/matrix';

export interface SoftmaxRegressionOptions {
  /** Gradient-descent step size. */
  learningRate: number;
  /** Full-batch gradient-descent steps. */
  epochs: number;
  /** L2 penalty: adds lambda/(2n) ||W||_F^2 to the loss (biases are not penalised). */
  lambda: number;
  /** Fit a bias per class. */
  fitIntercept: boolean;
  /** Stop early once the gradient's largest entry is below this (0 = run every epoch). */
  tolerance: number;
  /** Number of classes K; default: 1 + the largest label seen in fit. */
  nClasses: number | undefined;
}

export const softmaxRegressionDefaults: Readonly<SoftmaxRegressionOptions> = {
  learningRate: 0.1,
  epochs: 1000,
  lambda: 0,
  fitIntercept: true,
  tolerance: 0,
  nClasses: undefined,
};

/** log(sum_k e^{v_k}) computed as m + log(sum_k e^{v_k - m}) with m = max v, so nothing overflows. */
export function logSumExp(v: ArrayLike<number>): number {
  if (v.length === 0) throw new RangeError('expected at least 1 value, got 0');
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i] - m);
  return m + Math.log(s);
}

/**
 * Row-wise softmax, p_k = e^{z_k - logsumexp(z)}: stable for any finite logits (e.g. 1000 and 1001).
 * @param z - n x K logits
 * @returns n x K probabilities (each row sums to 1)
 */
export function softmax(z: MatrixLike): Matrix {
  const Z = asMatrix(z, 'z');
  const out = matrix(Z.rows, Z.cols);
  const K = Z.cols;
  for (let i = 0; i < Z.rows; i++) {
    // e^{z_k - m} / sum_j e^{z_j - m} with m = max z: the same as e^{z_k - logsumexp(z)}, and every exponent is <= 0.
    const base = i * K;
    let m = -Infinity;
    for (let k = 0; k < K; k++) if (Z.data[base + k] > m) m = Z.data[base + k];
    let s = 0;
    for (let k = 0; k < K; k++) s += (out.data[base + k] = Math.exp(Z.data[base + k] - m));
    for (let k = 0; k < K; k++) out.data[base + k] /= s;
  }
  return out;
}

/** Checks integer labels in 0..K-1 (K inferred as max + 1 when not given) and returns them as an Int32Array. */
export function asClassLabels(labels: unknown, n: number, nClasses?: number): { labels: Int32Array; nClasses: number } {
  if (!Array.isArray(labels) && !(ArrayBuffer.isView(labels) && !(labels instanceof DataView))) {
    throw new TypeError(`expected labels to be an array of class indices, got ${labels === null ? 'null' : typeof labels}`);
  }
  const arr = labels as ArrayLike<unknown>;
  if (arr.length !== n) throw new RangeError(`expected labels to have ${n} values (one per sample), got ${arr.length}`);
  const out = new Int32Array(n);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v !== 'number') throw new TypeError(`expected numeric class labels, got ${typeof v} at index ${i}`);
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`expected class labels to be integers >= 0, got ${v} at index ${i}`);
    if (nClasses !== undefined && v >= nClasses) throw new RangeError(`expected class labels < nClasses = ${nClasses}, got ${v} at index ${i}`);
    out[i] = v;
    if (v > max) max = v;
  }
  return { labels: out, nClasses: nClasses ?? max + 1 };
}

export interface SoftmaxLossAndGradient {
  /** Mean cross-entropy -mean_i log p_{i, y_i} + lambda/(2n) ||W||_F^2. */
  loss: number;
  /** dLoss/dW, d x K: X^T (P - Y) / n + lambda W / n, with Y the one-hot labels. */
  gradWeights: Matrix;
  /** dLoss/db, length K: the column means of P - Y. */
  gradBias: Float64Array;
}

/**
 * Cross-entropy of softmax(X W + b) and its gradient. Per sample the loss is logsumexp(z) - z_y, and
 * dCE/dz = p - onehot(y), so the weight gradient is X^T (P - Y) / n.
 * @param x - n x d row-major features
 * @param labels - length n class indices in 0..K-1
 * @param weights - d x K
 * @param bias - length K
 */
export function softmaxLossAndGradient(x: MatrixLike, labels: ArrayLike<number>, weights: MatrixLike, bias: ArrayLike<number>, lambda = 0): SoftmaxLossAndGradient {
  const X = asMatrix(x, 'x');
  const W = asMatrix(weights, 'weights');
  if (W.rows !== X.cols) throw new RangeError(`expected weights with ${X.cols} rows (one per feature), got ${W.rows}`);
  const b = asVector(bias, 'bias', W.cols);
  const { labels: Y } = asClassLabels(labels, X.rows, W.cols);
  return lossAndGradient(X, Y, W, b, lambda);
}

function lossAndGradient(X: Matrix, Y: Int32Array, W: Matrix, b: Float64Array, lambda: number): SoftmaxLossAndGradient {
  const n = X.rows, K = W.cols;
  const Z = matmul(X, W); // n x K logits, then turned into P - Y in place
  const G = Z.data;
  let loss = 0;
  const gradBias = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const base = i * K;
    for (let k = 0; k < K; k++) G[base + k] += b[k];
    const lse = logSumExp(G.subarray(base, base + K));
    loss += lse - G[base + Y[i]];
    for (let k = 0; k < K; k++) G[base + k] = Math.exp(G[base + k] - lse);
    G[base + Y[i]] -= 1;
    for (let k = 0; k < K; k++) gradBias[k] += G[base + k];
  }
  const gradWeights = matmul(transpose(X), Z); // X^T (P - Y), d x K
  let penalty = 0;
  for (let j = 0; j < gradWeights.data.length; j++) {
    penalty += W.data[j] * W.data[j];
    gradWeights.data[j] = (gradWeights.data[j] + lambda * W.data[j]) / n;
  }
  for (let k = 0; k < K; k++) gradBias[k] /= n;
  return { loss: (loss + 0.5 * lambda * penalty) / n, gradWeights, gradBias };
}

/**
 * Multinomial logistic regression P(y = k | x) = softmax(x W + b)_k, fitted by full-batch gradient descent on the
 * mean cross-entropy. Starts from W = 0, b = 0 (deterministic; no seed needed).
 */
export class SoftmaxRegression {
  readonly options: Readonly<SoftmaxRegressionOptions>;
  /** d x K after fit. */
  weights: Matrix = matrix(0, 0);
  /** Length K after fit. */
  bias: Float64Array = new Float64Array(0);
  nClasses = 0;
  lossHistory: Float64Array = new Float64Array(0);
  epochsRun = 0;
  private fitted = false;

  constructor(options: Partial<SoftmaxRegressionOptions> = {}) {
    const o = { ...softmaxRegressionDefaults, ...options };
    if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new RangeError(`expected learningRate > 0, got learningRate = ${o.learningRate}`);
    if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`expected a positive integer number of epochs, got epochs = ${o.epochs}`);
    if (!(o.lambda >= 0) || !Number.isFinite(o.lambda)) throw new RangeError(`expected lambda >= 0, got lambda = ${o.lambda}`);
    if (!(o.tolerance >= 0)) throw new RangeError(`expected tolerance >= 0, got tolerance = ${o.tolerance}`);
    if (o.nClasses !== undefined && (!Number.isInteger(o.nClasses) || o.nClasses < 2)) throw new RangeError(`expected nClasses >= 2, got nClasses = ${o.nClasses}`);
    this.options = o;
  }

  /**
   * @param x - n x d row-major features
   * @param labels - length n class indices in 0..K-1
   */
  fit(x: MatrixLike, labels: ArrayLike<number>): this {
    const X = asMatrix(x, 'x');
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    const { labels: Y, nClasses } = asClassLabels(labels, X.rows, this.options.nClasses);
    if (nClasses < 2) throw new RangeError(`expected at least 2 classes, got ${nClasses}`);
    const { learningRate, epochs, lambda, fitIntercept, tolerance } = this.options;
    const W = matrix(X.cols, nClasses);
    const b = new Float64Array(nClasses);
    const history = new Float64Array(epochs);
    let epoch = 0;
    for (; epoch < epochs; epoch++) {
      const { loss, gradWeights, gradBias } = lossAndGradient(X, Y, W, b, lambda);
      history[epoch] = loss;
      let maxGrad = 0;
      for (let j = 0; j < W.data.length; j++) maxGrad = Math.max(maxGrad, Math.abs(gradWeights.data[j]));
      if (fitIntercept) for (let k = 0; k < nClasses; k++) maxGrad = Math.max(maxGrad, Math.abs(gradBias[k]));
      if (tolerance > 0 && maxGrad < tolerance) { epoch++; break; }
      for (let j = 0; j < W.data.length; j++) W.data[j] -= learningRate * gradWeights.data[j];
      if (fitIntercept) for (let k = 0; k < nClasses; k++) b[k] -= learningRate * gradBias[k];
    }
    this.weights = W;
    this.bias = b;
    this.nClasses = nClasses;
    this.lossHistory = history.slice(0, epoch);
    this.epochsRun = epoch;
    this.fitted = true;
    return this;
  }

  /** Class probabilities. @param x - m x d @returns m x K */
  predictProba(x: MatrixLike): Matrix {
    if (!this.fitted) throw new Error('SoftmaxRegression: call fit(x, labels) before predicting');
    const X = asFittedInput(x, this.weights.rows);
    const Z = matmul(X, this.weights);
    const K = this.nClasses;
    for (let i = 0; i < Z.rows; i++) for (let k = 0; k < K; k++) Z.data[i * K + k] += this.bias[k];
    return softmax(Z);
  }

  /** The most probable class per row. @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    const P = this.predictProba(x);
    const K = P.cols;
    const out = new Int32Array(P.rows);
    for (let i = 0; i < P.rows; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (P.data[i * K + k] > P.data[i * K + best]) best = k;
      out[i] = best;
    }
    return out;
  }

  /** Accuracy on (x, labels). */
  score(x: MatrixLike, labels: ArrayLike<number>): number {
    const pred = this.predict(x);
    if (pred.length === 0) throw new RangeError('expected at least 1 sample, got 0');
    const { labels: Y } = asClassLabels(labels, pred.length);
    let correct = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === Y[i]) correct++;
    return correct / pred.length;
  }
}
