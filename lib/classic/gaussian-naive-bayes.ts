// Gaussian naive Bayes: per-class feature means and variances, features independent given the class, log-space posteriors.
import { asFittedInput, asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { asClassLabels, logSumExp } from '../linear/softmax-regression';
import { accuracyOf, argmaxRows } from './decision-tree';

export interface GaussianNBOptions {
  /**
   * Added to every variance: varSmoothing x the largest feature variance (as scikit-learn, default 1e-9), so a feature
   * that is constant within a class does not give a zero variance.
   */
  varSmoothing: number;
  /** Variance denominator n_c - ddof: 0 = maximum likelihood (scikit-learn), 1 = unbiased (ml-naivebayes). */
  ddof: number;
  /** Class priors (length K, summing to 1); default: the class shares in the training data. */
  priors: ArrayLike<number> | undefined;
}

export const gaussianNBDefaults: Readonly<GaussianNBOptions> = { varSmoothing: 1e-9, ddof: 0, priors: undefined };

/**
 * Gaussian naive Bayes: P(y = c | x) is proportional to P(c) prod_j N(x_j; mu_cj, sigma_cj^2), i.e. the features are
 * assumed independent given the class (the "naive" part), each a 1-D Gaussian per class. Fitting is counting: class
 * shares, per-class means and variances. Prediction compares the joint log-likelihoods
 *   log P(c) - 1/2 sum_j [ log(2 pi sigma_cj^2) + (x_j - mu_cj)^2 / sigma_cj^2 ],
 * which is a quadratic discriminant with diagonal covariances.
 */
export class GaussianNaiveBayes {
  readonly options: Readonly<GaussianNBOptions>;
  /** K x d class means. */
  means: Matrix = matrix(0, 0);
  /** K x d class variances (after smoothing). */
  variances: Matrix = matrix(0, 0);
  /** Length K: log P(c). */
  classLogPrior: Float64Array = new Float64Array(0);
  /** Length K: training rows per class. */
  classCounts: Float64Array = new Float64Array(0);
  nClasses = 0;
  /** The smoothing actually added to every variance. */
  epsilon = 0;

  constructor(options: Partial<GaussianNBOptions> = {}) {
    const o = { ...gaussianNBDefaults, ...options };
    if (!(o.varSmoothing >= 0) || !Number.isFinite(o.varSmoothing)) throw new RangeError(`expected varSmoothing >= 0, got varSmoothing = ${o.varSmoothing}`);
    if (o.ddof !== 0 && o.ddof !== 1) throw new RangeError(`expected ddof 0 or 1, got ddof = ${o.ddof}`);
    this.options = o;
  }

  /**
   * @param x - n x d row-major features
   * @param labels - length n class indices in 0..K-1; every class needs more than ddof rows
   */
  fit(x: MatrixLike, labels: ArrayLike<number>): this {
    const X = asMatrix(x, 'x');
    const n = X.rows, d = X.cols, Xd = X.data;
    if (n === 0) throw new RangeError('expected at least 1 sample, got 0');
    const { labels: y, nClasses: K } = asClassLabels(labels, n);
    const counts = new Float64Array(K);
    const mu = new Float64Array(K * d);
    for (let i = 0; i < n; i++) {
      const c = y[i];
      counts[c]++;
      for (let j = 0; j < d; j++) mu[c * d + j] += Xd[i * d + j];
    }
    for (let c = 0; c < K; c++) {
      if (counts[c] <= this.options.ddof) throw new RangeError(`expected more than ${this.options.ddof} row(s) of every class 0..${K - 1}, got ${counts[c]} of class ${c}`);
      for (let j = 0; j < d; j++) mu[c * d + j] /= counts[c];
    }
    const v = new Float64Array(K * d);
    for (let i = 0; i < n; i++) {
      const c = y[i];
      for (let j = 0; j < d; j++) {
        const e = Xd[i * d + j] - mu[c * d + j];
        v[c * d + j] += e * e;
      }
    }
    for (let c = 0; c < K; c++) for (let j = 0; j < d; j++) v[c * d + j] /= counts[c] - this.options.ddof;
    // epsilon = varSmoothing x the largest variance of any feature over all rows
    let maxVar = 0;
    for (let j = 0; j < d; j++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += Xd[i * d + j];
      mean /= n;
      let s = 0;
      for (let i = 0; i < n; i++) s += (Xd[i * d + j] - mean) ** 2;
      maxVar = Math.max(maxVar, s / n);
    }
    const eps = this.options.varSmoothing * maxVar;
    for (let t = 0; t < v.length; t++) {
      v[t] += eps;
      if (!(v[t] > 0)) throw new RangeError(`expected a positive variance, got 0 for class ${Math.floor(t / d)}, feature ${t % d} (a constant feature: use varSmoothing > 0)`);
    }
    let prior: Float64Array;
    if (this.options.priors !== undefined) {
      const p = this.options.priors;
      if (p.length !== K) throw new RangeError(`expected ${K} priors (one per class), got ${p.length}`);
      let s = 0;
      for (let c = 0; c < K; c++) {
        if (!(p[c] > 0)) throw new RangeError(`expected positive priors, got ${p[c]} for class ${c}`);
        s += p[c];
      }
      if (Math.abs(s - 1) > 1e-9) throw new RangeError(`expected priors summing to 1, got ${s}`);
      prior = Float64Array.from(p, Math.log);
    } else prior = counts.map((c) => Math.log(c / n));
    this.means = matrix(K, d, mu);
    this.variances = matrix(K, d, v);
    this.classLogPrior = prior;
    this.classCounts = counts;
    this.nClasses = K;
    this.epsilon = eps;
    return this;
  }

  /**
   * log P(c) + log p(x | c) for every row and class.
   * @param x - m x d @returns m x K
   */
  jointLogLikelihood(x: MatrixLike): Matrix {
    if (this.nClasses === 0) throw new Error('GaussianNaiveBayes: call fit(x, labels) before predicting');
    const d = this.means.cols, K = this.nClasses;
    const X = asFittedInput(x, d);
    const mu = this.means.data, v = this.variances.data;
    const constant = new Float64Array(K); // log P(c) - 1/2 sum_j log(2 pi var_cj)
    for (let c = 0; c < K; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += Math.log(2 * Math.PI * v[c * d + j]);
      constant[c] = this.classLogPrior[c] - 0.5 * s;
    }
    const out = matrix(X.rows, K);
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < K; c++) {
        let q = 0;
        for (let j = 0; j < d; j++) {
          const e = X.data[i * d + j] - mu[c * d + j];
          q += (e * e) / v[c * d + j];
        }
        out.data[i * K + c] = constant[c] - 0.5 * q;
      }
    }
    return out;
  }

  /** Posterior P(c | x) (softmax of the joint log-likelihoods). @param x - m x d @returns m x K */
  predictProba(x: MatrixLike): Matrix {
    return posteriorFromJointLogLikelihood(this.jointLogLikelihood(x));
  }

  /** The class with the largest posterior (ties: the lowest index). @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    return argmaxRows(this.jointLogLikelihood(x));
  }

  /** Accuracy on (x, labels). */
  score(x: MatrixLike, labels: ArrayLike<number>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asClassLabels(labels, pred.length).labels);
  }
}

/**
 * Turns joint log-likelihoods log P(c) + log p(x | c) into posteriors P(c | x) in place: each row minus its
 * log-sum-exp, exponentiated (a softmax that cannot overflow).
 * @param joint - m x K, overwritten
 * @returns joint
 */
export function posteriorFromJointLogLikelihood(joint: Matrix): Matrix {
  const K = joint.cols;
  for (let i = 0; i < joint.rows; i++) {
    const row = joint.data.subarray(i * K, i * K + K);
    const lse = logSumExp(row);
    for (let c = 0; c < K; c++) row[c] = Math.exp(row[c] - lse);
  }
  return joint;
}
