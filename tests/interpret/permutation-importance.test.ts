import { describe, expect, it } from 'vitest';
import { permutationImportance } from '../../lib/interpret/permutation-importance';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';

const negMse = (y: Float64Array, p: ArrayLike<number>) => { let s = 0; for (let i = 0; i < y.length; i++) s += (y[i] - p[i]) ** 2; return -s / y.length; };

describe('permutationImportance', () => {
  const rng = new Rng(4);
  const n = 20, d = 3;
  const X: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };
  const y = Float64Array.from({ length: n }, (_, i) => X.data[i * d]);
  const predict = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols]); // f(x) = x0

  it('gives exactly 0 to features the model ignores', () => {
    const r = permutationImportance(predict, X, y, negMse, { nRepeats: 10, seed: 1 });
    expect(r.baseline === 0).toBe(true);
    for (let k = 0; k < 10; k++) { expect(r.importances.data[1 * 10 + k] === 0).toBe(true); expect(r.importances.data[2 * 10 + k] === 0).toBe(true); }
    expect(r.std[1]).toBe(0);
  });

  it('matches the closed form E[mean (x_i - x_pi(i))^2] = 2 * population variance for f = x0, within 4 standard errors', () => {
    const reps = 4000;
    const r = permutationImportance(predict, X, y, negMse, { nRepeats: reps, seed: 2 });
    let mean = 0, v = 0;
    for (let i = 0; i < n; i++) mean += X.data[i * d] / n;
    for (let i = 0; i < n; i++) v += (X.data[i * d] - mean) ** 2 / n;
    const se = r.std[0] / Math.sqrt(reps);
    expect(Math.abs(r.mean[0] - 2 * v)).toBeLessThan(4 * se);
    expect(se).toBeLessThan(0.05 * v); // the tolerance is tight enough to catch a wrong factor
  });

  it('is reproducible with a seed and different across seeds', () => {
    const a = permutationImportance(predict, X, y, negMse, { nRepeats: 3, seed: 7 });
    const b = permutationImportance(predict, X, y, negMse, { nRepeats: 3, seed: 7 });
    const c = permutationImportance(predict, X, y, negMse, { nRepeats: 3, seed: 8 });
    expect(Array.from(a.importances.data)).toEqual(Array.from(b.importances.data));
    expect(Array.from(a.importances.data)).not.toEqual(Array.from(c.importances.data));
  });

  it('matches scikit-learn 1.2 permutation_importance given the same shuffles, to 1e-12', () => {
    // /usr/bin/python3, scikit-learn 1.2.1: an estimator predicting 2 x0 − x1 + x0 x2 on X[i, j] = (j + 1) sin(1.7 i + 0.9 j),
    // y[i] = 2 cos(0.8 i) + 0.1 i, i < 12; permutation_importance(f, X, y, scoring='neg_mean_squared_error', n_repeats=3,
    // random_state=0)['importances']. The row orders below are its shuffles (every column gets RandomState(seed) with
    // seed = RandomState(0).randint(2**31), and sklearn shuffles an index array in place each repeat, so repeat r's
    // order is the composition of the first r shuffles); checked in Python to reproduce the importances exactly.
    const m = 12;
    const Xs: Matrix = { rows: m, cols: 3, data: Float64Array.from({ length: m * 3 }, (_, k) => ((k % 3) + 1) * Math.sin(1.7 * Math.floor(k / 3) + 0.9 * (k % 3))) };
    const ys = Float64Array.from({ length: m }, (_, i) => 2 * Math.cos(0.8 * i) + 0.1 * i);
    const f = (x: Matrix) => Float64Array.from({ length: x.rows }, (_, i) => 2 * x.data[i * 3] - x.data[i * 3 + 1] + x.data[i * 3] * x.data[i * 3 + 2]);
    const perms = [[8, 7, 5, 4, 11, 1, 6, 10, 9, 0, 2, 3], [3, 9, 1, 4, 5, 11, 7, 0, 10, 6, 8, 2], [2, 0, 3, 4, 1, 11, 10, 8, 9, 5, 7, 6]];
    const sklearn = [
      [4.57768895131856, 8.433527051424434, 2.69562067772908],
      [0.24200899644850793, 3.2280074982681697, 2.6277682370394118],
      [1.231436281928608, 3.216353953460853, 3.6818322333962215],
    ];
    const r = permutationImportance(f, Xs, ys, negMse, { nRepeats: 3, permutations: (_j, rep) => perms[rep] });
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) expect(Math.abs(r.importances.data[j * 3 + k] - sklearn[j][k])).toBeLessThan(1e-12);
    expect(() => permutationImportance(f, Xs, ys, negMse, { nRepeats: 1, permutations: () => [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })).toThrow(/permutation of 0..11/);
  });

  it('rejects bad input', () => {
    expect(() => permutationImportance(predict, X, y, negMse, { nRepeats: 0, seed: 1 })).toThrow(/nRepeats >= 1/);
    expect(() => permutationImportance(predict, X, y.subarray(0, 5), negMse, { seed: 1 })).toThrow(RangeError);
    expect(() => permutationImportance(predict, X, y, 3 as unknown as typeof negMse, { seed: 1 })).toThrow(TypeError);
  });
});
