// Tests for lib/classic/discriminant-analysis: LDA and QDA posteriors against scikit-learn 1.2
// LinearDiscriminantAnalysis / QuadraticDiscriminantAnalysis (fixture from scripts/reference/cluster-sklearn.py,
// predict_proba to 1e-9 absolute, covariance to 1e-9), the two-class LDA posterior as a closed-form logistic function
// (1e-12), a hand-computed 1-D case, and errors.
import { describe, expect, it } from 'vitest';
import { LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis } from '../../lib/classic/discriminant-analysis';
import { sigmoid } from '../../lib/linear/logistic-regression';
import { clusterFixture } from '../fixtures/reference/discriminant-clustering';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('LDA and QDA against scikit-learn 1.2 (predict_proba within 1e-9)', () => {
  for (const c of clusterFixture.discriminant) {
    const priors = c.priors ?? undefined;
    it(`${c.name}: LDA predict_proba, predict and pooled covariance`, () => {
      const lda = new LinearDiscriminantAnalysis({ priors }).fit(c.x, c.y);
      expect(maxAbsDiff(lda.predictProba(c.test).data, c.ldaProba.flat())).toBeLessThan(1e-9);
      expect(Array.from(lda.predict(c.test))).toEqual(c.ldaPredict);
      expect(maxAbsDiff(lda.covariance.data, c.ldaCovariance.flat())).toBeLessThan(1e-9);
    });
    it(`${c.name}: QDA predict_proba and predict, and with reg_param 0.3`, () => {
      const qda = new QuadraticDiscriminantAnalysis({ priors }).fit(c.x, c.y);
      expect(maxAbsDiff(qda.predictProba(c.test).data, c.qdaProba.flat())).toBeLessThan(1e-9);
      expect(Array.from(qda.predict(c.test))).toEqual(c.qdaPredict);
      const reg = new QuadraticDiscriminantAnalysis({ priors, regularization: 0.3 }).fit(c.x, c.y);
      expect(maxAbsDiff(reg.predictProba(c.test).data, c.qdaReg03Proba.flat())).toBeLessThan(1e-9);
    });
  }
});

describe('LDA: the link to logistic regression', () => {
  it('two classes: P(1 | x) = sigma(w^T x + b) with the closed-form w, b from logisticWeights (1e-12)', () => {
    const c = clusterFixture.discriminant[1];
    const lda = new LinearDiscriminantAnalysis().fit(c.x, c.y);
    const { weights, intercept } = lda.logisticWeights(1, 0);
    const P = lda.predictProba(c.test);
    for (let i = 0; i < c.test.length; i++) {
      const z = intercept + weights[0] * c.test[i][0] + weights[1] * c.test[i][1];
      expect(Math.abs(P.data[i * 2 + 1] - sigmoid(z))).toBeLessThan(1e-12);
    }
  });

  it('hand case in 1-D: classes {0, 2} and {4, 6}, pooled variance 2, log-odds 2x - 6 (boundary x = 3), 1e-12', () => {
    // means 1 and 5; pooled variance ((1 + 1) + (1 + 1)) / (4 - 2) = 2; w_1 - w_0 = (5 - 1) / 2 = 2;
    // b_1 - b_0 = -(25 - 1) / (2 * 2) = -6; so the log-odds is 2x - 6, zero at x = 3
    const lda = new LinearDiscriminantAnalysis().fit([[0], [2], [4], [6]], [0, 0, 1, 1]);
    const { weights, intercept } = lda.logisticWeights();
    expect(weights[0]).toBeCloseTo(2, 12);
    expect(intercept).toBeCloseTo(-6, 12);
    expect(lda.predictProba([[3]]).data[1]).toBeCloseTo(0.5, 12);
    // unequal priors move the boundary by log(pi_1 / pi_0) / w: priors 0.2 / 0.8 -> x = (6 - log 4) / 2
    const shifted = new LinearDiscriminantAnalysis({ priors: [0.2, 0.8] }).fit([[0], [2], [4], [6]], [0, 0, 1, 1]);
    expect(shifted.predictProba([[(6 - Math.log(4)) / 2]]).data[1]).toBeCloseTo(0.5, 12);
  });

  it('QDA hand case in 1-D: variances 2 and 8 give a quadratic log-odds (two boundaries), 1e-12', () => {
    // class 0: {-1, 1} (mean 0, variance 2); class 1: {-2, 2} (mean 0, variance 8), unbiased (n_c - 1 = 1)
    const qda = new QuadraticDiscriminantAnalysis().fit([[-1], [1], [-2], [2]], [0, 0, 1, 1]);
    const delta = (x: number, v: number) => -0.5 * Math.log(v) - (x * x) / (2 * v) + Math.log(0.5);
    const D = qda.decisionFunction([[0], [3]]);
    expect(D.data[0]).toBeCloseTo(delta(0, 2), 12);
    expect(D.data[1]).toBeCloseTo(delta(0, 8), 12);
    expect(D.data[2]).toBeCloseTo(delta(3, 2), 12);
    expect(D.data[3]).toBeCloseTo(delta(3, 8), 12);
    expect(Array.from(qda.predict([[-3], [0], [3]]))).toEqual([1, 0, 1]);
  });
});

describe('discriminant analysis errors', () => {
  it('rejects bad input with TypeError / RangeError', () => {
    expect(() => new LinearDiscriminantAnalysis().fit([[1], [2]], [0, 0])).toThrow(/at least 2 classes/);
    expect(() => new LinearDiscriminantAnalysis().fit([[1], [2]], [0, 1])).toThrow(/more samples than classes/);
    expect(() => new QuadraticDiscriminantAnalysis().fit([[1], [2], [3]], [0, 0, 1])).toThrow(/at least 2 row\(s\) of every class/);
    expect(() => new LinearDiscriminantAnalysis({ priors: [0.5, 0.6] }).fit([[1], [2], [3], [5]], [0, 0, 1, 1])).toThrow(/summing to 1/);
    expect(() => new LinearDiscriminantAnalysis({ regularization: 2 })).toThrow(RangeError);
    expect(() => new LinearDiscriminantAnalysis().fit([[1, 1], [2, 2], [3, 3], [5, 5]], [0, 0, 1, 1])).toThrow(/singular/);
    expect(() => new LinearDiscriminantAnalysis().fit([[1], [2], [3]], ['a', 'b', 'a'] as unknown as number[])).toThrow(TypeError);
    expect(() => new QuadraticDiscriminantAnalysis().predict([[1]])).toThrow(/call fit/);
    const lda = new LinearDiscriminantAnalysis().fit([[0], [2], [4], [6]], [0, 0, 1, 1]);
    expect(() => lda.predict([[1, 2]])).toThrow(RangeError);
    expect(() => lda.logisticWeights(2, 0)).toThrow(/class index/);
  });
});
