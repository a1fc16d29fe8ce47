// Tests for lib/preprocessing/knn-imputer: against scikit-learn 1.2.1's KNNImputer and nan_euclidean_distances
// (1e-12), printed by scripts/reference/features-sklearn.py: KNNImputer(n_neighbors=k).fit_transform(X), and
// KNNImputer(n_neighbors=2).fit(X).transform(Xt) for rows with two missing values.
import { describe, expect, it } from 'vitest';
import { KNNImputer, nanEuclidean } from '../../lib/preprocessing/knn-imputer';

const N = NaN;
const X = [[1, 2, N, 4], [3, N, 1.5, 0.5], [N, 6, 2.5, 1], [7, 8, N, 2], [2, 2, 2, N], [5, 1, 0.5, 3], [4, N, 3.5, 3.5]];
const REF: Record<number, number[][]> = {
  1: [[1.0, 2.0, 2.0, 4.0], [3.0, 6.0, 1.5, 0.5], [3.0, 6.0, 2.5, 1.0], [7.0, 8.0, 2.5, 2.0], [2.0, 2.0, 2.0, 4.0], [5.0, 1.0, 0.5, 3.0], [4.0, 2.0, 3.5, 3.5]],
  2: [[1.0, 2.0, 2.75, 4.0], [3.0, 4.0, 1.5, 0.5], [5.0, 6.0, 2.5, 1.0], [7.0, 8.0, 3.0, 2.0], [2.0, 2.0, 2.0, 2.25], [5.0, 1.0, 0.5, 3.0], [4.0, 1.5, 3.5, 3.5]],
  3: [[1.0, 2.0, 2.0, 4.0], [3.0, 3.0, 1.5, 0.5], [4.666666666666667, 6.0, 2.5, 1.0], [7.0, 8.0, 2.5, 2.0], [2.0, 2.0, 2.0, 2.6666666666666665], [5.0, 1.0, 0.5, 3.0], [4.0, 3.0, 3.5, 3.5]],
};

function close(actual: Float64Array, expected: number[][]): void {
  const flat = expected.flat();
  expect(actual.length).toBe(flat.length);
  flat.forEach((v, i) => expect(Math.abs(actual[i] - v), `entry ${i}`).toBeLessThan(1e-12));
}

describe('nanEuclidean', () => {
  it('matches nan_euclidean_distances on the first three rows', () => {
    expect(Math.abs(nanEuclidean(X[0], X[1]) - 5.70087712549569)).toBeLessThan(1e-12);
    expect(Math.abs(nanEuclidean(X[0], X[2]) - 7.0710678118654755)).toBeLessThan(1e-12);
    expect(Math.abs(nanEuclidean(X[1], X[2]) - 1.5811388300841898)).toBeLessThan(1e-12);
    expect(nanEuclidean([N, 1], [1, N])).toBeNaN();
  });
});

describe('KNNImputer', () => {
  for (const k of [1, 2, 3]) {
    it(`matches KNNImputer(n_neighbors=${k}).fit_transform`, () => {
      close(new KNNImputer({ k }).fitTransform(X).data, REF[k]);
    });
  }
  it('imputes new rows from the training donors, several missing values per row', () => {
    close(new KNNImputer({ k: 2 }).fit(X).transform([[N, N, 1, 1], [6, 7, N, N]]).data, [[5.0, 5.0, 1.0, 1.0], [6.0, 7.0, 3.0, 1.5]]);
  });
  it('a row with no comparable donor gets the training column mean', () => {
    close(new KNNImputer({ k: 1 }).fit([[1, N], [3, N], [N, 5]]).transform([[N, 7]]).data, [[2, 7]]);
  });
  it('rejects bad options and input', () => {
    expect(() => new KNNImputer({ k: 0 })).toThrow(RangeError);
    expect(() => new KNNImputer().fit([[N], [N]])).toThrow(/column 0/);
    expect(() => new KNNImputer().transform([[1]])).toThrow(/fit/);
  });
});
