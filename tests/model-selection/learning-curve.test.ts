// Tests for lib/model-selection/learning-curve: at full size the validation scores equal crossValidate on the same
// folds (least squares does not depend on row order: 1e-10 relative); sizes from fractions and counts (exact);
// noise-free linear data gives ~0 error once m > d (1e-20 absolute); reproducibility and error paths.
import { describe, expect, it } from 'vitest';
import { learningCurve } from '../../lib/model-selection/learning-curve';
import { crossValidate } from '../../lib/model-selection/cross-validate';
import { kFold } from '../../lib/model-selection/k-fold';
import { LinearRegression, meanSquaredError } from '../../lib/linear/linear-regression';
import { makeLinear } from '../../lib/data/synthetic';
import type { Matrix } from '../../lib/core/matrix';

const ols = {
  fit: (x: Matrix, y: Float64Array) => new LinearRegression().fit(x, y),
  score: (m: LinearRegression, x: Matrix, y: Float64Array) => meanSquaredError(y, m.predict(x)),
};
const data = makeLinear({ n: 50, d: 3, noise: 0.5, seed: 3 });
const X: Matrix = { rows: 50, cols: 3, data: data.x };

describe('learningCurve', () => {
  it('at the full training size, validation scores equal crossValidate on the same folds (1e-10 relative)', () => {
    const folds = kFold(50, 5, { seed: 7 });
    const lc = learningCurve(X, data.y, ols, { folds, trainSizes: [0.5, 1], seed: 1 });
    const cv = crossValidate(X, data.y, ols, { folds });
    for (let f = 0; f < 5; f++) {
      expect(Math.abs(lc.validationScores[1][f] - cv.testScores[f]) / cv.testScores[f]).toBeLessThan(1e-10);
      expect(Math.abs(lc.trainScores[1][f] - cv.trainScores[f]) / cv.trainScores[f]).toBeLessThan(1e-10);
    }
    expect(Array.from(lc.sizes)).toEqual([20, 40]);
  });

  it('fractions become floor(f * smallest training part), counts are kept; means and stds have one entry per size', () => {
    const lc = learningCurve(X, data.y, ols, { trainSizes: [0.1, 0.55, 10, 40], k: 5, seed: 2 });
    expect(Array.from(lc.sizes)).toEqual([4, 22, 10, 40]);
    expect(lc.trainMean.length).toBe(4);
    expect(lc.validationStd.length).toBe(4);
    expect(lc.trainScores[0].length).toBe(5);
  });

  it('noise-free linear data: zero train and validation error once m > d + 1', () => {
    const clean = makeLinear({ n: 40, d: 2, noise: 0, seed: 5 });
    const lc = learningCurve({ rows: 40, cols: 2, data: clean.x }, clean.y, ols, { trainSizes: [5, 32], k: 5, seed: 4 });
    for (const row of [...lc.trainScores, ...lc.validationScores]) for (const v of row) expect(v).toBeLessThan(1e-20);
  });

  it('noisy data: the training error grows and the validation error falls as m grows (means, from m = 5 to 40)', () => {
    const lc = learningCurve(X, data.y, ols, { trainSizes: [5, 40], k: 5, seed: 6 });
    expect(lc.trainMean[1]).toBeGreaterThan(lc.trainMean[0]);
    expect(lc.validationMean[1]).toBeLessThan(lc.validationMean[0]);
  });

  it('is reproducible with a seed', () => {
    const a = learningCurve(X, data.y, ols, { seed: 9 }), b = learningCurve(X, data.y, ols, { seed: 9 });
    expect(Array.from(a.validationMean)).toEqual(Array.from(b.validationMean));
  });

  it('rejects sizes above the smallest training part, non-positive sizes, and mismatched y', () => {
    expect(() => learningCurve(X, data.y, ols, { trainSizes: [41], seed: 1 })).toThrow('expected train sizes <= 40 rows');
    expect(() => learningCurve(X, data.y, ols, { trainSizes: [0], seed: 1 })).toThrow(RangeError);
    expect(() => learningCurve(X, data.y, ols, { trainSizes: [2.5], seed: 1 })).toThrow(RangeError);
    expect(() => learningCurve(X, data.y, ols, { trainSizes: [], seed: 1 })).toThrow(RangeError);
    expect(() => learningCurve(X, data.y.subarray(1), ols, { seed: 1 })).toThrow(RangeError);
  });
});
