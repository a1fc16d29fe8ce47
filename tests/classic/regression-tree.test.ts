// Tests for lib/classic/regression-tree: splits and leaf means against ml-cart's DecisionTreeRegression on continuous
// data (same predictions to 1e-9 at depths 1-4), a hand-computed stump, weights, errors.
import { describe, expect, it } from 'vitest';
import { DecisionTreeRegression as CARTRegression } from 'ml-cart';
import { DecisionTreeRegressor, type RegressionTree } from '../../lib/classic/regression-tree';
import { toRows } from '../../lib/core/matrix';
import { wavy } from './helpers';

describe('DecisionTreeRegressor against ml-cart DecisionTreeRegression', () => {
  for (const seed of [1, 2, 3]) {
    it(`wavy data seed ${seed}: identical predictions (1e-9) at depths 1-4 on train and test rows`, () => {
      const train = wavy(seed, 200, 3), test = wavy(seed + 100, 100, 3);
      for (const depth of [1, 2, 3, 4]) {
        const mine = new DecisionTreeRegressor({ maxDepth: depth, minSamplesSplit: 2 }).fit(train.x, train.y);
        const ref = new CARTRegression({ maxDepth: depth, minNumSamples: 1 });
        ref.train(toRows(train.x), Array.from(train.y));
        for (const set of [train, test]) {
          const a = mine.predict(set.x), b = ref.predict(toRows(set.x));
          for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-9);
        }
      }
    });
  }
});

describe('DecisionTreeRegressor behaviour', () => {
  it('hand-computed stump: x = 1..6, y = 1 1 1 5 5 6 -> split at 3.5, leaves 1 and 16/3', () => {
    const tree = new DecisionTreeRegressor({ maxDepth: 1 }).fit([[1], [2], [3], [4], [5], [6]], [1, 1, 1, 5, 5, 6]);
    const t = tree.tree as RegressionTree;
    expect(t.feature[0]).toBe(0);
    expect(t.threshold[0]).toBe(3.5);
    expect(Array.from(tree.predict([[0], [3.5], [3.6], [10]]))).toEqual([1, 1, 16 / 3, 16 / 3]);
    // variance decrease: var(y) - (3/6 * 0 + 3/6 * var(5, 5, 6))
    const mean = 19 / 6, varAll = [1, 1, 1, 5, 5, 6].reduce((s, v) => s + (v - mean) ** 2, 0) / 6;
    const varRight = [5, 5, 6].reduce((s, v) => s + (v - 16 / 3) ** 2, 0) / 3;
    expect(t.gain[0]).toBeCloseTo(varAll - 0.5 * varRight, 12);
    expect(t.impurity[0]).toBeCloseTo(varAll, 12);
  });

  it('fully grown on distinct x it interpolates the training targets; R^2 on training data is 1', () => {
    const { x, y } = wavy(4, 100);
    const tree = new DecisionTreeRegressor().fit(x, y);
    const p = tree.predict(x);
    for (let i = 0; i < y.length; i++) expect(p[i]).toBeCloseTo(y[i], 12);
    expect(tree.score(x, y)).toBeCloseTo(1, 12);
  });

  it('integer weights equal repeated rows; minSamplesLeaf is respected', () => {
    const { x, y } = wavy(5, 80);
    const w = Array.from({ length: 80 }, (_, i) => 1 + (i % 2));
    const rows: number[][] = [], ys: number[] = [];
    toRows(x).forEach((r, i) => { for (let c = 0; c < w[i]; c++) { rows.push(r); ys.push(y[i]); } });
    const a = new DecisionTreeRegressor({ maxDepth: 3 }).fit(x, y, w).predict(x);
    const b = new DecisionTreeRegressor({ maxDepth: 3 }).fit(rows, ys).predict(x);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 10);
    const t = new DecisionTreeRegressor({ minSamplesLeaf: 7 }).fit(x, y).tree as RegressionTree;
    for (let i = 0; i < t.nodeCount; i++) if (t.feature[i] < 0) expect(t.nSamples[i]).toBeGreaterThanOrEqual(7);
  });

  it('errors', () => {
    expect(() => new DecisionTreeRegressor().fit([], [])).toThrow(RangeError);
    expect(() => new DecisionTreeRegressor().fit([[1], [2]], [1])).toThrow(/2 values/);
    expect(() => new DecisionTreeRegressor().fit([[1], [2]], [1, NaN])).toThrow(/finite/);
    expect(() => new DecisionTreeRegressor({ minSamplesLeaf: 0 })).toThrow(RangeError);
    expect(() => new DecisionTreeRegressor().predict([[1]])).toThrow(/call fit/);
  });
});
