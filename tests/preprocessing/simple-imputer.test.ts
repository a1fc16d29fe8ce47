// Tests for lib/preprocessing/simple-imputer: against scikit-learn 1.2.1's SimpleImputer (1e-12), printed by
// scripts/reference/features-sklearn.py: SimpleImputer(strategy=s[, add_indicator=True]).fit_transform(X).
import { describe, expect, it } from 'vitest';
import { SimpleImputer } from '../../lib/preprocessing/simple-imputer';

const N = NaN;
export const X_MISSING = [[1, 2, N, 4], [3, N, 1.5, 0.5], [N, 6, 2.5, 1], [7, 8, N, 2], [2, 2, 2, N], [5, 1, 0.5, 3], [4, N, 3.5, 3.5]];

function close(actual: Float64Array, expected: number[][]): void {
  const flat = expected.flat();
  expect(actual.length).toBe(flat.length);
  flat.forEach((v, i) => expect(Math.abs(actual[i] - v), `entry ${i}`).toBeLessThan(1e-12));
}

describe('SimpleImputer', () => {
  it("strategy 'mean'", () => {
    close(new SimpleImputer().fitTransform(X_MISSING).data, [[1.0, 2.0, 2.0, 4.0], [3.0, 3.8, 1.5, 0.5], [3.6666666666666665, 6.0, 2.5, 1.0], [7.0, 8.0, 2.0, 2.0], [2.0, 2.0, 2.0, 2.3333333333333335], [5.0, 1.0, 0.5, 3.0], [4.0, 3.8, 3.5, 3.5]]);
  });
  it("strategy 'median'", () => {
    close(new SimpleImputer({ strategy: 'median' }).fitTransform(X_MISSING).data, [[1.0, 2.0, 2.0, 4.0], [3.0, 2.0, 1.5, 0.5], [3.5, 6.0, 2.5, 1.0], [7.0, 8.0, 2.0, 2.0], [2.0, 2.0, 2.0, 2.5], [5.0, 1.0, 0.5, 3.0], [4.0, 2.0, 3.5, 3.5]]);
  });
  it("strategy 'mostFrequent' (smallest of tied modes, as scikit-learn's most_frequent)", () => {
    close(new SimpleImputer({ strategy: 'mostFrequent' }).fitTransform(X_MISSING).data, [[1.0, 2.0, 0.5, 4.0], [3.0, 2.0, 1.5, 0.5], [1.0, 6.0, 2.5, 1.0], [7.0, 8.0, 0.5, 2.0], [2.0, 2.0, 2.0, 0.5], [5.0, 1.0, 0.5, 3.0], [4.0, 2.0, 3.5, 3.5]]);
  });
  it('add_indicator=True appends one 0/1 column per column with a missing value', () => {
    const imp = new SimpleImputer({ addIndicator: true }).fit(X_MISSING);
    expect(imp.nOutputs).toBe(8);
    close(imp.transform(X_MISSING).data, [[1.0, 2.0, 2.0, 4.0, 0.0, 0.0, 1.0, 0.0], [3.0, 3.8, 1.5, 0.5, 0.0, 1.0, 0.0, 0.0], [3.6666666666666665, 6.0, 2.5, 1.0, 1.0, 0.0, 0.0, 0.0], [7.0, 8.0, 2.0, 2.0, 0.0, 0.0, 1.0, 0.0], [2.0, 2.0, 2.0, 2.3333333333333335, 0.0, 0.0, 0.0, 1.0], [5.0, 1.0, 0.5, 3.0, 0.0, 0.0, 0.0, 0.0], [4.0, 3.8, 3.5, 3.5, 0.0, 1.0, 0.0, 0.0]]);
  });
  it("strategy 'constant', and statistics from fit reused on new rows", () => {
    close(new SimpleImputer({ strategy: 'constant', fillValue: -1 }).fit(X_MISSING).transform([[N, 1, 1, 1]]).data, [[-1, 1, 1, 1]]);
    close(new SimpleImputer().fit([[1], [3]]).transform([[N], [5]]).data, [[2], [5]]);
  });
  it('rejects an all-missing column, infinities and a wrong width', () => {
    expect(() => new SimpleImputer().fit([[N, 1], [N, 2]])).toThrow(/column 0/);
    expect(() => new SimpleImputer().fit([[Infinity]])).toThrow(RangeError);
    expect(() => new SimpleImputer().fit([[1, 2]]).transform([[1]])).toThrow(RangeError);
    expect(() => new SimpleImputer({ strategy: 'mode' as 'mean' })).toThrow(RangeError);
  });
});
