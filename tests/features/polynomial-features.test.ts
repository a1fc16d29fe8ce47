// Tests for lib/features/polynomial-features: against a brute-force enumeration of exponent vectors (exact, as a
// multiset of columns), scikit-learn's documented column order for d = 2 (hand-computed, exact), the count formula
// C(d + k, k), and an exact-polynomial fit that recovers its coefficients (1e-8).
import { describe, expect, it } from 'vitest';
import { polynomialFeatureCount, polynomialFeatureNames, polynomialFeatures, polynomialPowers } from '../../lib/features/polynomial-features';
import { LinearRegression } from '../../lib/linear/linear-regression';
import { Rng } from '../../lib/core/random';

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Every exponent vector a (length d, a_j >= 0) with 1 <= sum a <= degree: the monomials prod x_j^a_j. */
function bruteForce(row: number[], degree: number): number[] {
  const d = row.length;
  const out: number[] = [];
  const a = new Array<number>(d).fill(0);
  const rec = (j: number, left: number) => {
    if (j === d) {
      const total = a.reduce((s, v) => s + v, 0);
      if (total >= 1) out.push(a.reduce((p, e, i) => p * row[i] ** e, 1));
      return;
    }
    for (let e = 0; e <= left; e++) { a[j] = e; rec(j + 1, left - e); }
  };
  rec(0, degree);
  return out;
}

describe('polynomialFeatures', () => {
  it('d = 2, degree 3 in scikit-learn order: 1, a, b, a^2, ab, b^2, a^3, a^2 b, a b^2, b^3 (hand-computed)', () => {
    const m = polynomialFeatures([[2, 3]], 3, { includeBias: true });
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 6, 9, 8, 12, 18, 27]);
    expect(polynomialFeatureNames(['a', 'b'], 3, { includeBias: true })).toEqual(['1', 'a', 'b', 'a^2', 'a b', 'b^2', 'a^3', 'a^2 b', 'a b^2', 'b^3']);
  });

  it('1-D input gives the Vandermonde columns x, x^2, ..., x^k', () => {
    const m = polynomialFeatures(Float64Array.of(0.5, -2), 4);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(4);
    expect(Array.from(m.data)).toEqual([0.5, 0.25, 0.125, 0.0625, -2, 4, -8, 16]);
  });

  it('matches a brute-force enumeration of exponent vectors (same multiset of columns, exact) for d = 1..4, degree 1..4', () => {
    const rng = new Rng(3);
    for (let d = 1; d <= 4; d++) {
      for (let degree = 1; degree <= 4; degree++) {
        // small non-zero integers keep every product exact in floating point (and avoid -0 vs +0)
        const row = Array.from({ length: d }, () => (rng.int(3) + 1) * (rng.random() < 0.5 ? -1 : 1));
        const mine = Array.from(polynomialFeatures([row], degree).data).sort((p, q) => p - q);
        const ref = bruteForce(row, degree).sort((p, q) => p - q);
        expect(mine).toEqual(ref);
        expect(polynomialFeatureCount(d, degree)).toBe(binom(d + degree, degree) - 1);
        expect(polynomialFeatureCount(d, degree, { includeBias: true })).toBe(binom(d + degree, degree));
      }
    }
  });

  it('interactionOnly keeps products of distinct columns: sum_{k<=deg} C(d, k) columns', () => {
    expect(polynomialPowers(3, 3, { interactionOnly: true })).toEqual([[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]]);
    expect(Array.from(polynomialFeatures([[2, 3, 5]], 3, { interactionOnly: true }).data)).toEqual([2, 3, 5, 6, 10, 15, 30]);
    expect(polynomialFeatureCount(4, 9, { interactionOnly: true })).toBe(15);
  });

  it('degree 0 with the bias column is a column of ones', () => {
    expect(Array.from(polynomialFeatures([[4], [5]], 0, { includeBias: true }).data)).toEqual([1, 1]);
  });

  it('an exact cubic is recovered by least squares on its features (1e-8)', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => -1 + i / 10);
    const y = x.map((v) => 0.5 - 2 * v + 0.25 * v ** 2 + 3 * v ** 3);
    const model = new LinearRegression().fit(polynomialFeatures(x, 3), y);
    expect(model.intercept).toBeCloseTo(0.5, 8);
    [-2, 0.25, 3].forEach((c, j) => expect(model.weights[j]).toBeCloseTo(c, 8));
  });

  it('rejects bad degrees, NaN, empty columns and non-numeric input', () => {
    expect(() => polynomialFeatures([1, 2], -1)).toThrow(RangeError);
    expect(() => polynomialFeatures([1, 2], 1.5)).toThrow(RangeError);
    expect(() => polynomialFeatures([1, 2], 0)).toThrow(/at least one output column/);
    expect(() => polynomialFeatures([1, NaN], 2)).toThrow(RangeError);
    expect(() => polynomialFeatures([[], []], 2)).toThrow(RangeError);
    expect(() => polynomialFeatures('abc' as unknown as number[], 2)).toThrow(TypeError);
    expect(() => polynomialPowers(0, 2)).toThrow(RangeError);
  });
});
