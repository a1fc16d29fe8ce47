// Multinomial naive Bayes for word counts (bag of words or TF-IDF): Laplace/Lidstone-smoothed word probabilities per class.
import { asFittedInput, asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { asClassLabels } from '../linear/softmax-regression';
import { accuracyOf, argmaxRows } from './decision-tree';
import { posteriorFromJointLogLikelihood } from './gaussian-naive-bayes';

export interface MultinomialNBOptions {
  /** Additive smoothing: alpha = 1 is Laplace smoothing (as ml-naivebayes), 0 < alpha < 1 Lidstone. */
  alpha: number;
  /** Learn class priors from the data; false = uniform priors. */
  fitPrior: boolean;
}

export const multinomialNBDefaults: Readonly<MultinomialNBOptions> = { alpha: 1, fitPrior: true };

/**
 * Multinomial naive Bayes: a document is a bag of words drawn independently from a class-specific distribution
 * theta_c over the V words of the vocabulary, so
 *   log P(c | doc) = log P(c) + sum_w count(w) log theta_cw + const,   theta_cw = (N_cw + alpha) / (N_c + alpha V),
 * with N_cw the count of word w in the training documents of class c and N_c their total. Smoothing keeps a word
 * never seen in a class from zeroing the whole product. Works on counts and, in practice, on TF-IDF weights.
 */
export class MultinomialNaiveBayes {
  readonly options: Readonly<MultinomialNBOptions>;
  /** K x V: log theta_cw. */
  featureLogProb: Matrix = matrix(0, 0);
  /** Length K: log P(c). */
  classLogPrior: Float64Array = new Float64Array(0);
  /** K x V: summed counts N_cw. */
  featureCounts: Matrix = matrix(0, 0);
  nClasses = 0;

  constructor(options: Partial<MultinomialNBOptions> = {}) {
    const o = { ...multinomialNBDefaults, ...options };
    if (!(o.alpha > 0) || !Number.isFinite(o.alpha)) throw new RangeError(`expected alpha > 0, got alpha = ${o.alpha}`);
    if (typeof o.fitPrior !== 'boolean') throw new TypeError('expected fitPrior to be a boolean');
    this.options = o;
  }

  /**
   * @param x - n x V non-negative counts (or TF-IDF weights), one row per document
   * @param labels - length n class indices in 0..K-1
   */
  fit(x: MatrixLike, labels: ArrayLike<number>): this {
    const X = asMatrix(x, 'x');
    const n = X.rows, V = X.cols, Xd = X.data;
    if (n === 0) throw new RangeError('expected at least 1 sample, got 0');
    if (V === 0) throw new RangeError('expected at least 1 feature (word), got 0');
    for (let t = 0; t < Xd.length; t++) if (Xd[t] < 0) throw new RangeError(`expected non-negative counts, got ${Xd[t]} at row ${Math.floor(t / V)}, column ${t % V}`);
    const { labels: y, nClasses: K } = asClassLabels(labels, n);
    const docs = new Float64Array(K);
    const N = new Float64Array(K * V);
    for (let i = 0; i < n; i++) {
      const c = y[i];
      docs[c]++;
      for (let w = 0; w < V; w++) N[c * V + w] += Xd[i * V + w];
    }
    for (let c = 0; c < K; c++) if (docs[c] === 0) throw new RangeError(`expected at least 1 row of every class 0..${K - 1}, got none of class ${c}`);
    const { alpha, fitPrior } = this.options;
    const logProb = new Float64Array(K * V);
    for (let c = 0; c < K; c++) {
      let total = 0;
      for (let w = 0; w < V; w++) total += N[c * V + w];
      const denom = Math.log(total + alpha * V);
      for (let w = 0; w < V; w++) logProb[c * V + w] = Math.log(N[c * V + w] + alpha) - denom;
    }
    this.featureLogProb = matrix(K, V, logProb);
    this.featureCounts = matrix(K, V, N);
    this.classLogPrior = fitPrior ? docs.map((m) => Math.log(m / n)) : new Float64Array(K).fill(-Math.log(K));
    this.nClasses = K;
    return this;
  }

  /** log P(c) + sum_w x_w log theta_cw per row and class. @param x - m x V @returns m x K */
  jointLogLikelihood(x: MatrixLike): Matrix {
    if (this.nClasses === 0) throw new Error('MultinomialNaiveBayes: call fit(x, labels) before predicting');
    const V = this.featureLogProb.cols, K = this.nClasses;
    const X = asFittedInput(x, V);
    const L = this.featureLogProb.data;
    const out = matrix(X.rows, K);
    for (let i = 0; i < X.rows; i++) {
      const base = i * V;
      for (let c = 0; c < K; c++) out.data[i * K + c] = this.classLogPrior[c];
      for (let w = 0; w < V; w++) {
        const v = X.data[base + w];
        if (v === 0) continue; // documents are sparse: skip absent words
        for (let c = 0; c < K; c++) out.data[i * K + c] += v * L[c * V + w];
      }
    }
    return out;
  }

  /** Posterior P(c | x). @param x - m x V @returns m x K */
  predictProba(x: MatrixLike): Matrix {
    return posteriorFromJointLogLikelihood(this.jointLogLikelihood(x));
  }

  /** The most probable class (ties: the lowest index). @param x - m x V */
  predict(x: MatrixLike): Int32Array {
    return argmaxRows(this.jointLogLikelihood(x));
  }

  /** Accuracy on (x, labels). */
  score(x: MatrixLike, labels: ArrayLike<number>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asClassLabels(labels, pred.length).labels);
  }
}
