// Tests for lib/classic/gaussian-naive-bayes: means and unbiased variances against ml-naivebayes (1e-12 relative) and
// identical predictions; joint log-likelihoods against the product of normal densities written out (1e-10);
// scikit-learn's smoothing convention; priors; errors. ml-naivebayes@4.0.0's GaussianNB.predict only scores the first
// two features (its loop bound is the length of a per-feature [C1, C2] pair), so predictions are compared with our
// model fitted on those two columns.
import { describe, expect, it } from 'vitest';
import { GaussianNB } from 'ml-naivebayes';
import { GaussianNaiveBayes } from '../../lib/classic/gaussian-naive-bayes';
import { toRows } from '../../lib/core/matrix';
import { blobs, iris, penguins, split, type Labelled } from './helpers';

describe('GaussianNaiveBayes against ml-naivebayes (ddof = 1, no smoothing, as ml-naivebayes)', () => {
  for (const [name, data] of [['iris', iris()], ['penguins', penguins()], ['4 blobs in 3-D', blobs(71, 400)]] as [string, Labelled][]) {
    it(`${name}: same means and variances, same test predictions`, () => {
      const { train, test } = split(data, 4);
      const ours = new GaussianNaiveBayes({ ddof: 1, varSmoothing: 0 }).fit(train.x, train.y);
      const ref = new GaussianNB();
      ref.train(toRows(train.x), Array.from(train.y));
      const K = ours.nClasses, d = train.x.cols;
      for (let c = 0; c < K; c++) {
        for (let j = 0; j < d; j++) {
          const mean = ref.means[c][j];
          expect(Math.abs(ours.means.data[c * d + j] - mean)).toBeLessThan(1e-12 * Math.max(1, Math.abs(mean)));
          const variance = -(ref.calculateProbabilities[c][j + 1] as [number, number])[1] / 2; // stored as -2 sigma^2
          expect(Math.abs(ours.variances.data[c * d + j] - variance) / variance).toBeLessThan(1e-12);
        }
        expect(ours.classLogPrior[c]).toBeCloseTo(ref.calculateProbabilities[c][0] as number, 12);
      }
      const two = (rows: number[][]) => rows.map((r) => r.slice(0, 2));
      const ours2 = new GaussianNaiveBayes({ ddof: 1, varSmoothing: 0 }).fit(two(toRows(train.x)), train.y);
      expect(Array.from(ours2.predict(two(toRows(test.x))))).toEqual(ref.predict(toRows(test.x)));
    });
  }
});

describe('GaussianNaiveBayes behaviour', () => {
  it('joint log-likelihood = log prior + sum of log normal densities (written out, 1e-10); posteriors sum to 1', () => {
    const { train, test } = split(iris(), 5);
    const nb = new GaussianNaiveBayes().fit(train.x, train.y);
    const J = nb.jointLogLikelihood(test.x), P = nb.predictProba(test.x);
    const d = 4, K = 3;
    for (let i = 0; i < test.x.rows; i++) {
      let total = 0;
      for (let c = 0; c < K; c++) {
        let density = Math.exp(nb.classLogPrior[c]);
        for (let j = 0; j < d; j++) {
          const v = nb.variances.data[c * d + j], m = nb.means.data[c * d + j], xv = test.x.data[i * d + j];
          density *= Math.exp(-((xv - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
        }
        if (density > 1e-300) expect(Math.abs(J.data[i * K + c] - Math.log(density))).toBeLessThan(1e-10);
        total += P.data[i * K + c];
      }
      expect(total).toBeCloseTo(1, 12);
    }
    expect(nb.score(test.x, test.y)).toBeGreaterThan(0.9);
  });

  it('maximum-likelihood variances by default, plus varSmoothing x the largest feature variance', () => {
    const x = [[0, 1], [2, 1], [10, 5], [14, 5]];
    const nb = new GaussianNaiveBayes().fit(x, [0, 0, 1, 1]);
    // class 0: feature 0 values 0, 2 -> variance 1; feature 1 constant -> 0 + epsilon
    const maxVar = 1e-9 * ((0 - 6.5) ** 2 + (2 - 6.5) ** 2 + (10 - 6.5) ** 2 + (14 - 6.5) ** 2) / 4;
    expect(nb.epsilon).toBeCloseTo(maxVar, 20);
    expect(nb.variances.data[0]).toBeCloseTo(1 + maxVar, 15);
    expect(nb.variances.data[1]).toBe(maxVar);
    expect(Array.from(nb.predict([[1, 1], [12, 5]]))).toEqual([0, 1]);
    expect(() => new GaussianNaiveBayes({ varSmoothing: 0 }).fit(x, [0, 0, 1, 1])).toThrow(/constant feature/);
  });

  it('priors shift the decision: equal likelihoods are decided by the prior', () => {
    const x = [[-1], [1], [-1], [1]];
    const y = [0, 0, 1, 1];
    expect(Array.from(new GaussianNaiveBayes({ priors: [0.7, 0.3] }).fit(x, y).predict([[0]]))).toEqual([0]);
    expect(Array.from(new GaussianNaiveBayes({ priors: [0.3, 0.7] }).fit(x, y).predict([[0]]))).toEqual([1]);
  });

  it('errors', () => {
    expect(() => new GaussianNaiveBayes().fit([], [])).toThrow(RangeError);
    expect(() => new GaussianNaiveBayes().fit([[1], [2]], [0, 2])).toThrow(/class 1/);
    expect(() => new GaussianNaiveBayes({ ddof: 1 }).fit([[1], [2], [3]], [0, 0, 1])).toThrow(/more than 1/);
    expect(() => new GaussianNaiveBayes({ priors: [1] }).fit([[1], [2], [3], [4]], [0, 0, 1, 1])).toThrow(/2 priors/);
    expect(() => new GaussianNaiveBayes({ ddof: 2 })).toThrow(RangeError);
    expect(() => new GaussianNaiveBayes().predict([[1]])).toThrow(/call fit/);
    expect(() => new GaussianNaiveBayes().fit([[1], [2], [3], [5]], [0, 0, 1, 1]).predict([[1, 2]])).toThrow(/1 columns/);
  });
});
