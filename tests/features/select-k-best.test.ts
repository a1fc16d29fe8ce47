// Tests for lib/features/select-k-best: F statistics equal scikit-learn 1.2.1's f_classif (to 1e-9 relative) on Iris and
// a hand-sized case; selectKBest picks the top k with the lower index winning ties.
import { describe, expect, it } from 'vitest';
import { fClassif, selectKBest } from '../../lib/features/select-k-best';
import { loadIris } from '../../lib/data/datasets';

const close = (a: ArrayLike<number>, b: number[], rel: number) =>
  b.forEach((v, j) => expect(Math.abs(a[j] - v)).toBeLessThanOrEqual(rel * Math.abs(v)));

describe('fClassif', () => {
  it('equals sklearn f_classif on Iris (python: f_classif(X, y)[0] from datasets/iris.csv)', () => {
    const iris = loadIris();
    close(fClassif({ rows: iris.n, cols: iris.d, data: iris.x }, iris.y), [119.26450218449871, 49.16004008961098, 1180.1611822529776, 960.0071468018025], 1e-9);
  });

  it('equals sklearn f_classif on a 6 x 3 case, and by hand for column 0', () => {
    const x = [[1, 2, 0.5], [2, 1, 0.1], [3, 5, 0.7], [4, 4, 0.3], [5, 3, 0.9], [6, 7, 0.2]];
    const y = [0, 0, 1, 1, 1, 0];
    const f = fClassif(x, y);
    close(f, [0.375, 0.1176470588235303, 2.951219512195121], 1e-9);
    // column 0: class means 3 and 4, grand mean 3.5: SSB = 3 * 0.25 * 2 = 1.5; SSW = (4 + 1 + 9) + (1 + 0 + 1) = 16; F = 1.5 / (16 / 4)
    expect(f[0]).toBeCloseTo(1.5 / 4, 14);
  });

  it('a constant column scores 0, a column constant within classes scores Infinity', () => {
    const f = fClassif([[1, 0], [1, 0], [1, 1], [1, 1]], [0, 0, 1, 1]);
    expect(Array.from(f)).toEqual([0, Infinity]);
  });

  it('rejects one class or too few rows', () => {
    expect(() => fClassif([[1], [2]], [0, 0])).toThrow(new RangeError('fClassif: expected at least 2 classes present, got 1'));
    expect(() => fClassif([[1], [2]], [0, 1])).toThrow(RangeError);
  });
});

describe('selectKBest', () => {
  it('top k by score, returned ascending; ties to the lower index; NaN last', () => {
    expect(Array.from(selectKBest([3, 9, NaN, 9, 1, 5], 3))).toEqual([1, 3, 5]);
    expect(Array.from(selectKBest([2, 2, 2], 2))).toEqual([0, 1]);
    expect(Array.from(selectKBest([NaN, 0], 1))).toEqual([1]);
  });
  it('rejects k out of range', () => {
    expect(() => selectKBest([1, 2], 3)).toThrow(new RangeError('selectKBest: expected k <= 2 features, got k = 3'));
    expect(() => selectKBest([1, 2], 0)).toThrow(RangeError);
  });
});
