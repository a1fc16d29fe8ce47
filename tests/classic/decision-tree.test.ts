// Tests for lib/classic/decision-tree: impurity formulas by hand (1e-12), trees against ml-cart (same splits to 1e-9 or an
// exact tie in gain to 1e-12; identical predictions where no tie occurs), an entropy tree against a naive reference, errors.
import { describe, expect, it } from 'vitest';
import { DecisionTreeClassifier as CART, type CartNode } from 'ml-cart';
import {
  DecisionTreeClassifier, classCounts, entropy, giniImpurity, informationGain, type ClassificationTree,
} from '../../lib/classic/decision-tree';
import { matrix, toRows, type Matrix } from '../../lib/core/matrix';
import { blobs, iris, moons, penguins, split, type Labelled } from './helpers';

describe('impurity helpers (hand-computed)', () => {
  it('Gini impurity 1 - sum p^2', () => {
    expect(giniImpurity([5, 5])).toBeCloseTo(0.5, 12);
    expect(giniImpurity([10, 0])).toBe(0);
    expect(giniImpurity([1, 1, 1, 1])).toBeCloseTo(0.75, 12);
    expect(giniImpurity([0.2, 0.3, 0.5])).toBeCloseTo(1 - 0.04 - 0.09 - 0.25, 12); // probabilities work too
    expect(giniImpurity([50, 50, 50])).toBeCloseTo(2 / 3, 12);
  });

  it('entropy -sum p log2 p (bits), 0 log 0 = 0', () => {
    expect(entropy([5, 5])).toBeCloseTo(1, 12);
    expect(entropy([7, 0])).toBe(0);
    expect(entropy([1, 1, 1, 1])).toBeCloseTo(2, 12);
    // play-tennis: 9 yes, 5 no -> 0.940286 bits
    expect(entropy([9, 5])).toBeCloseTo(-(9 / 14) * Math.log2(9 / 14) - (5 / 14) * Math.log2(5 / 14), 12);
    expect(entropy([9, 5])).toBeCloseTo(0.940286, 6);
    expect(entropy([1, 1], Math.E)).toBeCloseTo(Math.LN2, 12);
  });

  it('information gain of the play-tennis splits (Outlook 0.2467, Wind 0.0481, textbook values)', () => {
    // Outlook: sunny 2 yes / 3 no, overcast 4 / 0, rain 3 / 2
    expect(informationGain([9, 5], [[2, 3], [4, 0], [3, 2]], 'entropy')).toBeCloseTo(0.246750, 6);
    // Wind: weak 6 / 2, strong 3 / 3
    expect(informationGain([9, 5], [[6, 2], [3, 3]], 'entropy')).toBeCloseTo(0.048127, 6);
    // Gini gain of the same Wind split: 0.459184 - (8/14 * 0.375 + 6/14 * 0.5)
    expect(informationGain([9, 5], [[6, 2], [3, 3]], 'gini')).toBeCloseTo(1 - (81 + 25) / 196 - ((8 / 14) * 0.375 + (6 / 14) * 0.5), 12);
    // a perfect split gains the whole parent impurity
    expect(informationGain([4, 4], [[4, 0], [0, 4]], 'gini')).toBeCloseTo(0.5, 12);
  });

  it('classCounts', () => {
    expect(Array.from(classCounts([0, 2, 2, 1, 2]))).toEqual([1, 1, 3]);
    expect(Array.from(classCounts([0, 0], 3))).toEqual([2, 0, 0]);
  });

  it('errors: empty, zero total, negative, NaN, non-numbers, children that do not add up', () => {
    expect(() => giniImpurity([])).toThrow(RangeError);
    expect(() => giniImpurity([0, 0])).toThrow(/positive total/);
    expect(() => entropy([1, -1])).toThrow(RangeError);
    expect(() => entropy([1, NaN])).toThrow(RangeError);
    expect(() => entropy([1, 1], 1)).toThrow(/base > 1/);
    expect(() => giniImpurity(['a'] as unknown as number[])).toThrow(TypeError);
    expect(() => informationGain([4, 4], [[4, 0], [0, 3]])).toThrow(/add up/);
    expect(() => informationGain([4, 4], [[4, 0, 0], [0, 4, 0]])).toThrow(/2 classes/);
  });
});

/** Leaf class shares of an ml-cart leaf, padded to K. */
function cartShares(node: CartNode, K: number): number[] {
  const dist = node.distribution as { to1DArray(): number[] };
  const v = dist.to1DArray();
  return Array.from({ length: K }, (_, k) => v[k] ?? 0);
}

interface Walk { same: number; ties: number; worse: number; leaves: number }

/**
 * Walks our tree and ml-cart's side by side over the training rows reaching each node. Where both split the same way
 * (same feature, same partition of the node's rows, and with `exactThresholds` the same threshold to 1e-9) the gains
 * must agree to 1e-12 and the walk goes on; where they differ the two gains are compared (a tie if within 1e-12;
 * `worse` counts nodes where ml-cart's gain is lower than ours) and the walk stops there. Matching leaves must hold
 * the same class shares (1e-12).
 */
function walk(t: ClassificationTree, node: number, ref: CartNode, x: number[][], rows: number[], out: Walk, exactThresholds: boolean): void {
  const K = t.nClasses;
  const refLeaf = !(ref.left && ref.right);
  const myLeaf = t.feature[node] < 0;
  if (myLeaf && refLeaf) {
    const shares = cartShares(ref, K);
    for (let k = 0; k < K; k++) expect(Math.abs(t.value[node * K + k] - shares[k])).toBeLessThan(1e-12);
    out.leaves++;
    return;
  }
  if (!myLeaf && !refLeaf && t.feature[node] === ref.splitColumn) {
    const f = t.feature[node], thr = t.threshold[node], refThr = ref.splitValue as number;
    const samePartition = rows.every((i) => (x[i][f] <= thr) === (x[i][f] < refThr));
    if (samePartition && (!exactThresholds || Math.abs(thr - refThr) < 1e-9)) {
      expect(Math.abs(t.gain[node] - (ref.gain as number))).toBeLessThan(1e-12);
      out.same++;
      walk(t, t.left[node], ref.left as CartNode, x, rows.filter((i) => x[i][f] <= thr), out, exactThresholds);
      walk(t, t.right[node], ref.right as CartNode, x, rows.filter((i) => x[i][f] > thr), out, exactThresholds);
      return;
    }
  }
  expect(myLeaf).toBe(false); // ml-cart never splits where we find nothing to gain
  if (refLeaf) throw new Error(`ml-cart made a leaf where we split with gain ${t.gain[node]}`);
  if (Math.abs(t.gain[node] - (ref.gain as number)) <= 1e-12) out.ties++;
  else {
    expect(t.gain[node]).toBeGreaterThan(ref.gain as number); // ours is the best split over all thresholds
    out.worse++;
  }
}

function walkBoth(mine: DecisionTreeClassifier, ref: CART, data: Labelled, exactThresholds: boolean): Walk {
  const w: Walk = { same: 0, ties: 0, worse: 0, leaves: 0 };
  walk(mine.tree as ClassificationTree, 0, ref.root, toRows(data.x), Array.from({ length: data.x.rows }, (_, i) => i), w, exactThresholds);
  return w;
}

function fitBoth(data: Labelled, maxDepth: number): { mine: DecisionTreeClassifier; ref: CART } {
  // ml-cart splits a node when it has more than minNumSamples rows, ours when it has at least minSamplesSplit.
  const mine = new DecisionTreeClassifier({ criterion: 'gini', maxDepth, minSamplesSplit: 4 }).fit(data.x, data.y);
  const ref = new CART({ gainFunction: 'gini', maxDepth, minNumSamples: 3, gainThreshold: 0 });
  ref.train(toRows(data.x), Array.from(data.y));
  return { mine, ref };
}

describe('DecisionTreeClassifier against ml-cart (Gini, same depth and minimum split size)', () => {
  const continuous: [string, Labelled][] = [
    ...[1, 2, 3, 4, 5].map((s): [string, Labelled] => [`4 blobs in 3-D, seed ${s}`, blobs(s)]),
    ...[1, 2, 3].map((s): [string, Labelled] => [`moons, seed ${s}`, moons(s)]),
  ];
  for (const [name, data] of continuous) {
    it(`${name}: every node the same split (gain to 1e-12) or an exact tie; identical predictions to depth 4`, () => {
      for (const depth of [1, 2, 4, Infinity]) {
        const { mine, ref } = fitBoth(data, depth);
        const w = walkBoth(mine, ref, data, true);
        expect(w.worse).toBe(0); // no ties in x, so ml-cart's candidate thresholds are ours
        if (depth <= 4) {
          expect(w.ties).toBe(0);
          const { test } = split(data, 9);
          expect(Array.from(mine.predict(data.x))).toEqual(ref.predict(toRows(data.x)));
          expect(Array.from(mine.predict(test.x))).toEqual(ref.predict(toRows(test.x)));
        }
        expect(w.same + w.ties).toBeGreaterThan(0);
      }
    });
  }

  it('iris and penguins (tied feature values): our split gain is never below ml-cart\'s, and the top of the trees agree', () => {
    // ml-cart only tries thresholds between neighbours (in its sorted order) with different labels, which misses some
    // boundaries between groups of equal values; we try every midpoint between distinct values.
    for (const data of [iris(), penguins()]) {
      for (const depth of [1, 2, 3, 6, Infinity]) {
        const { mine, ref } = fitBoth(data, depth);
        const w = walkBoth(mine, ref, data, false);
        expect(w.same).toBeGreaterThanOrEqual(Math.min(depth, 2)); // root and the next split coincide
      }
      const { mine, ref } = fitBoth(data, 1);
      expect(Array.from(mine.predict(data.x))).toEqual(ref.predict(toRows(data.x)));
    }
  });
});

/** A deliberately naive entropy tree (every midpoint of every feature, recursion on row lists) used as a reference. */
function naiveEntropyTree(x: number[][], y: number[], depth: number, K: number): (row: number[]) => number {
  const H = (ys: number[]) => {
    const c = new Array<number>(K).fill(0);
    ys.forEach((v) => c[v]++);
    return -c.reduce((s, v) => (v > 0 ? s + (v / ys.length) * Math.log2(v / ys.length) : s), 0);
  };
  const majority = (ys: number[]) => {
    const c = new Array<number>(K).fill(0);
    ys.forEach((v) => c[v]++);
    return c.indexOf(Math.max(...c));
  };
  const build = (rows: number[], level: number): (row: number[]) => number => {
    const ys = rows.map((i) => y[i]);
    const h = H(ys);
    if (level >= depth || rows.length < 2 || h === 0) { const m = majority(ys); return () => m; }
    let best = { gain: 1e-12, f: -1, t: 0 };
    for (let f = 0; f < x[0].length; f++) {
      const values = [...new Set(rows.map((i) => x[i][f]))].sort((a, b) => a - b);
      for (let v = 0; v + 1 < values.length; v++) {
        const t = (values[v] + values[v + 1]) / 2;
        const l = rows.filter((i) => x[i][f] <= t).map((i) => y[i]);
        const r = rows.filter((i) => x[i][f] > t).map((i) => y[i]);
        const gain = h - (l.length / rows.length) * H(l) - (r.length / rows.length) * H(r);
        if (gain > best.gain + 1e-12) best = { gain, f, t };
      }
    }
    if (best.f < 0) { const m = majority(ys); return () => m; }
    const left = build(rows.filter((i) => x[i][best.f] <= best.t), level + 1);
    const right = build(rows.filter((i) => x[i][best.f] > best.t), level + 1);
    return (row) => (row[best.f] <= best.t ? left(row) : right(row));
  };
  return build(x.map((_, i) => i), 0);
}

describe('DecisionTreeClassifier with entropy against a naive reference tree', () => {
  for (const [name, data] of [['blobs seed 7', blobs(7, 200)], ['moons seed 4', moons(4, 200)], ['iris', iris()]] as [string, Labelled][]) {
    it(`${name}: identical predictions at depths 1-3`, () => {
      const rows = toRows(data.x);
      const K = Math.max(...data.y) + 1;
      for (const depth of [1, 2, 3]) {
        const mine = new DecisionTreeClassifier({ criterion: 'entropy', maxDepth: depth }).fit(data.x, data.y);
        const ref = naiveEntropyTree(rows, Array.from(data.y), depth, K);
        expect(Array.from(mine.predict(data.x))).toEqual(rows.map(ref));
      }
    });
  }
});

describe('DecisionTreeClassifier behaviour', () => {
  it('a fully grown tree fits distinct training rows perfectly; limits are respected', () => {
    const data = blobs(11, 300);
    const full = new DecisionTreeClassifier().fit(data.x, data.y);
    expect(full.score(data.x, data.y)).toBe(1);
    const t = full.tree as ClassificationTree;
    for (let i = 0; i < t.nodeCount; i++) {
      if (t.feature[i] < 0) expect(t.impurity[i]).toBeLessThan(1e-12); // pure leaves
    }
    const shallow = new DecisionTreeClassifier({ maxDepth: 3, minSamplesLeaf: 10 }).fit(data.x, data.y);
    expect(shallow.depth).toBeLessThanOrEqual(3);
    const s = shallow.tree as ClassificationTree;
    for (let i = 0; i < s.nodeCount; i++) if (s.feature[i] < 0) expect(s.nSamples[i]).toBeGreaterThanOrEqual(10);
    expect(shallow.nLeaves).toBeLessThanOrEqual(8);
    const stump = new DecisionTreeClassifier({ maxDepth: 0 }).fit(data.x, data.y);
    expect(stump.nLeaves).toBe(1);
  });

  it('integer sample weights give the same tree as repeating the rows', () => {
    const data = blobs(12, 120);
    const w = Array.from({ length: 120 }, (_, i) => 1 + (i % 3));
    const rows: number[][] = [], labels: number[] = [];
    toRows(data.x).forEach((r, i) => { for (let c = 0; c < w[i]; c++) { rows.push(r); labels.push(data.y[i]); } });
    const weighted = new DecisionTreeClassifier({ maxDepth: 4 }).fit(data.x, data.y, w).tree as ClassificationTree;
    const repeated = new DecisionTreeClassifier({ maxDepth: 4 }).fit(rows, labels).tree as ClassificationTree;
    expect(Array.from(weighted.feature)).toEqual(Array.from(repeated.feature));
    for (let i = 0; i < weighted.nodeCount; i++) {
      expect(Math.abs(weighted.threshold[i] - repeated.threshold[i])).toBeLessThan(1e-12);
      expect(Math.abs(weighted.gain[i] - repeated.gain[i])).toBeLessThan(1e-12);
    }
  });

  it('rows with weight 0 are ignored', () => {
    const data = blobs(13, 100);
    const w = Array.from({ length: 100 }, (_, i) => (i < 60 ? 1 : 0));
    const a = new DecisionTreeClassifier({ maxDepth: 3 }).fit(data.x, data.y, w);
    const b = new DecisionTreeClassifier({ maxDepth: 3 }).fit(matrix(60, 3, data.x.data.slice(0, 180)), data.y.slice(0, 60));
    expect(Array.from(a.predict(data.x))).toEqual(Array.from(b.predict(data.x)));
  });

  it('maxFeatures draws features per node: same seed same tree, the tree still fits; importances sum to 1', () => {
    const data = blobs(14, 300, 3, 6);
    const a = new DecisionTreeClassifier({ maxFeatures: 'sqrt', seed: 5 }).fit(data.x, data.y);
    const b = new DecisionTreeClassifier({ maxFeatures: 'sqrt', seed: 5 }).fit(data.x, data.y);
    const c = new DecisionTreeClassifier({ maxFeatures: 'sqrt', seed: 6 }).fit(data.x, data.y);
    expect(Array.from((a.tree as ClassificationTree).threshold)).toEqual(Array.from((b.tree as ClassificationTree).threshold));
    expect(Array.from((a.tree as ClassificationTree).feature)).not.toEqual(Array.from((c.tree as ClassificationTree).feature));
    expect(a.score(data.x, data.y)).toBe(1);
    const imp = a.featureImportances();
    expect(imp.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('predictProba rows are leaf class shares; toText names features and classes', () => {
    const data = iris();
    const tree = new DecisionTreeClassifier({ maxDepth: 2 }).fit(data.x, data.y);
    const P = tree.predictProba(data.x);
    for (let i = 0; i < P.rows; i++) expect(P.data[i * 3] + P.data[i * 3 + 1] + P.data[i * 3 + 2]).toBeCloseTo(1, 12);
    const text = tree.toText({ featureNames: ['sl', 'sw', 'pl', 'pw'], classNames: ['setosa', 'versicolor', 'virginica'], digits: 2 });
    expect(text.split('\n')[0]).toMatch(/^(pl <= 2\.45|pw <= 0\.80)/);
    expect(text).toContain('class setosa');
  });

  it('errors: empty data, mismatched labels, NaN, bad options, unfitted model, wrong width', () => {
    const data = blobs(15, 50);
    expect(() => new DecisionTreeClassifier().fit([], [])).toThrow(RangeError);
    expect(() => new DecisionTreeClassifier().fit(data.x, data.y.slice(1))).toThrow(/50 values/);
    expect(() => new DecisionTreeClassifier().fit([[1, NaN], [2, 3]], [0, 1])).toThrow(/finite/);
    expect(() => new DecisionTreeClassifier().fit([[1], [2]], [0, 1.5])).toThrow(RangeError);
    expect(() => new DecisionTreeClassifier().fit('x' as unknown as Matrix, [0])).toThrow(TypeError);
    expect(() => new DecisionTreeClassifier({ criterion: 'mse' as 'gini' })).toThrow(RangeError);
    expect(() => new DecisionTreeClassifier({ maxDepth: -1 })).toThrow(RangeError);
    expect(() => new DecisionTreeClassifier({ minSamplesSplit: 1 })).toThrow(RangeError);
    expect(() => new DecisionTreeClassifier({ maxFeatures: 10 }).fit(data.x, data.y)).toThrow(/maxFeatures <= 3/);
    expect(() => new DecisionTreeClassifier().fit(data.x, data.y, new Array(50).fill(0))).toThrow(/positive sum/);
    expect(() => new DecisionTreeClassifier().predict(data.x)).toThrow(/call fit/);
    expect(() => new DecisionTreeClassifier().fit(data.x, data.y).predict([[1, 2]])).toThrow(/3 columns/);
  });
});
