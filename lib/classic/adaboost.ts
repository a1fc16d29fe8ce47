// Discrete AdaBoost for binary labels: reweighted decision stumps, each voting with alpha = 1/2 ln((1 - eps) / eps).
import { asFittedInput, type Matrix, type MatrixLike } from '../core/matrix';
import { asBinaryLabels } from '../linear/logistic-regression';
import { accuracyOf, argmaxAt, checkTreeOptions, growClassificationTree, leafIndex, type ClassificationTree } from './decision-tree';
import { presortColumns, restrictOrder } from './presort';
import { labelsFromScores } from '../linear/linear-scores';
import { asTrainingMatrix } from './validate';

export interface AdaBoostOptions {
  /** Boosting rounds at most (fewer when a weak learner is perfect or no better than chance). */
  nEstimators: number;
  /** Depth of each weak learner; 1 = decision stumps. */
  maxDepth: number;
  /** Shrinks every alpha (1 = classic AdaBoost). */
  learningRate: number;
}

export const adaBoostDefaults: Readonly<AdaBoostOptions> = { nEstimators: 50, maxDepth: 1, learningRate: 1 };

/** AdaBoost's vote weight of a weak learner with weighted error eps: alpha = 1/2 ln((1 - eps) / eps). */
export function adaBoostAlpha(eps: number): number {
  if (!(eps > 0 && eps < 1)) throw new RangeError(`expected a weighted error 0 < eps < 1, got eps = ${eps}`);
  return 0.5 * Math.log((1 - eps) / eps);
}

/**
 * Discrete AdaBoost (Freund & Schapire 1997) with labels y in {-1, +1} internally: start with equal weights
 * w_i = 1/n; each round fits a stump to the weighted data, measures its weighted error eps, gives it the vote
 * alpha = 1/2 ln((1 - eps)/eps), and multiplies w_i by exp(-alpha y_i h(x_i)) (misclassified rows gain weight), then
 * renormalises. The classifier is sign(sum_t alpha_t h_t(x)). This is stagewise minimisation of the exponential loss
 * sum_i exp(-y_i F(x_i)), whose value after round t is n * prod_s Z_s with Z_s = 2 sqrt(eps_s (1 - eps_s)).
 */
export class AdaBoostClassifier {
  readonly options: Readonly<AdaBoostOptions>;
  stumps: ClassificationTree[] = [];
  /** Vote weight of each weak learner. */
  alphas: Float64Array = new Float64Array(0);
  /** Weighted training error of each weak learner when it was fitted. */
  errors: Float64Array = new Float64Array(0);
  /** Training error of the ensemble after each round. */
  trainError: Float64Array = new Float64Array(0);
  nFeatures = 0;

  constructor(options: Partial<AdaBoostOptions> = {}) {
    const o = { ...adaBoostDefaults, ...options };
    if (!Number.isInteger(o.nEstimators) || o.nEstimators < 1) throw new RangeError(`expected nEstimators to be a positive integer, got nEstimators = ${o.nEstimators}`);
    if (!Number.isInteger(o.maxDepth) || o.maxDepth < 1) throw new RangeError(`expected maxDepth to be an integer >= 1, got maxDepth = ${o.maxDepth}`);
    if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new RangeError(`expected learningRate > 0, got learningRate = ${o.learningRate}`);
    this.options = o;
  }

  /**
   * @param x - n x d row-major features
   * @param y - length n labels in {0, 1}
   */
  fit(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): this {
    const X = asTrainingMatrix(x);
    const n = X.rows, d = X.cols;
    const Y01 = asBinaryLabels(y, n);
    const labels = Int32Array.from(Y01);
    const sorted = presortColumns(X);
    const treeOptions = checkTreeOptions({ maxDepth: this.options.maxDepth });
    const w = new Float64Array(n).fill(1 / n);
    const F = new Float64Array(n);
    const h = new Float64Array(n);
    const stumps: ClassificationTree[] = [], alphas: number[] = [], errors: number[] = [], trainError: number[] = [];
    for (let t = 0; t < this.options.nEstimators; t++) {
      const { order, m } = restrictOrder(sorted, n, d, w);
      const stump = growClassificationTree(X, labels, 2, w, order, m, treeOptions, null);
      let eps = 0;
      for (let i = 0; i < n; i++) {
        h[i] = argmaxAt(stump.value, leafIndex(stump, X.data, i * d) * 2, 2) === 1 ? 1 : -1;
        if ((h[i] > 0 ? 1 : 0) !== labels[i]) eps += w[i];
      }
      if (eps >= 0.5 - 1e-12) break; // no better than chance: stop (the first round always keeps at least this stump out)
      const perfect = eps <= 1e-12;
      const alpha = this.options.learningRate * adaBoostAlpha(perfect ? 1e-12 : eps);
      stumps.push(stump); alphas.push(alpha); errors.push(eps);
      let total = 0, wrong = 0;
      for (let i = 0; i < n; i++) {
        const yi = labels[i] === 1 ? 1 : -1;
        w[i] *= Math.exp(-alpha * yi * h[i]);
        total += w[i];
        F[i] += alpha * h[i];
        if ((F[i] > 0 ? 1 : 0) !== labels[i]) wrong++;
      }
      for (let i = 0; i < n; i++) w[i] /= total;
      trainError.push(wrong / n);
      if (perfect) break;
    }
    if (stumps.length === 0) throw new RangeError('expected a weak learner better than chance, got weighted error >= 0.5 in the first round');
    this.stumps = stumps;
    this.alphas = Float64Array.from(alphas);
    this.errors = Float64Array.from(errors);
    this.trainError = Float64Array.from(trainError);
    this.nFeatures = d;
    return this;
  }

  private checked(x: MatrixLike): Matrix {
    if (this.stumps.length === 0) throw new Error('AdaBoostClassifier: call fit(x, y) before predicting');
    const X = asFittedInput(x, this.nFeatures);
    return X;
  }

  /** F(x) = sum_t alpha_t h_t(x) with h_t in {-1, +1}. @param x - m x d */
  decisionFunction(x: MatrixLike): Float64Array {
    const X = this.checked(x);
    const F = new Float64Array(X.rows);
    this.stumps.forEach((stump, t) => {
      const a = this.alphas[t];
      for (let i = 0; i < X.rows; i++) F[i] += a * (argmaxAt(stump.value, leafIndex(stump, X.data, i * X.cols) * 2, 2) === 1 ? 1 : -1);
    });
    return F;
  }

  /** 1 where F(x) > 0, else 0. @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    return labelsFromScores(this.decisionFunction(x));
  }

  /** Accuracy on (x, y). */
  score(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asBinaryLabels(y, pred.length));
  }
}
