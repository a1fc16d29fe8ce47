// Tests for lib/classic/knn: neighbours against ml-knn's k-d tree (same neighbour rows, distances to 1e-12) and the same
// predictions wherever the vote is not tied (ml-knn breaks ties by heap order; ours by the nearest tied neighbour),
// a hand-computed 1-D case, distance weighting, Manhattan distance, errors.
import { describe, expect, it } from 'vitest';
import KNN from 'ml-knn';
import { KNNClassifier } from '../../lib/classic/knn';
import { toRows } from '../../lib/core/matrix';
import { blobs, iris, moons, split, standardize, type Labelled } from './helpers';

describe('KNNClassifier against ml-knn', () => {
  const sets: [string, Labelled, number][] = [
    ['moons (2 classes)', moons(61, 300, 0.3), 5],
    ['4 blobs in 3-D', blobs(62, 400), 7],
    ['3 blobs in 5-D', blobs(63, 300, 3, 5, 3), 4],
  ];
  for (const [name, data, k] of sets) {
    it(`${name}, k = ${k}: same neighbours and distances; same predictions where the vote is untied`, () => {
      const { train, test } = split(data, 1);
      const ours = new KNNClassifier({ k }).fit(train.x, train.y);
      const ref = new KNN(toRows(train.x), Array.from(train.y), { k });
      const queries = toRows(test.x);
      const { indices, distances } = ours.kneighbors(test.x);
      const trainRows = toRows(train.x);
      queries.forEach((q, i) => {
        const refNb = ref.kdTree.nearest(q, k).sort((a, b) => a[1] - b[1]);
        for (let t = 0; t < k; t++) {
          expect(Math.abs(distances[i * k + t] - refNb[t][1])).toBeLessThan(1e-12);
          expect(trainRows[indices[i * k + t]]).toEqual(refNb[t][0].slice(0, -1)); // ml-knn appends the label
        }
      });
      const P = ours.predictProba(test.x), K = P.cols;
      const pred = ours.predict(test.x), refPred = ref.predict(queries);
      let compared = 0;
      for (let i = 0; i < queries.length; i++) {
        const votes = Array.from(P.data.subarray(i * K, i * K + K));
        const top = Math.max(...votes);
        if (votes.filter((v) => v === top).length > 1) continue; // a tied vote
        expect(pred[i]).toBe(refPred[i]);
        compared++;
      }
      expect(compared).toBeGreaterThan(queries.length * 0.7);
    });
  }

  it('iris (standardised), k = 5: identical predictions on the test rows', () => {
    const { train, test } = split(iris(), 2);
    const s = standardize(train.x, test.x);
    const ours = new KNNClassifier({ k: 5 }).fit(s.train, train.y).predict(s.test);
    const ref = new KNN(toRows(s.train), Array.from(train.y), { k: 5 }).predict(toRows(s.test));
    expect(Array.from(ours)).toEqual(ref);
  });
});

describe('KNNClassifier behaviour', () => {
  const x = [[0], [1], [2], [10], [11], [12]];
  const y = [0, 0, 0, 1, 1, 1];

  it('hand-computed 1-D case: neighbours of 4 are 2, 1, 0 (k = 3) -> class 0; of 6.5 with k = 4 a 2-2 tie goes to the nearest (10)', () => {
    const knn = new KNNClassifier({ k: 3 }).fit(x, y);
    const nb = knn.kneighbors([[4]]);
    expect(Array.from(nb.indices)).toEqual([2, 1, 0]);
    expect(Array.from(nb.distances)).toEqual([2, 3, 4]);
    expect(Array.from(knn.predict([[4], [9]]))).toEqual([0, 1]);
    const k4 = new KNNClassifier({ k: 4 }).fit(x, y);
    // 6.5: 10 (3.5), 2 and 11 (4.5), then 1 and 12 tie at 5.5 and the lower index (1) is kept -> votes 2 vs 2
    expect(Array.from(k4.kneighbors([[6.5]]).indices)).toEqual([3, 2, 4, 1]);
    expect(Array.from(k4.predictProba([[6.5]]).data)).toEqual([0.5, 0.5]);
    expect(Array.from(k4.predict([[6.5]]))).toEqual([1]);
  });

  it('distance weighting: votes 1/d; an exact match takes the whole vote', () => {
    const knn = new KNNClassifier({ k: 3, weights: 'distance' }).fit([[0], [1], [3]], [0, 0, 1]);
    const P = knn.predictProba([[2.5]]).data; // distances 2.5, 1.5, 0.5
    const w = [1 / 2.5, 1 / 1.5, 1 / 0.5];
    expect(P[0]).toBeCloseTo((w[0] + w[1]) / (w[0] + w[1] + w[2]), 12);
    expect(Array.from(knn.predictProba([[3]]).data)).toEqual([0, 1]);
  });

  it('Manhattan distance; k = n votes the majority class; ties in distance keep the lower training index', () => {
    const l1 = new KNNClassifier({ k: 1, metric: 'manhattan' }).fit([[0, 0], [3, 3]], [0, 1]);
    expect(l1.kneighbors([[1, 2]]).distances[0]).toBe(3);
    const all = new KNNClassifier({ k: 6 }).fit(x, [0, 0, 0, 0, 1, 1]);
    expect(Array.from(all.predict([[100]]))).toEqual([0]);
    const tie = new KNNClassifier({ k: 1 }).fit([[1], [-1]], [1, 0]);
    expect(Array.from(tie.kneighbors([[0]]).indices)).toEqual([0]);
  });

  it('errors: k larger than the data, bad k, empty data, mismatched labels, NaN, wrong width', () => {
    expect(() => new KNNClassifier({ k: 7 }).fit(x, y)).toThrow('expected k <= 6 samples, got k = 7');
    expect(() => new KNNClassifier({ k: 0 })).toThrow(RangeError);
    expect(() => new KNNClassifier({ k: 2.5 })).toThrow(RangeError);
    expect(() => new KNNClassifier({ k: '3' as unknown as number })).toThrow(TypeError);
    expect(() => new KNNClassifier().fit([], [])).toThrow(RangeError);
    expect(() => new KNNClassifier({ k: 1 }).fit(x, [0, 1])).toThrow(/6 values/);
    expect(() => new KNNClassifier({ k: 1 }).fit(x, y).predict([[NaN]])).toThrow(/finite/);
    expect(() => new KNNClassifier({ k: 1 }).fit(x, y).predict([[1, 2]])).toThrow(/1 columns/);
    expect(() => new KNNClassifier({ k: 1 }).fit(x, y).kneighbors([[1]], 7)).toThrow(/k <= 6/);
    expect(() => new KNNClassifier().predict([[1]])).toThrow(/call fit/);
  });
});
