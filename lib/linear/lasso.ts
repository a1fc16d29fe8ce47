// Lasso and elastic net by cyclic coordinate descent with soft thresholding, plus warm-started regularisation paths.
import { asFittedInput, asMatrix, asVector, type Matrix, type MatrixLike } from '../core/matrix';
import { linearScores } from './linear-scores';

export interface LassoOptions {
  /** Penalty strength lambda >= 0 (same scale as LinearRegression's ridge `lambda`: no 1/n in front of it). */
  lambda: number;
  /** Mix of the two penalties in [0, 1]: 1 is the lasso, 0 is ridge, in between the elastic net. */
  l1Ratio: number;
  /** Fit an unpenalised intercept (done by centring x and y). */
  fitIntercept: boolean;
  /** Maximum number of full sweeps over the coordinates. */
  maxIter: number;
  /** Stop when a whole sweep moves no coordinate by more than tol * ||y - mean(y)|| in fitted-value units. */
  tol: number;
}

export const lassoDefaults: Readonly<LassoOptions> = { lambda: 1, l1Ratio: 1, fitIntercept: true, maxIter: 10000, tol: 1e-10 };

/** The soft-thresholding operator S(z, t) = sign(z) max(|z| - t, 0): the proximal map of t |w|. */
export function softThreshold(z: number, t: number): number {
  if (z > t) return z - t;
  if (z < -t) return z + t;
  return 0;
}

/**
 * Elastic-net regression (the lasso when l1Ratio = 1), minimising
 *   J(w, b) = 1/2 ||y - X w - b||^2 + lambda ( l1Ratio ||w||_1 + (1 - l1Ratio)/2 ||w||_2^2 ).
 * With l1Ratio = 0 this is exactly the ridge objective of LinearRegression({ lambda }). scikit-learn's `alpha` is
 * lambda / n (it divides the squared error by n).
 *
 * Cyclic coordinate descent: with the partial residual r_j = y - X w + x_j w_j (centred data),
 *   w_j <- S(x_j . r_j, lambda l1Ratio) / (x_j . x_j + lambda (1 - l1Ratio)),
 * which minimises J exactly along coordinate j; the objective never increases. The intercept is
 * b = mean(y) - mean(X) w.
 */
export class Lasso {
  readonly options: Readonly<LassoOptions>;
  /** Length d after fit. */
  weights: Float64Array = new Float64Array(0);
  intercept = 0;
  /** Sweeps run by the last fit. */
  iterations = 0;
  /** Whether the last fit met the tolerance before maxIter. */
  converged = false;
  private fitted = false;

  constructor(options: Partial<LassoOptions> = {}) {
    const o = { ...lassoDefaults, ...options };
    if (typeof o.lambda !== 'number' || !(o.lambda >= 0) || !Number.isFinite(o.lambda)) throw new RangeError(`expected lambda >= 0, got lambda = ${o.lambda}`);
    if (typeof o.l1Ratio !== 'number' || !(o.l1Ratio >= 0 && o.l1Ratio <= 1)) throw new RangeError(`expected l1Ratio in [0, 1], got l1Ratio = ${o.l1Ratio}`);
    if (!Number.isInteger(o.maxIter) || o.maxIter < 1) throw new RangeError(`expected a positive integer maxIter, got maxIter = ${o.maxIter}`);
    if (!(o.tol >= 0)) throw new RangeError(`expected tol >= 0, got tol = ${o.tol}`);
    this.options = o;
  }

  /**
   * Fits the model.
   * @param x - n x d row-major features
   * @param y - length n targets
   * @param initialWeights - optional length-d starting point (warm start along a path)
   */
  fit(x: MatrixLike, y: ArrayLike<number>, initialWeights?: ArrayLike<number>): this {
    const X = asMatrix(x, 'x');
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    if (X.cols === 0) throw new RangeError('expected at least 1 feature, got 0');
    const Y = asVector(y, 'y', X.rows);
    const problem = prepare(X, Y, this.options.fitIntercept);
    const w = initialWeights === undefined ? new Float64Array(X.cols) : asVector(initialWeights, 'initialWeights', X.cols).slice();
    const { iterations, converged } = coordinateDescent(problem, w, this.options);
    this.weights = w;
    this.intercept = problem.interceptFor(w);
    this.iterations = iterations;
    this.converged = converged;
    this.fitted = true;
    return this;
  }

  /**
   * Predictions X w + b.
   * @param x - m x d row-major
   * @returns length m
   */
  predict(x: MatrixLike): Float64Array {
    if (!this.fitted) throw new Error('Lasso: call fit(x, y) before predict');
    const d = this.weights.length;
    const X = asFittedInput(x, d);
    return linearScores(X, this.weights, this.intercept);
  }

  /** Number of exactly-zero coefficients. */
  zeroCount(): number {
    return this.weights.reduce((s, v) => s + (v === 0 ? 1 : 0), 0);
  }
}

/** The elastic net as its own name: a Lasso whose default l1Ratio is 0.5. */
export class ElasticNet extends Lasso {
  constructor(options: Partial<LassoOptions> = {}) {
    super({ l1Ratio: 0.5, ...options });
  }
}

/** The value of the objective J(w, b) above (for checks and plots). */
export function elasticNetObjective(x: MatrixLike, y: ArrayLike<number>, weights: ArrayLike<number>, intercept: number, lambda: number, l1Ratio = 1): number {
  const X = asMatrix(x, 'x');
  const Y = asVector(y, 'y', X.rows);
  const w = asVector(weights, 'weights', X.cols);
  let sse = 0;
  for (let i = 0; i < X.rows; i++) {
    let r = Y[i] - intercept;
    for (let j = 0; j < X.cols; j++) r -= X.data[i * X.cols + j] * w[j];
    sse += r * r;
  }
  let l1 = 0, l2 = 0;
  for (let j = 0; j < w.length; j++) { l1 += Math.abs(w[j]); l2 += w[j] * w[j]; }
  return 0.5 * sse + lambda * (l1Ratio * l1 + 0.5 * (1 - l1Ratio) * l2);
}

/**
 * The smallest lambda at which every coefficient is zero: max_j |x_j . (y - mean y)| / l1Ratio (centred x_j when
 * fitting an intercept). Infinite for l1Ratio = 0 (ridge never zeroes a coefficient exactly).
 * @param x - n x d
 */
export function lassoLambdaMax(x: MatrixLike, y: ArrayLike<number>, options: { l1Ratio?: number; fitIntercept?: boolean } = {}): number {
  const X = asMatrix(x, 'x');
  if (X.rows === 0 || X.cols === 0) throw new RangeError(`expected a non-empty x, got ${X.rows} x ${X.cols}`);
  const Y = asVector(y, 'y', X.rows);
  const l1Ratio = options.l1Ratio ?? 1;
  if (!(l1Ratio >= 0 && l1Ratio <= 1)) throw new RangeError(`expected l1Ratio in [0, 1], got l1Ratio = ${l1Ratio}`);
  const p = prepare(X, Y, options.fitIntercept ?? true);
  let max = 0;
  for (let j = 0; j < p.d; j++) {
    let g = 0;
    for (let i = 0; i < p.n; i++) g += p.cols[j * p.n + i] * p.y[i];
    max = Math.max(max, Math.abs(g));
  }
  return l1Ratio === 0 ? Infinity : max / l1Ratio;
}

export interface LassoPath {
  lambdas: Float64Array;
  /** lambdas.length x d: row l holds the coefficients at lambdas[l]. */
  coefficients: Matrix;
  intercepts: Float64Array;
  /** Sweeps used at each lambda (warm starts keep these small). */
  iterations: Int32Array;
}

/**
 * Fits the (elastic-net) lasso at every lambda in the given order, each fit warm-started from the previous one
 * (give the lambdas from large to small: the path then starts at all zeros and grows one coefficient at a time).
 * @param x - n x d
 * @param lambdas - penalty values, each >= 0
 */
export function lassoPath(x: MatrixLike, y: ArrayLike<number>, lambdas: ArrayLike<number>, options: Partial<Omit<LassoOptions, 'lambda'>> = {}): LassoPath {
  const X = asMatrix(x, 'x');
  if (X.rows === 0 || X.cols === 0) throw new RangeError(`expected a non-empty x, got ${X.rows} x ${X.cols}`);
  const Y = asVector(y, 'y', X.rows);
  const L = asVector(lambdas, 'lambdas');
  if (L.length === 0) throw new RangeError('expected at least 1 lambda, got 0');
  const base = new Lasso({ ...options, lambda: 0 }).options;
  const problem = prepare(X, Y, base.fitIntercept);
  const d = X.cols;
  const coefficients = new Float64Array(L.length * d);
  const intercepts = new Float64Array(L.length);
  const iterations = new Int32Array(L.length);
  const w = new Float64Array(d);
  for (let l = 0; l < L.length; l++) {
    if (!(L[l] >= 0)) throw new RangeError(`expected lambdas >= 0, got lambdas[${l}] = ${L[l]}`);
    const res = coordinateDescent(problem, w, { ...base, lambda: L[l] });
    coefficients.set(w, l * d);
    intercepts[l] = problem.interceptFor(w);
    iterations[l] = res.iterations;
  }
  return { lambdas: L.slice(), coefficients: { rows: L.length, cols: d, data: coefficients }, intercepts, iterations };
}

interface Prepared {
  n: number;
  d: number;
  /** Column-major centred features: column j is cols[j*n .. (j+1)*n). */
  cols: Float64Array;
  /** Centred targets. */
  y: Float64Array;
  /** ||x_j||^2 of the centred columns. */
  sq: Float64Array;
  yNorm: number;
  interceptFor: (w: Float64Array) => number;
}

function prepare(X: Matrix, Y: Float64Array, fitIntercept: boolean): Prepared {
  const n = X.rows, d = X.cols;
  const xMean = new Float64Array(d);
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) {
      yMean += Y[i];
      for (let j = 0; j < d; j++) xMean[j] += X.data[i * d + j];
    }
    yMean /= n;
    for (let j = 0; j < d; j++) xMean[j] /= n;
  }
  const cols = new Float64Array(n * d);
  const sq = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = X.data[i * d + j] - xMean[j];
      cols[j * n + i] = v;
      s += v * v;
    }
    sq[j] = s;
  }
  const y = new Float64Array(n);
  let yNorm = 0;
  for (let i = 0; i < n; i++) { y[i] = Y[i] - yMean; yNorm += y[i] * y[i]; }
  return {
    n, d, cols, y, sq, yNorm: Math.sqrt(yNorm),
    interceptFor: (w) => {
      if (!fitIntercept) return 0;
      let b = yMean;
      for (let j = 0; j < d; j++) b -= xMean[j] * w[j];
      return b;
    },
  };
}

/** Cyclic coordinate descent from `w` (updated in place). */
function coordinateDescent(p: Prepared, w: Float64Array, o: LassoOptions): { iterations: number; converged: boolean } {
  const { n, d, cols, y, sq } = p;
  const l1 = o.lambda * o.l1Ratio;
  const l2 = o.lambda * (1 - o.l1Ratio);
  // Residual r = y - X w for the starting point.
  const r = y.slice();
  for (let j = 0; j < d; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    const c = j * n;
    for (let i = 0; i < n; i++) r[i] -= cols[c + i] * wj;
  }
  const threshold = o.tol * (p.yNorm > 0 ? p.yNorm : 1);
  for (let it = 1; it <= o.maxIter; it++) {
    let maxChange = 0;
    for (let j = 0; j < d; j++) {
      const denom = sq[j] + l2;
      const old = w[j];
      if (denom === 0) { // a constant column with no ridge part: its coefficient is irrelevant, keep it at 0
        if (old !== 0) { const c = j * n; for (let i = 0; i < n; i++) r[i] += cols[c + i] * old; w[j] = 0; }
        continue;
      }
      const c = j * n;
      let rho = 0;
      for (let i = 0; i < n; i++) rho += cols[c + i] * r[i];
      rho += sq[j] * old; // x_j . (r + x_j w_j)
      const next = softThreshold(rho, l1) / denom;
      const delta = next - old;
      if (delta !== 0) {
        for (let i = 0; i < n; i++) r[i] -= cols[c + i] * delta;
        w[j] = next;
        maxChange = Math.max(maxChange, Math.abs(delta) * Math.sqrt(sq[j]));
      }
    }
    if (maxChange <= threshold) return { iterations: it, converged: true };
  }
  return { iterations: o.maxIter, converged: false };
}
