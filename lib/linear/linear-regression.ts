// Linear regression (optionally ridge): closed form by the normal equation, or batch gradient descent; plus MSE and R^2.
import { asFittedInput, asMatrix, asVector, choleskySolve, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { linearScores } from './linear-scores';

export interface LinearRegressionOptions {
  /** 'normal': solve (X^T X + lambda P) theta = X^T y; 'gradient-descent': batch GD on the same objective. */
  method: 'normal' | 'gradient-descent';
  /** L2 penalty (ridge). The intercept is never penalised. */
  lambda: number;
  /** Fit an intercept (bias) term. */
  fitIntercept: boolean;
  /** Step size for gradient descent. */
  learningRate: number;
  /** Full-batch gradient-descent steps. */
  epochs: number;
  /** Gradient descent stops early once the gradient's largest entry is below this (0 = run every epoch). */
  tolerance: number;
}

export const linearRegressionDefaults: Readonly<LinearRegressionOptions> = {
  method: 'normal',
  lambda: 0,
  fitIntercept: true,
  learningRate: 0.01,
  epochs: 1000,
  tolerance: 0,
};

/**
 * Least-squares linear regression y ~ X w + b.
 *
 * Objective (both methods minimise the same thing):
 *   J(w, b) = 1/(2n) * ( ||X w + b - y||^2 + lambda ||w||^2 )
 * Normal equation: with A = [1 X] and P = diag(0, 1, ..., 1), theta = [b; w] solves (A^T A + lambda P) theta = A^T y
 * (a Cholesky solve, never an explicit inverse). With lambda > 0 this is the ridge closed form
 * (X^T X + lambda I)^-1 X^T y with an unpenalised intercept.
 * Gradient descent: w <- w - lr * (X^T (X w + b - y) + lambda w) / n, b <- b - lr * mean(X w + b - y).
 */
export class LinearRegression {
  readonly options: Readonly<LinearRegressionOptions>;
  /** Length d after fit. */
  weights: Float64Array = new Float64Array(0);
  intercept = 0;
  /** The objective J after each gradient-descent epoch (empty for the normal equation). */
  lossHistory: Float64Array = new Float64Array(0);
  /** Epochs actually run (0 for the normal equation). */
  epochsRun = 0;
  private fitted = false;

  constructor(options: Partial<LinearRegressionOptions> = {}) {
    const o = { ...linearRegressionDefaults, ...options };
    if (o.method !== 'normal' && o.method !== 'gradient-descent') throw new RangeError(`expected method 'normal' or 'gradient-descent', got ${String(o.method)}`);
    if (!(o.lambda >= 0) || !Number.isFinite(o.lambda)) throw new RangeError(`expected lambda >= 0, got lambda = ${o.lambda}`);
    if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new RangeError(`expected learningRate > 0, got learningRate = ${o.learningRate}`);
    if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`expected a positive integer number of epochs, got epochs = ${o.epochs}`);
    if (!(o.tolerance >= 0)) throw new RangeError(`expected tolerance >= 0, got tolerance = ${o.tolerance}`);
    this.options = o;
  }

  /**
   * Fits the model.
   * @param x - n x d row-major features
   * @param y - length n targets
   */
  fit(x: MatrixLike, y: ArrayLike<number>): this {
    const X = asMatrix(x, 'x');
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    if (X.cols === 0 && !this.options.fitIntercept) throw new RangeError('expected at least 1 feature (or fitIntercept), got 0');
    const Y = asVector(y, 'y', X.rows);
    if (this.options.method === 'normal') this.fitNormal(X, Y);
    else this.fitGradientDescent(X, Y);
    this.fitted = true;
    return this;
  }

  private fitNormal(X: Matrix, Y: Float64Array): void {
    const { lambda, fitIntercept } = this.options;
    const n = X.rows, d = X.cols;
    const off = fitIntercept ? 1 : 0;
    const p = d + off;
    // A^T A and A^T y for A = [1 X], accumulated without building A.
    const ata = new Float64Array(p * p);
    const aty = new Float64Array(p);
    const a = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      if (fitIntercept) a[0] = 1;
      for (let j = 0; j < d; j++) a[j + off] = X.data[i * d + j];
      const yi = Y[i];
      for (let j = 0; j < p; j++) {
        const aj = a[j];
        aty[j] += aj * yi;
        for (let k = j; k < p; k++) ata[j * p + k] += aj * a[k];
      }
    }
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) ata[k * p + j] = ata[j * p + k];
    for (let j = off; j < p; j++) ata[j * p + j] += lambda;
    let theta: Float64Array;
    try {
      theta = choleskySolve(matrix(p, p, ata), aty);
    } catch (e) {
      if (e instanceof RangeError) {
        throw new RangeError(`expected X^T X to be invertible (features linearly independent and n >= d${fitIntercept ? ' + 1' : ''}), got a singular system for n = ${n}, d = ${d}: use lambda > 0`);
      }
      throw e;
    }
    this.intercept = fitIntercept ? theta[0] : 0;
    this.weights = theta.slice(off);
    this.lossHistory = new Float64Array(0);
    this.epochsRun = 0;
  }

  private fitGradientDescent(X: Matrix, Y: Float64Array): void {
    const { lambda, fitIntercept, learningRate, epochs, tolerance } = this.options;
    const n = X.rows, d = X.cols, Xd = X.data;
    const w = new Float64Array(d);
    let b = 0;
    const grad = new Float64Array(d);
    const history = new Float64Array(epochs);
    let epoch = 0;
    for (; epoch < epochs; epoch++) {
      grad.fill(0);
      let gradB = 0;
      let sse = 0;
      for (let i = 0; i < n; i++) {
        const base = i * d;
        let r = b - Y[i];
        for (let j = 0; j < d; j++) r += Xd[base + j] * w[j];
        sse += r * r;
        gradB += r;
        for (let j = 0; j < d; j++) grad[j] += Xd[base + j] * r;
      }
      let penalty = 0;
      let maxGrad = fitIntercept ? Math.abs(gradB / n) : 0;
      for (let j = 0; j < d; j++) {
        penalty += w[j] * w[j];
        grad[j] = (grad[j] + lambda * w[j]) / n;
        maxGrad = Math.max(maxGrad, Math.abs(grad[j]));
      }
      history[epoch] = (sse + lambda * penalty) / (2 * n);
      if (!Number.isFinite(history[epoch])) {
        throw new RangeError(`gradient descent diverged at epoch ${epoch} (loss ${history[epoch]}): expected a smaller learningRate than ${learningRate}, or scaled features`);
      }
      if (tolerance > 0 && maxGrad < tolerance) { epoch++; break; }
      for (let j = 0; j < d; j++) w[j] -= learningRate * grad[j];
      if (fitIntercept) b -= (learningRate * gradB) / n;
    }
    this.weights = w;
    this.intercept = b;
    this.lossHistory = history.slice(0, epoch);
    this.epochsRun = epoch;
  }

  /**
   * Predictions X w + b.
   * @param x - m x d row-major
   * @returns length m
   */
  predict(x: MatrixLike): Float64Array {
    if (!this.fitted) throw new Error('LinearRegression: call fit(x, y) before predict');
    const d = this.weights.length;
    const X = asFittedInput(x, d);
    return linearScores(X, this.weights, this.intercept);
  }

  /** R^2 of the predictions on (x, y). */
  score(x: MatrixLike, y: ArrayLike<number>): number {
    return r2Score(y, this.predict(x));
  }
}

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): [Float64Array, Float64Array] {
  const t = asVector(yTrue, 'yTrue');
  const p = asVector(yPred, 'yPred', t.length);
  if (t.length === 0) throw new RangeError('expected at least 1 sample, got 0');
  return [t, p];
}

/** Mean squared error, mean((y - yhat)^2). */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [t, p] = checkPair(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += (t[i] - p[i]) ** 2;
  return s / t.length;
}

/** Coefficient of determination R^2 = 1 - SS_res / SS_tot (1 is perfect; 0 is "predict the mean"; can be negative). */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [t, p] = checkPair(yTrue, yPred);
  let mean = 0;
  for (let i = 0; i < t.length; i++) mean += t[i];
  mean /= t.length;
  let ssRes = 0, ssTot = 0;
  for (let i = 0; i < t.length; i++) {
    ssRes += (t[i] - p[i]) ** 2;
    ssTot += (t[i] - mean) ** 2;
  }
  if (ssTot === 0) throw new RangeError('expected yTrue with non-zero variance for R^2, got constant targets');
  return 1 - ssRes / ssTot;
}
