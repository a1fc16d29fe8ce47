// Tests for lib/classic/random-forest: held-out accuracy against ml-random-forest used as bagged CART trees
// (maxFeatures 1.0), within 0.05 for both our bagging and our random forest (a stated margin: the bootstrap samples are
// drawn by different generators; ml-random-forest would subsample features once per tree, not per split, so that
// mode is not compared), exact reduction to a single tree, out-of-bag bookkeeping (about 1/e of rows per tree), seeding, and
// the per-split feature subsets: every split uses one of the k features searched at its node, k of them, drawn uniformly,
// and (without looking at the tree's record) the root picks a perfectly informative feature with probability k/d.
import { describe, expect, it } from 'vitest';
import { RandomForestClassifier as MLRandomForest } from 'ml-random-forest';
import { DecisionTreeClassifier } from '../../lib/classic/decision-tree';
import { RandomForestClassifier } from '../../lib/classic/random-forest';
import { matrix, toRows } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { accuracy, blobs, iris, moons, penguins, split, type Labelled } from './helpers';

describe('RandomForestClassifier against ml-random-forest bagging (held-out accuracy within 0.05)', () => {
  const sets: [string, Labelled][] = [['iris', iris()], ['penguins', penguins()], ['4 blobs in 3-D', blobs(21, 600, 4, 3, 1.0)], ['noisy moons', moons(22, 400, 0.35)]];
  for (const [name, data] of sets) {
    it(name, () => {
      const { train, test } = split(data, 3);
      const ref = new MLRandomForest({ nEstimators: 50, seed: 1, maxFeatures: 1.0, replacement: false, useSampleBagging: true, noOOB: true, treeOptions: { gainThreshold: 0, minNumSamples: 1 } });
      ref.train(toRows(train.x), Array.from(train.y));
      const accRef = accuracy(ref.predict(toRows(test.x)), test.y);
      for (const maxFeatures of ['all', 'sqrt'] as const) {
        const mine = new RandomForestClassifier({ nEstimators: 50, maxFeatures, seed: 1 }).fit(train.x, train.y);
        const accMine = mine.score(test.x, test.y);
        expect(Math.abs(accMine - accRef)).toBeLessThanOrEqual(0.05);
        expect(accMine).toBeGreaterThan(0.85);
      }
    });
  }
});

describe('RandomForestClassifier: a random feature subset per split (maxFeatures)', () => {
  it('every split uses one of the features searched at its node: exactly k = maxFeatures of them, distinct, each drawn k/d of the time (5 sd)', () => {
    const data = blobs(31, 400, 4, 6, 1.5); // 6 continuous features: no feature is ever constant in a node with 2+ distinct rows
    for (const [maxFeatures, k] of [['sqrt', 2], [4, 4], [0.5, 3], ['all', 6]] as const) {
      const forest = new RandomForestClassifier({ nEstimators: 20, maxFeatures, seed: 5 }).fit(data.x, data.y);
      const drawn = new Float64Array(6);
      let searches = 0, splits = 0;
      for (const tree of forest.trees) {
        for (let node = 0; node < tree.nodeCount; node++) {
          const set = Array.from(tree.searched.subarray(tree.searchedStart[node], tree.searchedStart[node + 1]));
          if (tree.feature[node] < 0) continue;
          splits++;
          expect(set, `maxFeatures ${maxFeatures}: node ${node} searched ${set}`).toHaveLength(k);
          expect(new Set(set).size).toBe(k);
          expect(set, `node ${node} split on feature ${tree.feature[node]}`).toContain(tree.feature[node]);
          for (const f of set) drawn[f]++;
          searches++;
        }
      }
      expect(splits).toBeGreaterThan(300);
      const p = k / 6, sd = Math.sqrt((p * (1 - p)) / searches);
      for (let f = 0; f < 6; f++) expect(Math.abs(drawn[f] / searches - p), `feature ${f} drawn ${drawn[f]} of ${searches} searches, expected share ${p}`).toBeLessThanOrEqual(5 * sd + 1e-12);
    }
  });

  it('the root splits on a perfectly informative feature with probability k/d: 1/4, 1/2, 3/4, 1 for k = 1..4 of d = 4 (600 stumps, 5 sd)', () => {
    // Feature 0 separates the classes exactly; 1-3 are noise. A root that searches feature 0 splits on it (gain = the whole
    // impurity, which noise cannot match), so P(root on 0) = P(0 among the k drawn) = k/d. Plain bagging would give 1.
    const rng = new Rng(12), n = 200;
    const x = matrix(n, 4), y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      x.data[i * 4] = (y[i] === 1 ? 1 : -1) * (1 + rng.uniform());
      for (let j = 1; j < 4; j++) x.data[i * 4 + j] = rng.normal();
    }
    for (const k of [1, 2, 3, 4]) {
      const T = 600;
      const forest = new RandomForestClassifier({ nEstimators: T, maxFeatures: k, maxDepth: 1, seed: 40 + k }).fit(x, y);
      const onZero = forest.trees.filter((t) => t.feature[0] === 0).length / T;
      const p = k / 4, sd = Math.sqrt((p * (1 - p)) / T);
      expect(Math.abs(onZero - p), `maxFeatures ${k}: root on the informative feature in ${onZero} of trees, expected ${p}`).toBeLessThanOrEqual(5 * sd + 1e-12);
    }
  });
});

describe('RandomForestClassifier behaviour', () => {
  it('one tree, no bootstrap, all features = the plain decision tree (identical predictions and probabilities)', () => {
    const { train, test } = split(blobs(23, 300), 4);
    const forest = new RandomForestClassifier({ nEstimators: 1, bootstrap: false, maxFeatures: 'all', maxDepth: 5, seed: 1 }).fit(train.x, train.y);
    const tree = new DecisionTreeClassifier({ maxDepth: 5 }).fit(train.x, train.y);
    expect(Array.from(forest.predict(test.x))).toEqual(Array.from(tree.predict(test.x)));
    expect(Array.from(forest.predictProba(test.x).data)).toEqual(Array.from(tree.predictProba(test.x).data));
  });

  it('each tree leaves about 1/e of the rows out of bag; the OOB score tracks the test score', () => {
    const { train, test } = split(penguins(), 5);
    const T = 200;
    const forest = new RandomForestClassifier({ nEstimators: T, seed: 2 }).fit(train.x, train.y);
    const outOfBag = forest.oobCounts.reduce((s, c) => s + c, 0) / (train.x.rows * T);
    expect(Math.abs(outOfBag - Math.exp(-1))).toBeLessThan(0.01); // (1 - 1/n)^n -> 1/e
    expect(forest.oobCounts.every((c) => c > 0)).toBe(true);
    expect(Math.abs(forest.oobScore - forest.score(test.x, test.y))).toBeLessThan(0.05);
    expect(new RandomForestClassifier({ nEstimators: 3, bootstrap: false, seed: 1 }).fit(train.x, train.y).oobScore).toBeNaN();
  });

  it('same seed, same forest; another seed, other trees; hard voting; importances sum to 1', () => {
    const { train, test } = split(moons(24, 300, 0.3), 6);
    const a = new RandomForestClassifier({ nEstimators: 20, seed: 7 }).fit(train.x, train.y);
    const b = new RandomForestClassifier({ nEstimators: 20, seed: 7 }).fit(train.x, train.y);
    const c = new RandomForestClassifier({ nEstimators: 20, seed: 8 }).fit(train.x, train.y);
    expect(Array.from(a.predictProba(test.x).data)).toEqual(Array.from(b.predictProba(test.x).data));
    expect(Array.from(a.predictProba(test.x).data)).not.toEqual(Array.from(c.predictProba(test.x).data));
    const hard = new RandomForestClassifier({ nEstimators: 21, seed: 7, voting: 'hard' }).fit(train.x, train.y);
    const P = hard.predictProba(test.x);
    for (const v of P.data) expect(Number.isInteger(v * 21 + 1e-9) || Math.abs(v * 21 - Math.round(v * 21)) < 1e-9).toBe(true);
    expect(a.featureImportances().reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('averaging many deep trees beats one deep tree on noisy data (fixed seeds)', () => {
    const { train, test } = split(moons(25, 600, 0.45), 7);
    const tree = new DecisionTreeClassifier().fit(train.x, train.y).score(test.x, test.y);
    const forest = new RandomForestClassifier({ nEstimators: 100, maxFeatures: 'all', seed: 3 }).fit(train.x, train.y).score(test.x, test.y);
    expect(forest).toBeGreaterThan(tree);
  });

  it('errors: empty data, bad options, maxFeatures above d, unfitted model, wrong width', () => {
    const data = blobs(26, 60);
    expect(() => new RandomForestClassifier().fit([], [])).toThrow(RangeError);
    expect(() => new RandomForestClassifier({ nEstimators: 0 })).toThrow(RangeError);
    expect(() => new RandomForestClassifier({ voting: 'median' as 'soft' })).toThrow(RangeError);
    expect(() => new RandomForestClassifier({ maxSamples: 1.5 })).toThrow(RangeError);
    expect(() => new RandomForestClassifier({ maxFeatures: 4, seed: 1 }).fit(data.x, data.y)).toThrow(/maxFeatures <= 3/);
    expect(() => new RandomForestClassifier({ maxSamples: 100, seed: 1 }).fit(data.x, data.y)).toThrow(/maxSamples <= 60/);
    expect(() => new RandomForestClassifier().predict(data.x)).toThrow(/call fit/);
    expect(() => new RandomForestClassifier({ nEstimators: 2, seed: 1 }).fit(data.x, data.y).predict([[1]])).toThrow(/3 columns/);
  });
});
