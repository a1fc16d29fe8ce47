// Polynomial feature expansion: every monomial of the input columns up to a given degree (like scikit-learn's PolynomialFeatures).
import { asMatrix, asVector, type Matrix, type MatrixLike } from '../core/matrix';

export interface PolynomialFeaturesOptions {
  /** Include the constant column 1 (degree 0). Default false: LinearRegression fits its own intercept. */
  includeBias: boolean;
  /** Only products of distinct columns (x0 x1, not x0^2). Default false. */
  interactionOnly: boolean;
}

export const polynomialFeaturesDefaults: Readonly<PolynomialFeaturesOptions> = { includeBias: false, interactionOnly: false };

/**
 * The monomials of d variables up to `degree`, each as the list of column indices it multiplies (non-decreasing),
 * in scikit-learn's order: by degree, then lexicographically. [] is the constant 1.
 * For d = 2, degree 2: [], [0], [1], [0,0], [0,1], [1,1].
 */
export function polynomialPowers(d: number, degree: number, options: Partial<PolynomialFeaturesOptions> = {}): number[][] {
  const o = { ...polynomialFeaturesDefaults, ...options };
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`expected d >= 1 input columns, got d = ${d}`);
  if (!Number.isInteger(degree) || degree < 0) throw new RangeError(`expected an integer degree >= 0, got degree = ${degree}`);
  const out: number[][] = [];
  if (o.includeBias) out.push([]);
  let current: number[][] = [[]];
  for (let deg = 1; deg <= degree; deg++) {
    const next: number[][] = [];
    for (const combo of current) {
      const start = combo.length === 0 ? 0 : combo[combo.length - 1] + (o.interactionOnly ? 1 : 0);
      for (let j = start; j < d; j++) next.push([...combo, j]);
    }
    out.push(...next);
    current = next;
    if (next.length === 0) break;
  }
  return out;
}

/**
 * Number of output columns: C(d + degree, degree) with the bias (minus 1 without it); with `interactionOnly`,
 * sum_{k <= degree} C(d, k).
 */
export function polynomialFeatureCount(d: number, degree: number, options: Partial<PolynomialFeaturesOptions> = {}): number {
  return polynomialPowers(d, degree, options).length;
}

/**
 * Expands x into all monomials of its columns up to `degree`.
 * @param x - n x d (a Matrix or array of rows), or a 1-D array of n values (treated as n x 1)
 * @param degree - highest total degree (>= 0; degree 0 with includeBias gives the column of ones)
 * @returns n x p, p = polynomialFeatureCount(d, degree, options), columns in polynomialPowers order
 * @throws TypeError for non-numeric input; RangeError for a bad degree, no columns, NaN, or no output column
 */
export function polynomialFeatures(x: MatrixLike | ArrayLike<number>, degree: number, options: Partial<PolynomialFeaturesOptions> = {}): Matrix {
  const X = toMatrix(x);
  if (X.cols < 1) throw new RangeError('expected x with at least 1 column, got 0');
  const powers = polynomialPowers(X.cols, degree, options);
  if (powers.length === 0) throw new RangeError(`expected at least one output column, got none for degree = ${degree} without includeBias`);
  const n = X.rows, d = X.cols, p = powers.length;
  const out = new Float64Array(n * p);
  // Each monomial extends a shorter one by one factor: reuse the parent's column (one multiply per entry).
  const parent = new Int32Array(p).fill(-1);
  const index = new Map<string, number>();
  powers.forEach((combo, c) => index.set(combo.join(','), c));
  powers.forEach((combo, c) => { if (combo.length > 1) parent[c] = index.get(combo.slice(0, -1).join(',')) ?? -1; });
  for (let i = 0; i < n; i++) {
    const base = i * p;
    for (let c = 0; c < p; c++) {
      const combo = powers[c];
      if (combo.length === 0) out[base + c] = 1;
      else if (combo.length === 1) out[base + c] = X.data[i * d + combo[0]];
      else if (parent[c] >= 0) out[base + c] = out[base + parent[c]] * X.data[i * d + combo[combo.length - 1]];
      else {
        let v = 1;
        for (const j of combo) v *= X.data[i * d + j];
        out[base + c] = v;
      }
    }
  }
  return { rows: n, cols: p, data: out };
}

/** Human-readable names of the output columns, e.g. ['x', 'x^2'] or ['a', 'b', 'a^2', 'a b', 'b^2']. */
export function polynomialFeatureNames(names: string[], degree: number, options: Partial<PolynomialFeaturesOptions> = {}): string[] {
  return polynomialPowers(names.length, degree, options).map((combo) => {
    if (combo.length === 0) return '1';
    const counts = new Map<number, number>();
    for (const j of combo) counts.set(j, (counts.get(j) ?? 0) + 1);
    return [...counts.entries()].map(([j, k]) => (k === 1 ? names[j] : `${names[j]}^${k}`)).join(' ');
  });
}

function toMatrix(x: MatrixLike | ArrayLike<number>): Matrix {
  if (Array.isArray(x) && x.length > 0 && typeof x[0] === 'number') {
    const v = asVector(x, 'x');
    return { rows: v.length, cols: 1, data: v };
  }
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const v = asVector(x, 'x');
    return { rows: v.length, cols: 1, data: v };
  }
  return asMatrix(x, 'x');
}
