// Partial dependence (PDP) and individual conditional expectation (ICE) curves of a model for one feature.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

export interface PartialDependenceOptions {
  /**
   * Values of the feature to evaluate at; default (as scikit-learn): the feature's distinct values if fewer than
   * gridSize, else gridSize evenly spaced points between the percentiles (scipy's mquantiles).
   */
  grid: ArrayLike<number> | undefined;
  /** Points in the default grid (scikit-learn's grid_resolution). */
  gridSize: number;
  /** Lower and upper percentile (0..1) of the default grid, as scikit-learn's (0.05, 0.95). */
  percentiles: [number, number];
}

export const partialDependenceDefaults: Readonly<PartialDependenceOptions> = { grid: undefined, gridSize: 20, percentiles: [0.05, 0.95] };

export interface PartialDependence {
  grid: Float64Array;
  /** The PDP: average of the ICE curves at each grid value (length g). */
  average: Float64Array;
  /** n x g: row i is sample i's ICE curve, f(x_i with feature := grid[k]). */
  ice: Matrix;
}

/**
 * The p-quantile (0..1) of sorted values as scipy.stats.mstats.mquantiles with its defaults alphap = betap = 0.4
 * (Cunnane's plotting positions), which scikit-learn's partial dependence grid uses.
 */
function mquantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length, alphap = 0.4, betap = 0.4;
  const m = alphap + p * (1 - alphap - betap);
  const aleph = n * p + m;
  const k = Math.floor(Math.min(Math.max(aleph, 1), n - 1));
  const gamma = Math.min(Math.max(aleph - k, 0), 1);
  return n === 1 ? sorted[0] : (1 - gamma) * sorted[k - 1] + gamma * sorted[k];
}

/**
 * ICE curves and their average, the partial dependence PD_j(v) = (1/n) Σ_i f(v, x_{i,−j}): each row keeps its other
 * features and gets feature j set to each grid value. It averages over the marginal distribution of the other
 * features, so with correlated features it evaluates the model at combinations that never occur (extrapolation).
 * @param predict - the model: m x d rows to m predictions
 * @param x - n x d rows (usually the training or held-out data)
 * @param feature - column index j
 */
export function partialDependence(
  predict: (rows: Matrix) => ArrayLike<number>, x: MatrixLike, feature: number, options: Partial<PartialDependenceOptions> = {},
): PartialDependence {
  if (typeof predict !== 'function') throw new TypeError(`expected predict to be a function, got ${typeof predict}`);
  const o = { ...partialDependenceDefaults, ...options };
  const X = asMatrix(x);
  const n = X.rows, d = X.cols;
  if (n < 1) throw new RangeError('expected at least 1 row, got 0');
  if (!Number.isInteger(feature) || feature < 0 || feature >= d) throw new RangeError(`expected feature in 0..${d - 1}, got feature = ${feature}`);
  let grid: Float64Array;
  if (o.grid !== undefined) {
    grid = Float64Array.from(o.grid);
    if (grid.length < 1 || !grid.every(Number.isFinite)) throw new RangeError(`expected a non-empty grid of finite values, got ${grid.length} values`);
  } else {
    if (!Number.isInteger(o.gridSize) || o.gridSize < 2) throw new RangeError(`expected gridSize >= 2, got gridSize = ${o.gridSize}`);
    const [lo, hi] = o.percentiles;
    if (!(lo >= 0 && lo < hi && hi <= 1)) throw new RangeError(`expected percentiles 0 <= lo < hi <= 1, got [${lo}, ${hi}]`);
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = X.data[i * d + feature];
    col.sort();
    const distinct = Float64Array.from(new Set(col));
    if (distinct.length < o.gridSize) grid = distinct;
    else {
      const a = mquantileSorted(col, lo), b = mquantileSorted(col, hi);
      grid = Float64Array.from({ length: o.gridSize }, (_, k) => a + ((b - a) * k) / (o.gridSize - 1));
    }
  }
  const g = grid.length;
  const ice = matrix(n, g);
  const rows = matrix(n, d);
  for (let k = 0; k < g; k++) {
    rows.data.set(X.data);
    for (let i = 0; i < n; i++) rows.data[i * d + feature] = grid[k];
    const pred = predict(rows);
    if (pred.length !== n) throw new RangeError(`expected predict to return ${n} values, got ${pred.length}`);
    for (let i = 0; i < n; i++) ice.data[i * g + k] = pred[i];
  }
  const average = new Float64Array(g);
  for (let i = 0; i < n; i++) for (let k = 0; k < g; k++) average[k] += ice.data[i * g + k] / n;
  return { grid, average, ice };
}
