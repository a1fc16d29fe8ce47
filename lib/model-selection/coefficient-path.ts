// Regularisation paths: the fitted coefficients of any penalised linear model over a grid of lambdas, and log-spaced grids.
import type { Matrix } from '../core/matrix';

/** What a fitted linear model exposes (LinearRegression, Lasso and ElasticNet all do). */
export interface LinearFit {
  weights: Float64Array;
  intercept: number;
}

export interface CoefficientPath {
  lambdas: Float64Array;
  /** lambdas.length x d: row l holds the coefficients fitted at lambdas[l]. */
  coefficients: Matrix;
  intercepts: Float64Array;
}

/**
 * Fits one model per lambda and collects the coefficients, e.g.
 * `coefficientPath(grid, (lambda) => new LinearRegression({ lambda }).fit(x, y))` for the ridge path.
 * @param lambdas - the penalty values (any order; the rows follow it)
 * @param fitAt - fits and returns the model for one lambda; every model must have the same number of weights
 * @throws RangeError for an empty grid, a NaN lambda, or models with different numbers of weights
 */
export function coefficientPath(lambdas: ArrayLike<number>, fitAt: (lambda: number, index: number) => LinearFit): CoefficientPath {
  if (typeof fitAt !== 'function') throw new TypeError('coefficientPath: expected fitAt to be a function (lambda) => fitted model');
  const L = lambdas.length;
  if (L === 0) throw new RangeError('coefficientPath: expected at least 1 lambda, got 0');
  let d = -1;
  let data = new Float64Array(0);
  const intercepts = new Float64Array(L);
  const grid = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const lambda = lambdas[l];
    if (typeof lambda !== 'number' || Number.isNaN(lambda)) throw new RangeError(`coefficientPath: expected numeric lambdas, got lambdas[${l}] = ${lambda}`);
    grid[l] = lambda;
    const model = fitAt(lambda, l);
    if (d < 0) { d = model.weights.length; data = new Float64Array(L * d); }
    if (model.weights.length !== d) throw new RangeError(`coefficientPath: expected ${d} weights at every lambda, got ${model.weights.length} at lambdas[${l}]`);
    data.set(model.weights, l * d);
    intercepts[l] = model.intercept;
  }
  return { lambdas: grid, coefficients: { rows: L, cols: d, data }, intercepts };
}

/**
 * n values spaced evenly on a log scale from `from` to `to` inclusive (either order), like numpy's geomspace.
 * @throws RangeError unless both ends are > 0 and n >= 1
 */
export function logGrid(from: number, to: number, n: number): Float64Array {
  if (!(from > 0) || !(to > 0) || !Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError(`logGrid: expected positive finite ends, got ${from} and ${to}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`logGrid: expected n >= 1 points, got n = ${n}`);
  if (n === 1) return Float64Array.of(from);
  const a = Math.log(from), b = Math.log(to);
  const out = Float64Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
  out[0] = from;
  out[n - 1] = to;
  return out;
}
