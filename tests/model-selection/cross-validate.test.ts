// Tests for lib/model-selection/cross-validate: a hand-computed mean-predictor case (exact), leave-one-out CV of least
// squares against the closed-form PRESS statistic mean((e_i / (1 - h_ii))^2) with the hat matrix from ml-matrix
// (1e-9 relative), stratified and given folds, and error paths.
import { describe, expect, it } from 'vitest';
import { Matrix as MlMatrix, inverse } from 'ml-matrix';
import { crossValidate, meanStd, takeMatrixRows } from '../../lib/model-selection/cross-validate';
import { kFold, stratifiedKFold } from '../../lib/model-selection/k-fold';
import { LinearRegression, meanSquaredError } from '../../lib/linear/linear-regression';
import { toRows, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

const meanModel = {
  fit: (_x: Matrix, y: Float64Array) => y.reduce((s, v) => s + v, 0) / y.length,
  score: (m: number, _x: Matrix, y: Float64Array) => y.reduce((s, v) => s + (v - m) ** 2, 0) / y.length,
};

const olsModel = {
  fit: (x: Matrix, y: Float64Array) => new LinearRegression().fit(x, y),
  score: (m: LinearRegression, x: Matrix, y: Float64Array) => meanSquaredError(y, m.predict(x)),
};

describe('crossValidate', () => {
  it('hand case: y = [1,2,3,4], k = 2, no shuffle, predict the training mean: test MSE 4.25 and train MSE 0.25 per fold', () => {
    const res = crossValidate([[0], [0], [0], [0]], Float64Array.of(1, 2, 3, 4), meanModel, { k: 2, shuffle: false });
    expect(Array.from(res.testScores)).toEqual([4.25, 4.25]);
    expect(Array.from(res.trainScores)).toEqual([0.25, 0.25]);
    expect(res.testMean).toBe(4.25);
    expect(res.testStd).toBe(0);
  });

  it('leave-one-out MSE of least squares equals the PRESS closed form with the hat matrix (1e-9 relative)', () => {
    const rng = new Rng(5);
    const n = 30, d = 3;
    const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
    const y = Float64Array.from(rows, (r) => 1 + 2 * r[0] - r[1] + 0.5 * r[2] + 0.3 * rng.normal());
    const res = crossValidate(rows, y, olsModel, { k: n, shuffle: false, returnTrainScore: false });
    // Reference: A = [1 X], H = A (A^T A)^-1 A^T, e = y - H y, LOO residual_i = e_i / (1 - H_ii)
    const A = new MlMatrix(rows.map((r) => [1, ...r]));
    const H = A.mmul(inverse(A.transpose().mmul(A))).mmul(A.transpose());
    const Y = MlMatrix.columnVector(Array.from(y));
    const e = Y.sub(H.mmul(Y));
    let press = 0;
    for (let i = 0; i < n; i++) press += (e.get(i, 0) / (1 - H.get(i, i))) ** 2;
    press /= n;
    expect(Math.abs(res.testMean - press) / press).toBeLessThan(1e-9);
    expect(res.trainScores.every(Number.isNaN)).toBe(true);
  });

  it('uses given folds as they are and stratifies on request', () => {
    const rng = new Rng(2);
    const x = Array.from({ length: 20 }, () => [rng.normal()]);
    const labels = Int32Array.from({ length: 20 }, (_, i) => (i < 15 ? 0 : 1));
    const folds = kFold(20, 4, { seed: 8 });
    const seenTest: number[][] = [];
    const est = {
      fit: (_x: Matrix, y: Int32Array) => y.length,
      score: (_m: number, _x: Matrix, y: Int32Array) => { seenTest.push(Array.from(y)); return y.reduce((s, v) => s + v, 0); },
    };
    const res = crossValidate(x, labels, est, { folds, returnTrainScore: false });
    expect(res.folds).toBe(folds);
    expect(seenTest.map((t) => t.length)).toEqual(folds.map((f) => f.test.length));
    // stratified: 5 positives over 5 folds -> exactly one positive per test fold
    const strat = crossValidate(x, labels, { fit: () => 0, score: (_m: number, _x: Matrix, y: Int32Array) => y.reduce((s, v) => s + v, 0) }, { k: 5, stratify: true, seed: 1 });
    expect(Array.from(strat.testScores)).toEqual([1, 1, 1, 1, 1]);
    const same = stratifiedKFold(labels, 5, { seed: 1 });
    expect(strat.folds.map((f) => Array.from(f.test))).toEqual(same.map((f) => Array.from(f.test)));
  });

  it('rejects mismatched lengths, a plain-array y, k > n, bad estimators and out-of-range folds', () => {
    const x = [[1], [2], [3]];
    expect(() => crossValidate(x, Float64Array.of(1, 2), meanModel, { seed: 1 })).toThrow(RangeError);
    expect(() => crossValidate(x, [1, 2, 3] as unknown as Float64Array, meanModel, { seed: 1 })).toThrow(TypeError);
    expect(() => crossValidate(x, Float64Array.of(1, 2, 3), meanModel, { k: 4, seed: 1 })).toThrow('expected k <= 3 samples, got k = 4');
    expect(() => crossValidate(x, Float64Array.of(1, 2, 3), {} as typeof meanModel, { seed: 1 })).toThrow(TypeError);
    expect(() => crossValidate(x, Float64Array.of(1, 2, 3), meanModel, { folds: [{ train: Int32Array.of(0), test: Int32Array.of(5) }] })).toThrow(RangeError);
    expect(() => crossValidate([[NaN], [1]], Float64Array.of(1, 2), meanModel, { k: 2, seed: 1 })).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('takeMatrixRows gathers rows in order and meanStd uses ddof = 1', () => {
    const m = takeMatrixRows({ rows: 3, cols: 2, data: Float64Array.of(1, 2, 3, 4, 5, 6) }, [2, 0, 2]);
    expect(toRows(m)).toEqual([[5, 6], [1, 2], [5, 6]]);
    expect(() => takeMatrixRows(m, [3])).toThrow(RangeError);
    const s = meanStd([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 15);
  });
});
