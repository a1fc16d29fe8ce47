import { describe, expect, it } from 'vitest';
import { classProbabilityTree, treeExpectation, treePredict, treeShap, type ShapTree } from '../../lib/interpret/tree-shap';
import { exactShapley } from '../../lib/interpret/shapley';
import { DecisionTreeRegressor } from '../../lib/classic/regression-tree';
import { DecisionTreeClassifier } from '../../lib/classic/decision-tree';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';

function stump(): ShapTree {
  // root splits x0 <= 0.5; left cover 4 value 1, right cover 6 value 3
  return {
    feature: Int32Array.from([0, -1, -1]), threshold: Float64Array.from([0.5, 0, 0]),
    left: Int32Array.from([1, -1, -1]), right: Int32Array.from([2, -1, -1]),
    weight: Float64Array.from([10, 4, 6]), value: Float64Array.from([2.2, 1, 3]),
  };
}

function randomData(seed: number, n: number, d: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };
  const y = Float64Array.from({ length: n }, (_, i) => {
    const r = X.data.subarray(i * d, i * d + d);
    return r[0] * r[1] + Math.sin(2 * r[2]) + (r[0] > 0 ? 1 : 0) + 0.3 * rng.normal();
  });
  return { X, y };
}

describe('treeShap on a hand-computed stump', () => {
  it('gives phi_0 = f(x) - cover-weighted mean and base 2.2', () => {
    const { phi, base } = treeShap(stump(), [0, 9]);
    expect(base).toBeCloseTo(0.4 * 1 + 0.6 * 3, 14);
    expect(phi[0]).toBeCloseTo(1 - 2.2, 14);
    expect(phi[1]).toBe(0);
    expect(treeExpectation(stump(), [0, 9], 0b01)).toBe(1);
  });
});

describe('treeShap against exact Shapley values of the cover-weighted expectation (brute force over 2^d coalitions)', () => {
  it('agrees to 1e-9 on deep regression trees that split the same feature several times on a path', () => {
    const d = 5;
    const { X, y } = randomData(5, 300, d);
    const model = new DecisionTreeRegressor({ maxDepth: 8, minSamplesLeaf: 3 }).fit(X, y);
    const tree = model.tree!;
    let repeated = false;
    for (let i = 0; i < 40; i++) {
      const x = X.data.subarray(i * d, i * d + d);
      const fast = treeShap(tree, x);
      const exact = exactShapley((mask) => treeExpectation(tree, x, mask), d);
      for (let j = 0; j < d; j++) expect(Math.abs(fast.phi[j] - exact.phi[j])).toBeLessThan(1e-9);
      expect(Math.abs(fast.base - exact.base)).toBeLessThan(1e-12);
      const sum = fast.phi.reduce((s, p) => s + p, 0);
      expect(Math.abs(sum - (treePredict(tree, x) - fast.base))).toBeLessThan(1e-9);
      expect(treePredict(tree, x)).toBe(model.predict({ rows: 1, cols: d, data: Float64Array.from(x) })[0]);
    }
    // the test is only meaningful if some path repeats a feature (exercises UNWIND)
    const walk = (node: number, seen: Set<number>): void => {
      const f = tree.feature[node];
      if (f < 0) return;
      if (seen.has(f)) repeated = true;
      const next = new Set(seen).add(f);
      walk(tree.left[node], next); walk(tree.right[node], next);
    };
    walk(0, new Set());
    expect(repeated).toBe(true);
  });

  it('agrees to 1e-9 on a classification tree, per class probability', () => {
    const d = 4;
    const { X, y } = randomData(9, 200, d);
    const labels = Int32Array.from(y, (v) => (v < 0 ? 0 : v < 1 ? 1 : 2));
    const clf = new DecisionTreeClassifier({ maxDepth: 6 }).fit(X, labels);
    for (let k = 0; k < 3; k++) {
      const tree = classProbabilityTree(clf.tree!, k);
      for (let i = 0; i < 10; i++) {
        const x = X.data.subarray(i * d, i * d + d);
        const fast = treeShap(tree, x);
        const exact = exactShapley((mask) => treeExpectation(tree, x, mask), d);
        for (let j = 0; j < d; j++) expect(Math.abs(fast.phi[j] - exact.phi[j])).toBeLessThan(1e-9);
      }
    }
  });

  it('rejects a row too short for the tree and a bad class', () => {
    expect(() => treeShap(stump(), [])).toThrow(RangeError);
    expect(() => classProbabilityTree({ ...stump(), nClasses: 1 }, 1)).toThrow(/k < 1/);
  });
});
