// Gaussian discriminant analysis: LDA (one shared covariance, linear boundaries) and QDA (a covariance per class, quadratic boundaries).
import { asFittedInput, asMatrix, backSubstitution, cholesky, forwardSubstitution, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { asClassLabels } from '../linear/softmax-regression';
import { accuracyOf, argmaxRows } from './decision-tree';
import { posteriorFromJointLogLikelihood } from './gaussian-naive-bayes';

export interface DiscriminantAnalysisOptions {
  /** Class priors (length K, positive, summing to 1); default: the class shares in the training data. */
  priors: ArrayLike<number> | undefined;
  /**
   * Shrinks every covariance towards the identity, Sigma <- (1 - r) Sigma + r I, 0 <= r <= 1 (scikit-learn's QDA
   * reg_param). 0 = none (the default); use it when a class has fewer rows than features.
   */
  regularization: number;
}

export const discriminantAnalysisDefaults: Readonly<DiscriminantAnalysisOptions> = { priors: undefined, regularization: 0 };

interface FitStats { X: Matrix; y: Int32Array; K: number; counts: Float64Array; means: Float64Array; logPrior: Float64Array }

function fitStats(x: MatrixLike, labels: ArrayLike<number>, o: DiscriminantAnalysisOptions, minPerClass: number): FitStats {
  const X = asMatrix(x, 'x');
  const n = X.rows, d = X.cols;
  if (n === 0) throw new RangeError('expected at least 1 sample, got 0');
  if (d === 0) throw new RangeError('expected at least 1 feature, got 0');
  const { labels: y, nClasses: K } = asClassLabels(labels, n);
  if (K < 2) throw new RangeError(`expected at least 2 classes, got ${K}`);
  const counts = new Float64Array(K), means = new Float64Array(K * d);
  for (let i = 0; i < n; i++) {
    counts[y[i]]++;
    for (let j = 0; j < d; j++) means[y[i] * d + j] += X.data[i * d + j];
  }
  for (let c = 0; c < K; c++) {
    if (counts[c] < minPerClass) throw new RangeError(`expected at least ${minPerClass} row(s) of every class 0..${K - 1}, got ${counts[c]} of class ${c}`);
    for (let j = 0; j < d; j++) means[c * d + j] /= counts[c];
  }
  let logPrior: Float64Array;
  if (o.priors !== undefined) {
    const p = o.priors;
    if (p.length !== K) throw new RangeError(`expected ${K} priors (one per class), got ${p.length}`);
    let s = 0;
    for (let c = 0; c < K; c++) {
      if (typeof p[c] !== 'number') throw new TypeError(`expected numeric priors, got ${typeof p[c]} for class ${c}`);
      if (!(p[c] > 0)) throw new RangeError(`expected positive priors, got ${p[c]} for class ${c}`);
      s += p[c];
    }
    if (Math.abs(s - 1) > 1e-9) throw new RangeError(`expected priors summing to 1, got ${s}`);
    logPrior = Float64Array.from(p, Math.log);
  } else logPrior = counts.map((c) => Math.log(c / n));
  return { X, y, K, counts, means, logPrior };
}

function checkOptions(options: Partial<DiscriminantAnalysisOptions>): DiscriminantAnalysisOptions {
  const o = { ...discriminantAnalysisDefaults, ...options };
  if (typeof o.regularization !== 'number') throw new TypeError(`expected regularization to be a number, got ${typeof o.regularization}`);
  if (!(o.regularization >= 0 && o.regularization <= 1)) throw new RangeError(`expected 0 <= regularization <= 1, got regularization = ${o.regularization}`);
  return o;
}

/** Sigma <- (1 - r) Sigma + r I, in place (d x d row-major). */
function shrink(S: Float64Array, d: number, r: number): void {
  if (r === 0) return;
  for (let t = 0; t < S.length; t++) S[t] *= 1 - r;
  for (let j = 0; j < d; j++) S[j * d + j] += r;
}

function factor(S: Float64Array, d: number, what: string): Float64Array {
  try {
    return cholesky(matrix(d, d, S)).data;
  } catch (e) {
    throw new RangeError(`${what} is singular (${(e as Error).message}); use regularization > 0 or drop collinear features`);
  }
}

/** What LDA and QDA share: posteriors, predictions and accuracy from a class's discriminant delta_c(x). */
abstract class DiscriminantClassifier {
  /** delta_c(x) = log p(x | c) + log pi_c up to a constant shared by the classes. @param x - m x d @returns m x K */
  abstract decisionFunction(x: MatrixLike): Matrix;

  /** Posterior P(c | x) = softmax(delta(x)). @param x - m x d @returns m x K */
  predictProba(x: MatrixLike): Matrix {
    return posteriorFromJointLogLikelihood(this.decisionFunction(x));
  }

  /** The class with the largest discriminant (ties: the lowest index). @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    return argmaxRows(this.decisionFunction(x));
  }

  /** Accuracy on (x, labels). */
  score(x: MatrixLike, labels: ArrayLike<number>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asClassLabels(labels, pred.length).labels);
  }
}

/**
 * Linear discriminant analysis. Each class is a Gaussian N(mu_c, Sigma) with ONE covariance shared by all classes
 * (the pooled within-class covariance, denominator n - K, as scikit-learn). Bayes' rule then gives linear
 * discriminants
 *   delta_c(x) = w_c^T x + b_c,   w_c = Sigma^{-1} mu_c,   b_c = -1/2 mu_c^T Sigma^{-1} mu_c + log pi_c,
 * (the x^T Sigma^{-1} x term is the same for every class and cancels), P(c | x) = softmax_c(delta(x)). With two
 * classes the posterior is a logistic function of x: P(1 | x) = sigma((w_1 - w_0)^T x + b_1 - b_0).
 */
export class LinearDiscriminantAnalysis extends DiscriminantClassifier {
  readonly options: Readonly<DiscriminantAnalysisOptions>;
  /** K x d class means. */
  means: Matrix = matrix(0, 0);
  /** d x d pooled within-class covariance (after regularization). */
  covariance: Matrix = matrix(0, 0);
  /** K x d: row c is w_c = Sigma^{-1} mu_c. */
  coef: Matrix = matrix(0, 0);
  /** Length K: b_c = -1/2 mu_c^T Sigma^{-1} mu_c + log pi_c. */
  intercept: Float64Array = new Float64Array(0);
  /** Length K: log pi_c. */
  classLogPrior: Float64Array = new Float64Array(0);
  nClasses = 0;

  constructor(options: Partial<DiscriminantAnalysisOptions> = {}) {
    super();
    this.options = checkOptions(options);
  }

  /**
   * @param x - n x d row-major features
   * @param labels - length n class indices 0..K-1 (K >= 2, every class present, n > K)
   */
  fit(x: MatrixLike, labels: ArrayLike<number>): this {
    const { X, y, K, means, logPrior } = fitStats(x, labels, this.options, 1);
    const n = X.rows, d = X.cols;
    if (n <= K) throw new RangeError(`expected more samples than classes for the pooled covariance, got n = ${n}, K = ${K}`);
    const S = new Float64Array(d * d);
    const e = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) e[j] = X.data[i * d + j] - means[y[i] * d + j];
      for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) S[a * d + b] += e[a] * e[b];
    }
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) { S[a * d + b] /= n - K; S[b * d + a] = S[a * d + b]; }
    shrink(S, d, this.options.regularization);
    const L = factor(S, d, 'the pooled covariance');
    const coef = new Float64Array(K * d), intercept = new Float64Array(K);
    for (let c = 0; c < K; c++) {
      const mu = means.subarray(c * d, c * d + d);
      const w = backSubstitution(L, d, forwardSubstitution(L, d, mu));
      coef.set(w, c * d);
      let q = 0;
      for (let j = 0; j < d; j++) q += mu[j] * w[j];
      intercept[c] = -0.5 * q + logPrior[c];
    }
    this.means = matrix(K, d, means);
    this.covariance = matrix(d, d, S);
    this.coef = matrix(K, d, coef);
    this.intercept = intercept;
    this.classLogPrior = logPrior;
    this.nClasses = K;
    return this;
  }

  /** The linear discriminants delta_c(x) = w_c^T x + b_c. @param x - m x d @returns m x K */
  decisionFunction(x: MatrixLike): Matrix {
    if (this.nClasses === 0) throw new Error('LinearDiscriminantAnalysis: call fit(x, labels) before predicting');
    const K = this.nClasses, d = this.coef.cols;
    const X = asFittedInput(x, d);
    const out = matrix(X.rows, K);
    for (let i = 0; i < X.rows; i++) for (let c = 0; c < K; c++) {
      let s = this.intercept[c];
      for (let j = 0; j < d; j++) s += this.coef.data[c * d + j] * X.data[i * d + j];
      out.data[i * K + c] = s;
    }
    return out;
  }

  /**
   * The two-class posterior as a logistic regression: P(class `positive` | x) = sigma(w^T x + b) with
   * w = w_pos - w_neg, b = b_pos - b_neg (closed form, no iterative fitting).
   */
  logisticWeights(positive = 1, negative = 0): { weights: Float64Array; intercept: number } {
    if (this.nClasses === 0) throw new Error('LinearDiscriminantAnalysis: call fit(x, labels) before logisticWeights');
    for (const [name, c] of [['positive', positive], ['negative', negative]] as const) {
      if (!Number.isInteger(c) || c < 0 || c >= this.nClasses) throw new RangeError(`expected ${name} to be a class index 0..${this.nClasses - 1}, got ${c}`);
    }
    const d = this.coef.cols;
    const weights = new Float64Array(d);
    for (let j = 0; j < d; j++) weights[j] = this.coef.data[positive * d + j] - this.coef.data[negative * d + j];
    return { weights, intercept: this.intercept[positive] - this.intercept[negative] };
  }
}

/**
 * Quadratic discriminant analysis. Each class is a Gaussian N(mu_c, Sigma_c) with its OWN covariance (denominator
 * n_c - 1, as scikit-learn), so the discriminants are quadratic in x:
 *   delta_c(x) = -1/2 log|Sigma_c| - 1/2 (x - mu_c)^T Sigma_c^{-1} (x - mu_c) + log pi_c
 * (the common -d/2 log 2 pi is left out), P(c | x) = softmax_c(delta(x)). d(d+1)/2 covariance parameters per class
 * instead of once: more flexible, more variance; every class needs more rows than features (or regularization > 0).
 */
export class QuadraticDiscriminantAnalysis extends DiscriminantClassifier {
  readonly options: Readonly<DiscriminantAnalysisOptions>;
  /** K x d class means. */
  means: Matrix = matrix(0, 0);
  /** K covariance matrices, each d x d (after regularization). */
  covariances: Matrix[] = [];
  /** Length K: log pi_c. */
  classLogPrior: Float64Array = new Float64Array(0);
  nClasses = 0;
  private factors: Float64Array[] = [];
  private logDets = new Float64Array(0);

  constructor(options: Partial<DiscriminantAnalysisOptions> = {}) {
    super();
    this.options = checkOptions(options);
  }

  /**
   * @param x - n x d row-major features
   * @param labels - length n class indices 0..K-1 (K >= 2, at least 2 rows per class)
   */
  fit(x: MatrixLike, labels: ArrayLike<number>): this {
    const { X, y, K, counts, means, logPrior } = fitStats(x, labels, this.options, 2);
    const n = X.rows, d = X.cols;
    const S = Array.from({ length: K }, () => new Float64Array(d * d));
    const e = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const c = y[i], Sc = S[c];
      for (let j = 0; j < d; j++) e[j] = X.data[i * d + j] - means[c * d + j];
      for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) Sc[a * d + b] += e[a] * e[b];
    }
    const factors: Float64Array[] = [];
    const logDets = new Float64Array(K);
    for (let c = 0; c < K; c++) {
      const Sc = S[c];
      for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) { Sc[a * d + b] /= counts[c] - 1; Sc[b * d + a] = Sc[a * d + b]; }
      shrink(Sc, d, this.options.regularization);
      const L = factor(Sc, d, `the covariance of class ${c}`);
      factors.push(L);
      let ld = 0;
      for (let j = 0; j < d; j++) ld += 2 * Math.log(L[j * d + j]);
      logDets[c] = ld;
    }
    this.means = matrix(K, d, means);
    this.covariances = S.map((s) => matrix(d, d, s));
    this.classLogPrior = logPrior;
    this.nClasses = K;
    this.factors = factors;
    this.logDets = logDets;
    return this;
  }

  /** The quadratic discriminants delta_c(x). @param x - m x d @returns m x K */
  decisionFunction(x: MatrixLike): Matrix {
    if (this.nClasses === 0) throw new Error('QuadraticDiscriminantAnalysis: call fit(x, labels) before predicting');
    const K = this.nClasses, d = this.means.cols;
    const X = asFittedInput(x, d);
    const out = matrix(X.rows, K);
    const e = new Float64Array(d);
    for (let i = 0; i < X.rows; i++) for (let c = 0; c < K; c++) {
      for (let j = 0; j < d; j++) e[j] = X.data[i * d + j] - this.means.data[c * d + j];
      const z = forwardSubstitution(this.factors[c], d, e); // (x - mu)^T Sigma^{-1} (x - mu) = ||L^{-1}(x - mu)||^2
      let q = 0;
      for (let j = 0; j < d; j++) q += z[j] * z[j];
      out.data[i * K + c] = -0.5 * (this.logDets[c] + q) + this.classLogPrior[c];
    }
    return out;
  }
}
