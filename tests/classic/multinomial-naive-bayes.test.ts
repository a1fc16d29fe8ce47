// Tests for lib/classic/multinomial-naive-bayes: word probabilities and priors against ml-naivebayes (1e-12) and the same
// predictions on a synthetic corpus; the worked example of Manning, Raghavan & Schuetze (IR book, example 13.1) by
// hand; errors.
import { describe, expect, it } from 'vitest';
import { MultinomialNB } from 'ml-naivebayes';
import { MultinomialNaiveBayes } from '../../lib/classic/multinomial-naive-bayes';
import { toRows } from '../../lib/core/matrix';
import { CountVectorizer } from '../../lib/text/bag-of-words';
import { makeTextCorpus } from '../../lib/text/synthetic-corpus';

describe('MultinomialNaiveBayes against ml-naivebayes (Laplace smoothing)', () => {
  it('synthetic 3-topic corpus: same log word probabilities and priors (1e-12), same test predictions', () => {
    const corpus = makeTextCorpus({ n: 300, seed: 3 });
    const test = makeTextCorpus({ n: 120, seed: 4 });
    const bow = new CountVectorizer().fit(corpus.docs);
    const X = bow.transform(corpus.docs), Xt = bow.transform(test.docs);
    const ours = new MultinomialNaiveBayes().fit(X, corpus.y);
    const ref = new MultinomialNB();
    ref.train(toRows(X), Array.from(corpus.y));
    const refLog = ref.conditionalProbability.to2DArray();
    const V = X.cols;
    for (let c = 0; c < 3; c++) for (let w = 0; w < V; w++) expect(Math.abs(ours.featureLogProb.data[c * V + w] - refLog[c][w])).toBeLessThan(1e-12);
    const refPrior = ref.priorProbability.to1DArray();
    for (let c = 0; c < 3; c++) expect(ours.classLogPrior[c]).toBeCloseTo(refPrior[c], 12);
    expect(Array.from(ours.predict(Xt))).toEqual(ref.predict(toRows(Xt)));
    expect(ours.score(Xt, test.y)).toBeGreaterThan(0.8);
  });
});

describe('MultinomialNaiveBayes behaviour', () => {
  it('IR book example 13.1: P(Chinese | c) = 3/7, P(Tokyo | c) = 1/14, P(Chinese | not c) = 2/9; the test document goes to c', () => {
    const docs = ['Chinese Beijing Chinese', 'Chinese Chinese Shanghai', 'Chinese Macao', 'Tokyo Japan Chinese'];
    const y = [0, 0, 0, 1]; // 0 = China, 1 = not China
    const bow = new CountVectorizer().fit(docs);
    expect(bow.vocabulary).toEqual(['beijing', 'chinese', 'japan', 'macao', 'shanghai', 'tokyo']);
    const nb = new MultinomialNaiveBayes().fit(bow.transform(docs), y);
    const V = 6, theta = (c: number, w: number) => Math.exp(nb.featureLogProb.data[c * V + w]);
    expect(theta(0, 1)).toBeCloseTo(3 / 7, 12);
    expect(theta(0, 5)).toBeCloseTo(1 / 14, 12);
    expect(theta(0, 2)).toBeCloseTo(1 / 14, 12);
    expect(theta(1, 1)).toBeCloseTo(2 / 9, 12);
    expect(theta(1, 5)).toBeCloseTo(2 / 9, 12);
    const d5 = bow.transform(['Chinese Chinese Chinese Tokyo Japan']);
    const J = nb.jointLogLikelihood(d5).data;
    expect(Math.exp(J[0])).toBeCloseTo((3 / 4) * (3 / 7) ** 3 * (1 / 14) ** 2, 12); // about 0.0003
    expect(Math.exp(J[1])).toBeCloseTo((1 / 4) * (2 / 9) ** 5, 12); // about 0.0001
    expect(Array.from(nb.predict(d5))).toEqual([0]);
    const P = nb.predictProba(d5).data;
    expect(P[0] + P[1]).toBeCloseTo(1, 12);
  });

  it('alpha and fitPrior change the estimates as the formulas say', () => {
    const x = [[2, 0], [1, 1], [0, 3]];
    const nb = new MultinomialNaiveBayes({ alpha: 0.5, fitPrior: false }).fit(x, [0, 0, 1]);
    // class 0 counts 3, 1 -> (3.5, 1.5) / 5; class 1 counts 0, 3 -> (0.5, 3.5) / 4
    expect(Math.exp(nb.featureLogProb.data[0])).toBeCloseTo(0.7, 12);
    expect(Math.exp(nb.featureLogProb.data[2])).toBeCloseTo(0.125, 12);
    expect(Array.from(nb.classLogPrior)).toEqual([-Math.log(2), -Math.log(2)]);
  });

  it('errors', () => {
    expect(() => new MultinomialNaiveBayes({ alpha: 0 })).toThrow(RangeError);
    expect(() => new MultinomialNaiveBayes().fit([[1, -1]], [0])).toThrow(/non-negative/);
    expect(() => new MultinomialNaiveBayes().fit([], [])).toThrow(RangeError);
    expect(() => new MultinomialNaiveBayes().fit([[1], [2]], [0, 2])).toThrow(/class 1/);
    expect(() => new MultinomialNaiveBayes().predict([[1]])).toThrow(/call fit/);
    expect(() => new MultinomialNaiveBayes().fit([[1, 2]], [0]).predict([[1]])).toThrow(/2 columns/);
  });
});
