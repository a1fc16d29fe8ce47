// Binary logistic regression: sigmoid of a linear score, mean (optionally class-weighted) cross-entropy (+ optional L2), vectorised batch gradient descent.
import { asFittedInput, asMatrix, asVector, matTvec, matvec, type Matrix, type MatrixLike } from '../core/matrix';

export interface LogisticRegressionOptions {
  /** Gradient-descent step size. */
  learningRate: number;
  /** Full-batch gradient-descent steps. */
  epochs: number;
  /** L2 penalty: adds lambda/(2n) ||w||^2 to the loss (the intercept is not penalised). */
  lambda: number;
  /** Fit an intercept (bias) term. */
  fitIntercept: boolean;
  /** Stop early once the gradient's largest entry is below this (0 = run every epoch). */
  tolerance: number;
  /**
   * Weight of each class in the loss: 'none' (all 1), 'balanced' (w_c = n / (2 n_c), scikit-learn's
   * class_weight='balanced'), or [w_0, w_1].
   */
  classWeight: 'none' | 'balanced' | readonly [number, number];
}

export const logisticRegressionDefaults: Readonly<LogisticRegressionOptions> = {
  learningRate: 0.1,
  epochs: 1000,
  lambda: 0,
  fitIntercept: true,
  tolerance: 0,
  classWeight: 'none',
};

/** The logistic function 1 / (1 + e^-z), written so that neither branch overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|). */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

export interface LogisticLossAndGradient {
  /** Mean binary cross-entropy + lambda/(2n) ||w||^2. */
  loss: number;
  /** dLoss/dw, length d: X^T (sigma(X w + b) - y) / n + lambda w / n. */
  gradWeights: Float64Array;
  /** dLoss/db = mean(sigma(X w + b) - y). */
  gradIntercept: number;
}

/**
 * The logistic-regression loss and its gradient, vectorised:
 *   p = sigma(X w + b),  loss = mean(-y log p - (1 - y) log(1 - p)) + lambda/(2n) ||w||^2,
 *   dL/dw = X^T (p - y) / n + lambda w / n,  dL/db = mean(p - y).
 * The per-sample loss is computed as softplus(z) - y z, which equals the cross-entropy and never takes log(0).
 * @param x - n x d row-major features
 * @param y - length n labels in {0, 1}
 * @param weights - length d
 */
export function logisticLossAndGradient(x: MatrixLike, y: ArrayLike<number>, weights: ArrayLike<number>, intercept = 0, lambda = 0): LogisticLossAndGradient {
  const X = asMatrix(x, 'x');
  const Y = asBinaryLabels(y, X.rows);
  const w = asVector(weights, 'weights', X.cols);
  return lossAndGradient(X, Y, w, intercept, lambda);
}

function lossAndGradient(X: Matrix, Y: Float64Array, w: Float64Array, b: number, lambda: number, sampleWeight?: Float64Array): LogisticLossAndGradient {
  const n = X.rows;
  const z = matvec(X, w); // X w
  const residual = new Float64Array(n); // sigma(X w + b) - y
  let loss = 0;
  let gradIntercept = 0;
  for (let i = 0; i < n; i++) {
    const zi = z[i] + b;
    const wi = sampleWeight === undefined ? 1 : sampleWeight[i];
    loss += wi * (softplus(zi) - Y[i] * zi);
    residual[i] = wi * (sigmoid(zi) - Y[i]);
    gradIntercept += residual[i];
  }
  const gradWeights = matTvec(X, residual); // X^T (p - y)
  let penalty = 0;
  for (let j = 0; j < w.length; j++) {
    penalty += w[j] * w[j];
    gradWeights[j] = (gradWeights[j] + lambda * w[j]) / n;
  }
  return { loss: (loss + 0.5 * lambda * penalty) / n, gradWeights, gradIntercept: gradIntercept / n };
}

/**
 * Per-sample loss weights from a class weighting, or undefined for 'none'. 'balanced' gives w_c = n / (2 n_c), so the
 * weights average 1 and each class carries half of the total weight.
 */
export function classSampleWeights(y: Float64Array, classWeight: LogisticRegressionOptions['classWeight']): Float64Array | undefined {
  if (classWeight === 'none') return undefined;
  let ones = 0;
  for (let i = 0; i < y.length; i++) ones += y[i];
  if (classWeight === 'balanced' && (ones === 0 || ones === y.length)) {
    throw new RangeError(`expected both classes for classWeight 'balanced', got ${y.length - ones} zeros and ${ones} ones`);
  }
  const w = classWeight === 'balanced' ? [y.length / (2 * (y.length - ones)), y.length / (2 * ones)] : classWeight;
  return Float64Array.from(y, (v) => w[v]);
}

/** Checks labels are 0 or 1 (numbers or booleans) and returns them as a Float64Array. */
export function asBinaryLabels(y: unknown, n: number): Float64Array {
  if (!Array.isArray(y) && !(ArrayBuffer.isView(y) && !(y instanceof DataView))) {
    throw new TypeError(`expected y to be an array of 0/1 labels, got ${y === null ? 'null' : typeof y}`);
  }
  const arr = y as ArrayLike<unknown>;
  if (arr.length !== n) throw new RangeError(`expected y to have ${n} values (one per sample), got ${arr.length}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (typeof v !== 'number') throw new TypeError(`expected numeric labels in y, got ${typeof v} at index ${i}`);
    else if (v === 0 || v === 1) out[i] = v;
    else throw new RangeError(`expected binary labels 0 or 1 in y, got ${v} at index ${i}`);
  }
  return out;
}

/**
 * Binary logistic regression P(y = 1 | x) = sigma(w . x + b), fitted by full-batch gradient descent on the mean
 * cross-entropy (see {@link logisticLossAndGradient}). Starts from w = 0, b = 0, so it is deterministic (no seed).
 */
export class LogisticRegression {
  readonly options: Readonly<LogisticRegressionOptions>;
  weights: Float64Array = new Float64Array(0);
  intercept = 0;
  /** Loss before each update. */
  lossHistory: Float64Array = new Float64Array(0);
  epochsRun = 0;
  private fitted = false;

  constructor(options: Partial<LogisticRegressionOptions> = {}) {
    const o = { ...logisticRegressionDefaults, ...options };
    if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new RangeError(`expected learningRate > 0, got learningRate = ${o.learningRate}`);
    if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`expected a positive integer number of epochs, got epochs = ${o.epochs}`);
    if (!(o.lambda >= 0) || !Number.isFinite(o.lambda)) throw new RangeError(`expected lambda >= 0, got lambda = ${o.lambda}`);
    if (!(o.tolerance >= 0)) throw new RangeError(`expected tolerance >= 0, got tolerance = ${o.tolerance}`);
    const cw = o.classWeight;
    if (cw !== 'none' && cw !== 'balanced') {
      if (!Array.isArray(cw) || cw.length !== 2) throw new TypeError(`expected classWeight 'none', 'balanced' or [w0, w1], got ${JSON.stringify(cw)}`);
      if (!cw.every((v) => typeof v === 'number' && v > 0 && Number.isFinite(v))) throw new RangeError(`expected positive class weights, got classWeight = [${cw.join(', ')}]`);
    }
    this.options = o;
  }

  /**
   * @param x - n x d row-major features
   * @param y - length n labels in {0, 1}
   */
  fit(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): this {
    const X = asMatrix(x, 'x');
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    const Y = asBinaryLabels(y, X.rows);
    const { learningRate, epochs, lambda, fitIntercept, tolerance } = this.options;
    const sampleWeight = classSampleWeights(Y, this.options.classWeight);
    const w = new Float64Array(X.cols);
    let b = 0;
    const history = new Float64Array(epochs);
    let epoch = 0;
    for (; epoch < epochs; epoch++) {
      const { loss, gradWeights, gradIntercept } = lossAndGradient(X, Y, w, b, lambda, sampleWeight);
      history[epoch] = loss;
      let maxGrad = fitIntercept ? Math.abs(gradIntercept) : 0;
      for (let j = 0; j < w.length; j++) maxGrad = Math.max(maxGrad, Math.abs(gradWeights[j]));
      if (tolerance > 0 && maxGrad < tolerance) { epoch++; break; }
      for (let j = 0; j < w.length; j++) w[j] -= learningRate * gradWeights[j];
      if (fitIntercept) b -= learningRate * gradIntercept;
    }
    this.weights = w;
    this.intercept = b;
    this.lossHistory = history.slice(0, epoch);
    this.epochsRun = epoch;
    this.fitted = true;
    return this;
  }

  /** The linear scores X w + b (log-odds). @param x - m x d */
  decisionFunction(x: MatrixLike): Float64Array {
    if (!this.fitted) throw new Error('LogisticRegression: call fit(x, y) before predicting');
    const X = asFittedInput(x, this.weights.length);
    const z = matvec(X, this.weights);
    for (let i = 0; i < z.length; i++) z[i] += this.intercept;
    return z;
  }

  /** P(y = 1 | x) per row. @param x - m x d */
  predictProba(x: MatrixLike): Float64Array {
    const z = this.decisionFunction(x);
    for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]);
    return z;
  }

  /** Labels 0/1: 1 where P(y = 1 | x) >= threshold. @param x - m x d */
  predict(x: MatrixLike, threshold = 0.5): Uint8Array {
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`expected 0 <= threshold <= 1, got threshold = ${threshold}`);
    const p = this.predictProba(x);
    const out = new Uint8Array(p.length);
    for (let i = 0; i < p.length; i++) out[i] = p[i] >= threshold ? 1 : 0;
    return out;
  }

  /** Accuracy on (x, y). */
  score(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): number {
    const pred = this.predict(x);
    const Y = asBinaryLabels(y, pred.length);
    if (pred.length === 0) throw new RangeError('expected at least 1 sample, got 0');
    let correct = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === Y[i]) correct++;
    return correct / pred.length;
  }
}
