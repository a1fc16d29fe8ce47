// Exact Shapley values by enumerating all 2^d coalitions, with an interventional (background-data) value function.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

/** The largest number of players enumerated (2^20 coalitions). */
export const MAX_SHAPLEY_PLAYERS = 20;

export interface ShapleyResult {
  /** One Shapley value per player (feature). */
  phi: Float64Array;
  /** v(empty set): the base value (for a model, the expected prediction E[f]). */
  base: number;
  /** v(all players): for a model, f(x). */
  full: number;
}

/**
 * Exact Shapley values of a cooperative game with d players:
 * φ_i = Σ_{S ⊆ N \ {i}} |S|! (d − |S| − 1)! / d! · (v(S ∪ {i}) − v(S)).
 * Each of the 2^d coalitions is valued once; coalitions are bitmasks (bit i set = player i in S).
 * @param value - the value function v(mask)
 * @param d - number of players, 1..20
 */
export function exactShapley(value: (mask: number) => number, d: number): ShapleyResult {
  if (typeof value !== 'function') throw new TypeError(`expected value to be a function of a coalition bitmask, got ${typeof value}`);
  if (!Number.isInteger(d) || d < 1 || d > MAX_SHAPLEY_PLAYERS) {
    throw new RangeError(`expected 1 <= d <= ${MAX_SHAPLEY_PLAYERS} players, got d = ${d}`);
  }
  const size = 1 << d;
  const v = new Float64Array(size);
  for (let mask = 0; mask < size; mask++) {
    const vm = value(mask);
    if (typeof vm !== 'number' || !Number.isFinite(vm)) throw new RangeError(`expected a finite value for coalition ${mask}, got ${String(vm)}`);
    v[mask] = vm;
  }
  // weight[s] = s! (d - s - 1)! / d!, built by a recurrence to avoid huge factorials
  const weight = new Float64Array(d);
  weight[0] = 1 / d;
  for (let s = 1; s < d; s++) weight[s] = (weight[s - 1] * s) / (d - s);
  const popcount = new Uint8Array(size);
  for (let mask = 1; mask < size; mask++) popcount[mask] = popcount[mask >> 1] + (mask & 1);
  const phi = new Float64Array(d);
  for (let mask = 0; mask < size; mask++) {
    const s = popcount[mask];
    if (s === d) continue;
    for (let i = 0; i < d; i++) {
      const bit = 1 << i;
      if (mask & bit) continue;
      phi[i] += weight[s] * (v[mask | bit] - v[mask]);
    }
  }
  return { phi, base: v[0], full: v[size - 1] };
}

/**
 * The interventional (marginal) value function of a model at x: v(S) = mean over background rows z of f(x_S, z_{not S}),
 * i.e. the features in S are set to x's values and the others keep each background row's values (they are "removed" by
 * averaging over the data, ignoring correlations between features). v(∅) = mean f(background), v(all) = f(x).
 * @param predict - the model: m x d rows to m predictions
 * @param x - the explained row, length d
 * @param background - b x d background rows
 * @returns mask → v(mask), cached
 */
export function interventionalValue(predict: (rows: Matrix) => ArrayLike<number>, x: ArrayLike<number>, background: MatrixLike): (mask: number) => number {
  if (typeof predict !== 'function') throw new TypeError(`expected predict to be a function, got ${typeof predict}`);
  const B = asMatrix(background, 'background');
  const d = B.cols;
  if (x.length !== d) throw new RangeError(`expected x of length ${d} (the background's columns), got ${x.length}`);
  if (B.rows < 1) throw new RangeError('expected at least 1 background row, got 0');
  if (d > MAX_SHAPLEY_PLAYERS) throw new RangeError(`expected d <= ${MAX_SHAPLEY_PLAYERS} features, got d = ${d}`);
  const cache = new Map<number, number>();
  const rows = matrix(B.rows, d);
  return (mask: number) => {
    const hit = cache.get(mask);
    if (hit !== undefined) return hit;
    rows.data.set(B.data);
    for (let j = 0; j < d; j++) {
      if (mask & (1 << j)) for (let r = 0; r < B.rows; r++) rows.data[r * d + j] = x[j];
    }
    const pred = predict(rows);
    if (pred.length !== B.rows) throw new RangeError(`expected predict to return ${B.rows} values, got ${pred.length}`);
    let s = 0;
    for (let r = 0; r < B.rows; r++) s += pred[r];
    const val = s / B.rows;
    cache.set(mask, val);
    return val;
  };
}
