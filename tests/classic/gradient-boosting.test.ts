// Tests for lib/classic/gradient-boosting: the whole boosted model against the same boosting loop written in the test
// around ml-cart regression trees (predictions and log-odds to 1e-9), monotone training loss, shrinkage, errors.
import { describe, expect, it } from 'vitest';
import { DecisionTreeRegression as CARTRegression, type CartNode } from 'ml-cart';
import { GradientBoostingClassifier, GradientBoostingRegressor } from '../../lib/classic/gradient-boosting';
import { toRows } from '../../lib/core/matrix';
import { moons, split, wavy } from './helpers';

/** The ml-cart leaf a row reaches (ml-cart sends x < threshold left). */
function cartLeaf(node: CartNode, row: number[]): CartNode {
  while (node.left && node.right) node = row[node.splitColumn as number] < (node.splitValue as number) ? node.left : node.right;
  return node;
}

describe('GradientBoostingRegressor against a boosting loop over ml-cart trees', () => {
  for (const depth of [1, 2]) {
    it(`depth ${depth}, 60 stages, learning rate 0.1: predictions equal to 1e-9 on train and test`, () => {
      const train = wavy(31, 200), test = wavy(32, 100);
      const X = toRows(train.x), Xt = toRows(test.x);
      const mine = new GradientBoostingRegressor({ nEstimators: 60, learningRate: 0.1, maxDepth: depth }).fit(train.x, train.y);
      const mean = train.y.reduce((s, v) => s + v, 0) / train.y.length;
      const F = new Array<number>(X.length).fill(mean), Ft = new Array<number>(Xt.length).fill(mean);
      for (let t = 0; t < 60; t++) {
        const tree = new CARTRegression({ maxDepth: depth, minNumSamples: 1 });
        tree.train(X, X.map((_, i) => train.y[i] - F[i]));
        const p = tree.predict(X), pt = tree.predict(Xt);
        for (let i = 0; i < F.length; i++) F[i] += 0.1 * p[i];
        for (let i = 0; i < Ft.length; i++) Ft[i] += 0.1 * pt[i];
      }
      const a = mine.predict(train.x), b = mine.predict(test.x);
      for (let i = 0; i < F.length; i++) expect(Math.abs(a[i] - F[i])).toBeLessThan(1e-9);
      for (let i = 0; i < Ft.length; i++) expect(Math.abs(b[i] - Ft[i])).toBeLessThan(1e-9);
    });
  }

  it('training MSE never increases; staged predictions end at predict(); the start is the mean', () => {
    const { x, y } = wavy(33, 150);
    const gb = new GradientBoostingRegressor({ nEstimators: 80, learningRate: 0.2 }).fit(x, y);
    for (let t = 1; t < gb.trainLoss.length; t++) expect(gb.trainLoss[t]).toBeLessThanOrEqual(gb.trainLoss[t - 1] + 1e-12);
    const staged = gb.stagedPredict(x);
    expect(staged.rows).toBe(81);
    const last = gb.predict(x);
    for (let i = 0; i < x.rows; i++) {
      expect(staged.data[80 * x.rows + i]).toBeCloseTo(last[i], 12);
      expect(staged.data[i]).toBeCloseTo(gb.init, 12);
    }
    expect(gb.score(x, y)).toBeGreaterThan(0.8);
  });

  it('subsample < 1 is seeded (same seed, same model) and still lowers the training error', () => {
    const { x, y } = wavy(34, 150);
    const a = new GradientBoostingRegressor({ subsample: 0.5, seed: 3 }).fit(x, y).predict(x);
    const b = new GradientBoostingRegressor({ subsample: 0.5, seed: 3 }).fit(x, y).predict(x);
    expect(Array.from(a)).toEqual(Array.from(b));
    const gb = new GradientBoostingRegressor({ subsample: 0.5, seed: 3 }).fit(x, y);
    expect(gb.trainLoss[gb.trainLoss.length - 1]).toBeLessThan(gb.trainLoss[0] / 2);
  });
});

describe('GradientBoostingClassifier against a log-loss boosting loop over ml-cart trees with Newton leaves', () => {
  for (const depth of [1, 2]) {
    it(`depth ${depth}, 40 stages: log-odds equal to 1e-9`, () => {
      const { train, test } = split(moons(35, 300, 0.3), 1);
      const X = toRows(train.x), Xt = toRows(test.x);
      const y = Array.from(train.y);
      const mine = new GradientBoostingClassifier({ nEstimators: 40, learningRate: 0.3, maxDepth: depth }).fit(train.x, train.y);
      const p1 = y.reduce((s, v) => s + v, 0) / y.length;
      const F = new Array<number>(X.length).fill(Math.log(p1 / (1 - p1)));
      const Ft = new Array<number>(Xt.length).fill(F[0]);
      const sigma = (z: number) => 1 / (1 + Math.exp(-z));
      for (let t = 0; t < 40; t++) {
        const tree = new CARTRegression({ maxDepth: depth, minNumSamples: 1 });
        tree.train(X, X.map((_, i) => y[i] - sigma(F[i])));
        const num = new Map<CartNode, number>(), den = new Map<CartNode, number>();
        X.forEach((row, i) => {
          const leaf = cartLeaf(tree.root, row);
          const p = sigma(F[i]);
          num.set(leaf, (num.get(leaf) ?? 0) + y[i] - p);
          den.set(leaf, (den.get(leaf) ?? 0) + p * (1 - p));
        });
        const gamma = (leaf: CartNode) => (num.get(leaf) as number) / (den.get(leaf) as number);
        X.forEach((row, i) => { F[i] += 0.3 * gamma(cartLeaf(tree.root, row)); });
        Xt.forEach((row, i) => { Ft[i] += 0.3 * gamma(cartLeaf(tree.root, row)); });
      }
      const a = mine.decisionFunction(train.x), b = mine.decisionFunction(test.x);
      for (let i = 0; i < F.length; i++) expect(Math.abs(a[i] - F[i])).toBeLessThan(1e-9);
      for (let i = 0; i < Ft.length; i++) expect(Math.abs(b[i] - Ft[i])).toBeLessThan(1e-9);
      expect(mine.score(test.x, test.y)).toBeGreaterThan(0.8);
    });
  }

  it('the start is the log-odds of the base rate; probabilities are sigma(F); the training log loss falls', () => {
    const { x, y } = moons(36, 200, 0.2);
    const gb = new GradientBoostingClassifier({ nEstimators: 50 }).fit(x, y);
    expect(gb.init).toBeCloseTo(0, 12); // 100 of each class
    const F = gb.decisionFunction(x), P = gb.predictProba(x);
    for (let i = 0; i < F.length; i++) expect(P[i]).toBeCloseTo(1 / (1 + Math.exp(-F[i])), 12);
    expect(gb.trainLoss[0]).toBeCloseTo(Math.LN2, 12);
    expect(gb.trainLoss[50]).toBeLessThan(0.3);
    const staged = gb.stagedDecisionFunction(x);
    for (let i = 0; i < x.rows; i++) expect(staged.data[50 * x.rows + i]).toBeCloseTo(F[i], 12);
  });

  it('errors', () => {
    expect(() => new GradientBoostingClassifier().fit([[1], [2]], [1, 1])).toThrow(/both classes/);
    expect(() => new GradientBoostingClassifier().fit([[1], [2]], [0, 2])).toThrow(RangeError);
    expect(() => new GradientBoostingRegressor({ learningRate: 0 })).toThrow(RangeError);
    expect(() => new GradientBoostingRegressor({ subsample: 1.5 })).toThrow(RangeError);
    expect(() => new GradientBoostingRegressor({ maxDepth: 0 })).toThrow(RangeError);
    expect(() => new GradientBoostingRegressor().fit([], [])).toThrow(RangeError);
    expect(() => new GradientBoostingRegressor().predict([[1]])).toThrow(/call fit/);
    expect(() => new GradientBoostingRegressor({ nEstimators: 2 }).fit([[1], [2], [3]], [1, 2, 3]).predict([[1, 2]])).toThrow(/1 columns/);
  });
});
