// Explicit-feedback alternating least squares: with the item side fixed, each user's [p_u, b_u] is one ridge
// regression solved in closed form (normal equations), then the same for items; the MF objective never increases.
import { choleskySolve, matrix } from '../core/matrix';
import { checkInt, checkReal, withDefaults } from '../data/check';
import { initMf, mfObjective, type MfModel } from './mf';
import { checkRatings, type Ratings } from './ratings';

/**
 * Ridge regression by the normal equations: x = (A^T A + lambda I)^{-1} A^T y.
 * @param A shape [m * d] row-major, one row per observation
 * @param y shape [m]
 * @returns x, shape [d]
 */
export function ridgeNormalEquations(A: ArrayLike<number>, y: ArrayLike<number>, d: number, lambda: number): Float64Array {
  const fn = 'ridgeNormalEquations';
  checkInt(fn, 'd', d, 1); checkReal(fn, 'lambda', lambda, { min: 0 });
  const m = y.length;
  if (A.length !== m * d) throw new RangeError(`${fn}: expected A of length m * d = ${m * d}, got ${A.length}`);
  const G = matrix(d, d), b = new Float64Array(d);
  for (let r = 0; r < m; r++) {
    const o = r * d;
    for (let a = 0; a < d; a++) {
      b[a] += A[o + a] * y[r];
      for (let c = 0; c <= a; c++) G.data[a * d + c] += A[o + a] * A[o + c];
    }
  }
  for (let a = 0; a < d; a++) { for (let c = 0; c < a; c++) G.data[c * d + a] = G.data[a * d + c]; G.data[a * d + a] += lambda; }
  if (lambda === 0 && m < d) throw new RangeError(`${fn}: expected lambda > 0 or at least d = ${d} observations, got ${m}`);
  return choleskySolve(G, b);
}

/** Rated (other-side id, value) lists grouped by user (side 'users') or by item (side 'items'). */
function groupBy(r: Ratings, side: 'users' | 'items'): { ids: Int32Array; values: Float64Array }[] {
  const n = side === 'users' ? r.nUsers : r.nItems;
  const key = side === 'users' ? r.users : r.items, other = side === 'users' ? r.items : r.users;
  const count = new Int32Array(n);
  for (let t = 0; t < key.length; t++) count[key[t]]++;
  const out = Array.from(count, (c) => ({ ids: new Int32Array(c), values: new Float64Array(c) }));
  const fill = new Int32Array(n);
  for (let t = 0; t < key.length; t++) { const g = out[key[t]]; g.ids[fill[key[t]]] = other[t]; g.values[fill[key[t]]++] = r.values[t]; }
  return out;
}

/**
 * One ALS half-step in place: re-solves every user's (side 'users') or item's factors and bias exactly, the other
 * side fixed. For user u: features a_i = [q_i, 1] (or q_i without biases), target r_ui - mu - b_i, ridge lambda.
 */
export function alsHalfStep(m: MfModel, r: Ratings, lambda: number, side: 'users' | 'items', biases = true): void {
  const groups = groupBy(r, side);
  const k = m.k, d = biases ? k + 1 : k;
  const mine = side === 'users' ? m.P : m.Q, theirs = side === 'users' ? m.Q : m.P;
  const myBias = side === 'users' ? m.bu : m.bi, theirBias = side === 'users' ? m.bi : m.bu;
  for (let a = 0; a < groups.length; a++) {
    const g = groups[a], n = g.ids.length;
    const A = new Float64Array(n * d), y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const o = g.ids[j];
      for (let f = 0; f < k; f++) A[j * d + f] = theirs[o * k + f];
      if (biases) A[j * d + k] = 1;
      y[j] = g.values[j] - m.mu - theirBias[o];
    }
    const x = n === 0 ? new Float64Array(d) : ridgeNormalEquations(A, y, d, lambda);
    for (let f = 0; f < k; f++) mine[a * k + f] = x[f];
    myBias[a] = biases ? x[k] : 0;
  }
}

export interface AlsOptions {
  k: number;
  lambda: number;
  iterations: number;
  biases: boolean;
  initStd: number;
  seed?: number;
  /** called after each full iteration (users then items) with its index from 1 */
  onIteration?: (iteration: number, model: MfModel) => void;
}
export const alsDefaults: Readonly<AlsOptions> = { k: 8, lambda: 10, iterations: 15, biases: true, initStd: 0.1 };

/** Fits biased MF by ALS; `history` is the objective after each iteration (non-increasing). */
export function fitAls(r: Ratings, options: Partial<AlsOptions> = {}): { model: MfModel; history: number[] } {
  const fn = 'fitAls';
  checkRatings(fn, r);
  const o = withDefaults(fn, options, alsDefaults, ['seed', 'onIteration']);
  checkInt(fn, 'k', o.k, 1); checkReal(fn, 'lambda', o.lambda, { min: 0, open: true }); checkInt(fn, 'iterations', o.iterations, 1);
  if (r.values.length === 0) throw new RangeError(`${fn}: expected at least 1 rating, got 0`);
  const model = initMf(r, o.k, o.initStd, o.seed);
  const history: number[] = [];
  for (let it = 1; it <= o.iterations; it++) {
    alsHalfStep(model, r, o.lambda, 'users', o.biases);
    alsHalfStep(model, r, o.lambda, 'items', o.biases);
    history.push(mfObjective(model, r, o.lambda));
    o.onIteration?.(it, model);
  }
  return { model, history };
}
